// Shared by the floor scripts (scripts/floor-*.mjs, issue 16): runs `work(item)` over a list of
// items on one worker thread per core, handing out items through a shared counter so a thread
// that finishes early takes the next one (files of different sizes still balance). The worker is
// the calling script itself: `import.meta.url` of the caller, started with `isMainThread` false.
import os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

/** Main thread: starts the workers and resolves with the sum of what each returned. */
export async function runOnAllCores(scriptUrl, items, shared = {}) {
  const threads = Math.max(1, Math.min(os.availableParallelism(), items.length));
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results = await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(new URL(scriptUrl), { workerData: { items, next, shared } });
      return new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.once("exit", (code) => code !== 0 && reject(new Error(`a worker exited ${code}`)));
      });
    }),
  );
  const total = {};
  for (const r of results) for (const [k, v] of Object.entries(r)) total[k] = (total[k] ?? 0) + v;
  return { threads, ...total };
}

/** Worker thread: takes items until none are left, then reports the counts `work` returned. */
export function serveItems(prepare) {
  const { items, next, shared } = workerData;
  const work = prepare(shared);
  const counts = {};
  for (let i = Atomics.add(next, 0, 1); i < items.length; i = Atomics.add(next, 0, 1)) {
    const key = work(items[i]);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  parentPort.postMessage(counts);
}

export { isMainThread };
