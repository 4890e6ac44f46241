import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { type FileToVerify, inThreadBelow, verifyFiles, verifyWorkerSource } from "../../src/report/verify-files.js";
import type { VerifyOptions } from "../../src/summary/verify-summary.js";
import { liveWorkerCount, type WorkerSource } from "../../src/util/worker-pool.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { sampleSummary, signSummary, trustedKey } from "../helpers/summaries.js";
import { bundleWorker } from "../helpers/worker-build.js";

// The worker paths of `verify` and `report`: the same outcomes, in the same order, as one thread.
let dir: string;
let files: FileToVerify[];
let options: VerifyOptions;
const sources: Record<"code" | "file", WorkerSource> = {} as never;
/** Fewer files than the workers' threshold in these tests (the default, inThreadBelow, is in the thousands). */
const FEW = 200;

/** Every view of every batch, in order. */
async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "selfcheck-verify-files-"));
  sources.code = await bundleWorker("src/report/verify-worker.ts", "code", dir);
  sources.file = await bundleWorker("src/report/verify-worker.ts", "file", dir);
  const bank: Bank = await mustLoad(MINIMAL_BANK);
  const trusted = trustedKey();
  const stranger = trustedKey("stranger@school.example");
  // The trainer list and the bank hashes travel to the workers with the rest of the options.
  options = { signers: trusted.signers, at: new Date("2026-12-01T00:00:00Z"), bankHashes: new Set([bank.sha256]), trainers: ["trainer@school.example"] };
  files = [];
  // Every kind of outcome, mixed: verified, signed by an unknown key, edited, not JSON (two kinds), missing.
  for (let i = 0; i < FEW + 50; i++) {
    const name = `s-${String(i).padStart(4, "0")}.json`;
    const abs = path.join(dir, name);
    const person = { name: `Person ${i}`, staffId: `T-${i}` };
    const kind = i % 5;
    if (kind === 0 || kind === 1) await writeFile(abs, signSummary(sampleSummary(bank, person), trusted.key));
    else if (kind === 2) await writeFile(abs, signSummary(sampleSummary(bank, person), stranger.key));
    else if (kind === 3) await writeFile(abs, signSummary(sampleSummary(bank, person), trusted.key).replace('"seed": 42', '"seed": 43'));
    else if (i % 20 === 4) await writeFile(abs, `{"summary": {"seed": 1, "seed": 2}}`);
    // Valid JSON the quick check refuses: each worker hands it back, and it is verified in full here.
    else if (i % 20 === 14) await writeFile(abs, signSummary(sampleSummary(bank, person), trusted.key).replace('"seed": 42', '"seed": 4.5'));
    // i % 10 === 9: no file at all
    files.push({ abs, shown: name });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("verifyFiles", () => {
  it("in one thread, gives every kind of outcome (the fixture is what it claims)", async () => {
    const outcomes = await collect(verifyFiles(files, options, { threads: 1, view: "outcome" }));
    expect(new Set(outcomes.map((o) => o.code))).toEqual(new Set(["verified", "untrusted-key", "signature-invalid", "not-json"]));
    expect(outcomes.filter((o) => o.reason.includes("fraction"))).toHaveLength(files.filter((_, i) => i % 20 === 14).length);
    expect(outcomes.filter((o) => o.reason === "no such file or folder")).toHaveLength(files.length / 10);
  });

  it.each(["code", "file"] as const)("on worker threads (worker as %s): the same outcomes in the same order", async (kind) => {
    const single = await collect(verifyFiles(files, options, { threads: 1, view: "outcome" }));
    const pooled = await collect(verifyFiles(files, options, { threads: 3, view: "outcome", source: sources[kind], inThreadBelow: FEW }));
    expect(pooled).toHaveLength(files.length);
    expect(pooled).toEqual(single);
    // Order: each verified outcome names the person written into that file.
    pooled.forEach((o, i) => {
      if (o.summary) expect(o.summary.person.name).toBe(`Person ${i}`);
    });
    expect(liveWorkerCount()).toBe(0);
  });

  it.each([true, false])("sends verify's lines from the workers (colour %s), as one thread writes them", async (color) => {
    const run = { view: "text", viewConfig: { color } } as const;
    const single = await collect(verifyFiles(files, options, { ...run, threads: 1 }));
    const pooled = await collect(verifyFiles(files, options, { ...run, threads: 2, source: sources.file, inThreadBelow: FEW }));
    expect(pooled).toEqual(single);
    expect(single[0]?.text).toContain("✓ s-0000.json: verified");
    expect(single.some((o) => o.text.includes("\u001B[")) ).toBe(color);
    // Only the line and the status cross from the worker: no summary travels.
    expect(Object.keys(pooled[0] ?? {}).sort()).toEqual(["status", "text"]);
  });

  it.each([1, 2])("yields the views a batch at a time, in order, on %i thread(s)", async (threads) => {
    const sizes: number[] = [];
    const views: string[] = [];
    for await (const batch of verifyFiles(files, options, { threads, view: "text", viewConfig: { color: false }, source: sources.file, inThreadBelow: FEW })) {
      sizes.push(batch.length);
      views.push(...batch.map((v) => v.text));
    }
    // Full batches of 32 but the last: one step of the caller's loop per batch, not per file.
    expect(sizes.slice(0, -1).every((n) => n === 32)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(files.length);
    expect(views).toEqual((await collect(verifyFiles(files, options, { threads: 1, view: "text", viewConfig: { color: false } }))).map((v) => v.text));
  });

  it("keeps a few files in the calling thread even when a worker is available", async () => {
    const few = files.slice(0, 3);
    // A worker that cannot start: were it used, the map would fail.
    const broken: WorkerSource = { code: "throw new Error('a worker was started')" };
    const outcomes = await collect(verifyFiles(few, options, { threads: 4, view: "outcome", source: broken }));
    expect(outcomes.map((o) => o.code)).toEqual(["verified", "verified", "untrusted-key"]);
  });

  it("verifies everything in this thread when no worker can start (a thread limit costs time, not the answer)", async () => {
    const broken: WorkerSource = { code: "throw new Error('no threads here')" };
    const single = await collect(verifyFiles(files, options, { threads: 1, view: "outcome" }));
    const alone = await collect(verifyFiles(files, options, { threads: 2, view: "outcome", source: broken, inThreadBelow: FEW }));
    expect(alone).toEqual(single);
    expect(liveWorkerCount()).toBe(0);
  });

  it("starts workers only for runs they shorten: thousands of files, fewer with more cores", () => {
    expect(inThreadBelow(1)).toBe(Number.POSITIVE_INFINITY);
    expect(inThreadBelow(2)).toBe(3500);
    expect(inThreadBelow(4)).toBe(2333);
    expect(inThreadBelow(16)).toBeLessThan(inThreadBelow(4));
  });

  it("finds no worker build under the TypeScript source (so it verifies in-thread)", () => {
    expect(verifyWorkerSource()).toBeNull();
  });
});
