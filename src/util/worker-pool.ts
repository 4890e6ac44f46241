import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parentPort, Worker, workerData } from "node:worker_threads";

/**
 * A worker's code: a file (the tsc build and the npm bundle ship one beside the module that
 * starts it), or the source text of a self-contained CommonJS bundle (the standalone executable
 * is one file, so its workers run from a string built into it).
 */
export type WorkerSource = { file: URL } | { code: string };

/** Set by the standalone executable's build: its workers, each bundled into one CommonJS string, by name. */
declare const __SELFCHECK_WORKERS__: Record<string, string> | undefined;

/**
 * Where this build keeps the worker `name`: inside the executable (as source), as the file
 * `beside` (dist/… from tsc, dist/bundle/ from esbuild: `new URL("./name.js", import.meta.url)`
 * in the module that starts it), or nowhere: the TypeScript source under a test runner (Node
 * cannot start a .ts worker), or an executable built without it. Nowhere means in-thread.
 */
export function findWorker(name: string, beside: URL): WorkerSource | null {
  if (typeof __SELFCHECK_WORKERS__ === "object") {
    const code = __SELFCHECK_WORKERS__[name];
    return code === undefined ? null : { code };
  }
  try {
    return existsSync(fileURLToPath(beside)) ? { file: beside } : null;
  } catch {
    return null;
  }
}

export interface PoolOptions<C, I = unknown, O = unknown> {
  source: WorkerSource;
  threads: number;
  /** Given to every worker once, at start (structured clone: plain data, Dates, typed arrays). */
  config: C;
  /** Items sent per message: large enough that messages cost little, small enough to balance. */
  batchSize?: number;
  /**
   * Batches per worker in flight or waiting to be yielded (default 2: one being worked on, one
   * waiting). More lets workers run ahead of a busy main thread, holding more results.
   */
  inFlight?: number;
  /**
   * The same work, done in this thread: when given, this thread takes batches too, between
   * handling the workers' messages, so `threads` workers and this one keep `threads + 1` cores
   * busy. On two cores one worker and this thread beat two workers and an idle thread: one
   * worker fewer to start, and half the messages. It may run ahead of the results yielded by at
   * most LOCAL_AHEAD batches (a worker that is still starting holds up only its own). A promise,
   * so this thread can load what the work needs while the workers start. With it, a worker that
   * cannot start or dies (a thread limit, memory) costs only time: this thread does its batches.
   */
  local?: Promise<(item: I) => O>;
}

/** Items per batch unless the caller says otherwise. */
export const BATCH_SIZE = 32;

/** How far (in batches) the calling thread may run ahead of the results yielded, with `local`. */
const LOCAL_AHEAD = 64;

/** Raised in the main thread when a worker's function threw or the worker died. */
export class WorkerPoolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WorkerPoolError";
  }
}

/** Workers started and not yet ended, in every pool: none once a map has finished. */
const live = new Set<Worker>();

export function liveWorkerCount(): number {
  return live.size;
}

/** Results travel as JSON text: for plain data, stringify and parse cost less than structured cloning. */
type Reply = { batch: number; json: string } | { batch: number; error: string };

/**
 * Maps `items` through worker threads and yields the results in the items' order, a batch at a
 * time (each batch's results as one array), as soon as each batch is ready: one step of the
 * caller's `for await` per batch rather than per item. Results must be plain JSON data (objects,
 * arrays, strings, numbers, booleans, null; a property set to undefined arrives missing). At most `inFlight` batches per worker are
 * in flight or waiting to be yielded, so memory stays flat however many items there are. The
 * workers are always ended when the loop ends: at the last result, on an error, or when the
 * consumer stops early (a closed pipe).
 */
export async function* mapInWorkers<I, O, C>(items: readonly I[], options: PoolOptions<C, I, O>): AsyncGenerator<O[]> {
  const batchSize = Math.max(1, options.batchSize ?? BATCH_SIZE);
  const batches = Math.ceil(items.length / batchSize);
  if (batches === 0) return;
  const threads = Math.max(1, Math.min(options.threads, batches));
  const inFlight = Math.max(1, options.inFlight ?? 2);
  let local: ((item: I) => O) | undefined;
  const window = threads * inFlight + (options.local ? LOCAL_AHEAD : 0);

  const ready = new Map<number, O[]>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  // A window over the batches: none is sent (or done here) more than `window` ahead of the next
  // to be yielded, so a slow batch or a slow consumer never lets results pile up.
  let nextToSend = 0;
  let nextToYield = 0;
  /** The batches each live worker has been sent and not yet answered. */
  const outstanding = new Map<Worker, Set<number>>();
  /** Batches of workers that died, for this thread to do (only with `local`). */
  const orphaned: number[] = [];
  const refill = () => {
    for (const [worker, sent] of outstanding) {
      while (sent.size < inFlight && nextToSend < batches && nextToSend < nextToYield + window) {
        const batch = nextToSend++;
        worker.postMessage({ batch, items: items.slice(batch * batchSize, (batch + 1) * batchSize) });
        sent.add(batch);
      }
    }
  };
  const lost = (worker: Worker, why: string, cause?: unknown) => {
    const sent = outstanding.get(worker);
    if (sent === undefined) return; // already counted (an error, then its exit)
    outstanding.delete(worker);
    if (options.local) orphaned.push(...sent);
    else failure ??= new WorkerPoolError(why, cause === undefined ? undefined : { cause });
    notify();
  };

  const workers: Worker[] = [];
  const exits: Promise<void>[] = [];
  let closing = false;
  for (let t = 0; t < threads; t++) {
    const worker =
      "file" in options.source
        ? new Worker(options.source.file, { workerData: options.config })
        : new Worker(options.source.code, { eval: true, workerData: options.config });
    workers.push(worker);
    live.add(worker);
    outstanding.set(worker, new Set());
    worker.on("message", (reply: Reply) => {
      // The function threw: a bug (expected failures are results), which this thread would repeat.
      if ("error" in reply) failure ??= new WorkerPoolError(reply.error);
      else {
        ready.set(reply.batch, JSON.parse(reply.json) as O[]);
        outstanding.get(worker)?.delete(reply.batch);
        refill();
      }
      notify();
    });
    worker.on("error", (error: Error) => lost(worker, `a worker thread failed: ${error.message}`, error));
    exits.push(
      new Promise((resolve) =>
        worker.once("exit", (code) => {
          live.delete(worker);
          if (!closing) lost(worker, `a worker thread stopped (exit code ${code})`);
          notify();
          resolve();
        }),
      ),
    );
  }
  refill();

  try {
    for (; nextToYield < batches; nextToYield++) {
      let results = ready.get(nextToYield);
      while (results === undefined) {
        if (failure) throw failure;
        const own = !options.local
          ? undefined
          : orphaned.length > 0
            ? Math.min(...orphaned)
            : nextToSend < batches && nextToSend < nextToYield + window
              ? nextToSend++
              : undefined;
        if (own !== undefined) {
          // Rather than wait: a dead worker's batch, or the next batch no worker has, done here;
          // then the workers' messages are let in (one may be waiting for its next batch).
          if (orphaned.includes(own)) orphaned.splice(orphaned.indexOf(own), 1);
          local ??= await (options.local as Promise<(item: I) => O>);
          const work = local;
          ready.set(own, items.slice(own * batchSize, (own + 1) * batchSize).map((item) => work(item)));
          await new Promise<void>((resolve) => setImmediate(resolve));
        } else {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
        results = ready.get(nextToYield);
      }
      ready.delete(nextToYield);
      refill();
      yield results;
    }
  } finally {
    closing = true;
    for (const w of workers) if (live.has(w)) void w.terminate();
    await Promise.all(exits);
  }
}

/**
 * The worker's side: `setup` runs once with the pool's config and returns the function applied
 * to each item. Batches are answered one at a time, in the order they come. A function that
 * throws fails the whole map (in the main thread, as a WorkerPoolError with its message): it is
 * a bug, since expected failures are results.
 */
export function serveWorker<C, I, O>(setup: (config: C) => (item: I) => O | Promise<O>): void {
  const port = parentPort;
  if (!port) throw new Error("serveWorker runs in a worker thread");
  const work = setup(workerData as C);
  let queue = Promise.resolve();
  port.on("message", ({ batch, items }: { batch: number; items: I[] }) => {
    queue = queue.then(async () => {
      try {
        const results: O[] = [];
        for (const item of items) {
          // A promise only when the work is asynchronous: awaiting a plain value costs a turn per item.
          const result = work(item);
          results.push(result instanceof Promise ? await result : result);
        }
        port.postMessage({ batch, json: JSON.stringify(results) } satisfies Reply);
      } catch (error) {
        port.postMessage({ batch, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
      }
    });
  });
}
