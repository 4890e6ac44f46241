import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveWorkerCount, mapInWorkers, type WorkerSource, WorkerPoolError } from "../../src/util/worker-pool.js";
import { bundleWorker } from "../helpers/worker-build.js";

let dir: string;
const sources: Record<"code" | "file", WorkerSource> = {} as never;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "selfcheck-pool-"));
  sources.code = await bundleWorker("test/helpers/pool-worker.ts", "code", dir);
  sources.file = await bundleWorker("test/helpers/pool-worker.ts", "file", dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every result of every batch, in order; with stopAfter, the loop is left early (as a closed pipe leaves it). */
async function collect<T>(batches: AsyncIterable<T[]>, stopAfter = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) {
    for (const r of batch) {
      out.push(r);
      if (out.length >= stopAfter) return out;
    }
  }
  return out;
}

describe.each(["code", "file"] as const)("mapInWorkers with the worker as %s", (kind) => {
  it("yields every result in the order of the items, from several threads", async () => {
    const items = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const results = await collect(mapInWorkers<number, { value: number; thread: number | null }, { offset: number }>(items, { source: sources[kind], threads: 3, config: { offset: 5 }, batchSize: 7 }));
    expect(results.map((r) => r.value)).toEqual(items.map((i) => i + 5));
    // The work was shared: more than one thread answered.
    expect(new Set(results.map((r) => r.thread)).size).toBeGreaterThan(1);
    expect(liveWorkerCount()).toBe(0);
  });

  it("turns an exception in the worker's function into a WorkerPoolError with its message, and ends the workers", async () => {
    const items = [1, 2, 3, -1, 4, 5, 6, 7, 8];
    const run = collect(mapInWorkers(items, { source: sources[kind], threads: 2, config: { offset: 0 }, batchSize: 2 }));
    await expect(run).rejects.toThrow(WorkerPoolError);
    await expect(collect(mapInWorkers(items, { source: sources[kind], threads: 2, config: { offset: 0 }, batchSize: 2 }))).rejects.toThrow("item -1 is not allowed");
    expect(liveWorkerCount()).toBe(0);
  });

  it("fails, rather than waits forever, when a worker thread ends", async () => {
    const items = [1, 2, -2, 3, 4];
    await expect(collect(mapInWorkers(items, { source: sources[kind], threads: 2, config: { offset: 0 }, batchSize: 1 }))).rejects.toThrow(/worker thread stopped \(exit code 3\)/);
    expect(liveWorkerCount()).toBe(0);
  });

  it("ends the workers when the consumer stops early", async () => {
    const items = Array.from({ length: 500 }, (_, i) => i);
    const results = await collect(mapInWorkers(items, { source: sources[kind], threads: 2, config: { offset: 1 }, batchSize: 4 }), 10);
    expect(results.map((r) => (r as { value: number }).value)).toEqual(items.slice(0, 10).map((i) => i + 1));
    expect(liveWorkerCount()).toBe(0);
  });
});

it("starts no worker for no items", async () => {
  expect(await collect(mapInWorkers([], { source: sources.code, threads: 4, config: { offset: 0 } }))).toEqual([]);
  expect(liveWorkerCount()).toBe(0);
});

describe("mapInWorkers with the calling thread as one of the threads (local)", () => {
  const here = (offset: number) => (item: number) => {
    if (item === -1) throw new Error("item -1 is not allowed here");
    return { value: item + offset, thread: 0 };
  };

  it("shares the work with the workers and still yields in the items' order", async () => {
    const items = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 2000);
    const results = await collect(mapInWorkers(items, { source: sources.file, threads: 1, config: { offset: 3 }, batchSize: 8, local: Promise.resolve(here(3)) }));
    expect(results.map((r) => r.value)).toEqual(items.map((i) => i + 3));
    // Both this thread (0) and the worker did some of it.
    const threads = new Set(results.map((r) => r.thread));
    expect(threads.has(0)).toBe(true);
    expect(threads.size).toBe(2);
    expect(liveWorkerCount()).toBe(0);
  });

  it("fails with the calling thread's own exception, and ends the workers", async () => {
    const items = Array.from({ length: 400 }, (_, i) => (i === 350 ? -1 : i));
    // The workers give a WorkerPoolError for -1, this thread its own error: either way the map fails.
    await expect(collect(mapInWorkers(items, { source: sources.file, threads: 1, config: { offset: 0 }, batchSize: 4, local: Promise.resolve(here(0)) }))).rejects.toThrow(/item -1 is not allowed/);
    expect(liveWorkerCount()).toBe(0);
  });

  it("does a dead worker's batches itself: the map still gives every result, in order", async () => {
    // -2 ends the thread of the worker sent the first batch; here it is an ordinary item.
    const items = Array.from({ length: 300 }, (_, i) => (i === 1 ? -2 : i));
    const results = await collect(mapInWorkers(items, { source: sources.file, threads: 2, config: { offset: 1 }, batchSize: 4, local: Promise.resolve(here(1)) }));
    expect(results.map((r) => r.value)).toEqual(items.map((i) => i + 1));
    expect(liveWorkerCount()).toBe(0);
  });

  it("works alone when no worker can start", async () => {
    const broken: WorkerSource = { code: "throw new Error('this machine allows no threads')" };
    const items = Array.from({ length: 100 }, (_, i) => i);
    const results = await collect(mapInWorkers(items, { source: broken, threads: 2, config: { offset: 2 }, batchSize: 4, local: Promise.resolve(here(2)) }));
    expect(results).toEqual(items.map((i) => ({ value: i + 2, thread: 0 })));
    expect(liveWorkerCount()).toBe(0);
  });

  it("ends the workers when the consumer stops early", async () => {
    const items = Array.from({ length: 500 }, (_, i) => i);
    const results = await collect(mapInWorkers(items, { source: sources.code, threads: 1, config: { offset: 1 }, batchSize: 4, local: Promise.resolve(here(1)) }), 10);
    expect(results.map((r) => r.value)).toEqual(items.slice(0, 10).map((i) => i + 1));
    expect(liveWorkerCount()).toBe(0);
  });
});
