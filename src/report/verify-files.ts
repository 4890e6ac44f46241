import type { FileOutcome } from "../summary/verify-file.js";
import type { VerifyOptions } from "../summary/verify-summary.js";
import { BATCH_SIZE, findWorker, mapInWorkers, type WorkerSource } from "../util/worker-pool.js";
import { VERIFY_VIEWS, type VerifyView, type ViewConfig, type ViewResult } from "./verify-views.js";

/** A file to verify: its absolute path, and how messages name it. */
export interface FileToVerify {
  abs: string;
  shown: string;
}

/** What every verification worker is given at start. */
export interface VerifyWorkerConfig {
  options: VerifyOptions;
  view: VerifyView;
  viewConfig: ViewConfig;
}

/**
 * Below this many files, verifying in the calling thread is quicker than starting workers. A
 * worker's start and warm-up cost about what 1,750 files cost in one thread; with T threads a run
 * of n files saves n/T of them, so workers pay from n = 1,750 · T / (T − 1): 3,500 files on two
 * cores, about 2,300 on four. Measured on two cores (one thread against two): 242 ms against 268
 * at 1,000 files, 462 against 476 at 3,000, 685 against 636 at 5,000. `verify a.json` never
 * starts a thread.
 */
export function inThreadBelow(threads: number): number {
  return threads <= 1 ? Number.POSITIVE_INFINITY : Math.round((1750 * threads) / (threads - 1));
}

/**
 * Verifies files and yields each one's `view` (verify-views.ts) in the files' order, a batch of
 * files at a time, as soon as the batch is known: on worker threads (one per core) when there are
 * many files and a worker build is available, in this thread otherwise. Either way the results are
 * the same; only the time differs. Batches, not single views, so that a caller's `for await` (and
 * every generator between) takes one step per batch: per file, those steps cost more than a
 * file's record.
 */
export async function* verifyFiles<V extends VerifyView>(
  files: readonly FileToVerify[],
  options: VerifyOptions,
  run: {
    threads: number;
    view: V;
    viewConfig?: ViewConfig;
    source?: WorkerSource | null;
    /** Fewer files than this are verified in this thread (default: inThreadBelow(threads)). */
    inThreadBelow?: number;
  },
): AsyncGenerator<ViewResult<V>[]> {
  const viewConfig = run.viewConfig ?? { color: false };
  const source = run.source === undefined ? verifyWorkerSource() : run.source;
  const inThread = source === null || run.threads <= 1 || files.length < (run.inThreadBelow ?? inThreadBelow(run.threads));
  const view = VERIFY_VIEWS[run.view] as (o: FileOutcome, c: ViewConfig) => ViewResult<V>;
  // Every thread verifies quickly, without zod; a file the quick check refuses comes back as
  // null and is verified in full here, in its place, with zod loaded then (verify-fully.ts).
  // With workers, this thread is one of the `threads` too (mapInWorkers' `local`): they start
  // first, and the verification code is loaded here while they start.
  const quick = import("../summary/verify-file.js").then(({ verifyFile }) => quickView(verifyFile, options, view, viewConfig));
  let inFull: ((f: FileToVerify) => ViewResult<V>) | undefined;
  const verifyInFull = async (f: FileToVerify) => {
    if (inFull === undefined) {
      const [{ verifyFile }, { readFully }] = await Promise.all([import("../summary/verify-file.js"), import("../summary/verify-fully.js")]);
      inFull = (file) => view(verifyFile(file.abs, file.shown, options, readFully), viewConfig);
    }
    return inFull(f);
  };
  const batches = inThread
    ? inThreadBatches(files, await quick)
    : mapInWorkers<FileToVerify, ViewResult<V> | null, VerifyWorkerConfig>(files, {
        source,
        threads: run.threads - 1,
        config: { options, view: run.view, viewConfig },
        local: quick,
      });
  let index = 0;
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i++) {
      if (batch[i] === null) batch[i] = await verifyInFull(files[index + i] as FileToVerify);
    }
    index += batch.length;
    yield batch as ViewResult<V>[];
  }
}

/**
 * What every thread runs on each file: its view, or null for a file the quick check refuses, which
 * the main thread then verifies in full (verifyFiles). `verify` is verify-file.ts's verifyFile,
 * given so that the main thread can load it lazily and a worker statically.
 */
export function quickView<O>(
  verify: (abs: string, shown: string, options: VerifyOptions) => FileOutcome | undefined,
  options: VerifyOptions,
  view: (o: FileOutcome, c: ViewConfig) => O,
  viewConfig: ViewConfig,
): (f: FileToVerify) => O | null {
  return (f) => {
    const outcome = verify(f.abs, f.shown, options);
    return outcome === undefined ? null : view(outcome, viewConfig);
  };
}

async function* inThreadBatches<O>(files: readonly FileToVerify[], verifyOne: (f: FileToVerify) => O): AsyncGenerator<O[]> {
  for (let i = 0; i < files.length; i += BATCH_SIZE) yield files.slice(i, i + BATCH_SIZE).map(verifyOne);
}

/** The verification worker of this build, or null (then verifying is in-thread). */
export function verifyWorkerSource(): WorkerSource | null {
  return findWorker("verify-worker", new URL("./verify-worker.js", import.meta.url));
}

/**
 * Options as a worker receives them: structured cloning turns each signer's key Buffer into a
 * plain Uint8Array; everything else (Dates, Sets, strings) arrives as it was sent.
 */
export function reviveVerifyOptions(options: VerifyOptions): VerifyOptions {
  return {
    ...options,
    signers: options.signers.map((s) => ({ ...s, publicKey: s.publicKey === null ? null : Buffer.from(s.publicKey) })),
  };
}
