import { findWorker, mapInWorkers, type WorkerSource } from "../util/worker-pool.js";
import { verifyFile } from "./verify-file.js";
import type { VerifyOptions, VerifyOutcome } from "./verify-summary.js";

/** A file to verify: its absolute path, and how messages name it. */
export interface FileToVerify {
  abs: string;
  shown: string;
}

/**
 * Below this many files, verifying in the calling thread is quicker than starting workers: each
 * loads and compiles the verification code (about 80 ms of CPU, measured), the cost of some 500
 * files, and halving the time of fewer files than that does not pay it back. `verify a.json`
 * stays as fast as it was.
 */
export const IN_THREAD_BELOW = 1000;

/**
 * Verifies files and yields each outcome in the files' order, as soon as it is known: on worker
 * threads (one per core) when there are many files and a worker build is available, in this
 * thread otherwise. Either way the outcomes are the same; only the time differs.
 */
export async function* verifyFiles(
  files: readonly FileToVerify[],
  options: VerifyOptions,
  run: { threads: number; source?: WorkerSource | null },
): AsyncGenerator<VerifyOutcome> {
  const source = run.source === undefined ? verifyWorkerSource() : run.source;
  if (source === null || run.threads <= 1 || files.length < IN_THREAD_BELOW) {
    for (const f of files) yield await verifyFile(f.abs, f.shown, options);
    return;
  }
  yield* mapInWorkers<FileToVerify, VerifyOutcome, VerifyOptions>(files, { source, threads: run.threads, config: options });
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
