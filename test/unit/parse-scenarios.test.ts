import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { checkScenarios, loadScenarios, PARSE_IN_THREAD_BELOW, PARSE_WORKERS_FROM, parseScenarioFiles } from "../../src/session/load-scenarios.js";
import { liveWorkerCount, type WorkerSource } from "../../src/util/worker-pool.js";
import { DEFAULT_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { bundleWorker } from "../helpers/worker-build.js";

// `test` parses scenario files on worker threads while the bank loads: the same scenarios and the
// same positioned problems, in the same order, as reading them one by one in this thread.
let dir: string;
let bank: Bank;
let files: string[];
const sources: Record<"code" | "file", WorkerSource> = {} as never;
const display = (abs: string) => path.relative(dir, abs);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "selfcheck-parse-scenarios-"));
  sources.code = await bundleWorker("src/session/scenario-worker.ts", "code", dir);
  sources.file = await bundleWorker("src/session/scenario-worker.ts", "file", dir);
  bank = await mustLoad(DEFAULT_BANK);
  const shipped = (await readdir(path.join(DEFAULT_BANK, "scenarios"))).filter((n) => n.endsWith(".yaml")).sort();
  files = [];
  for (let i = 0; files.length < PARSE_IN_THREAD_BELOW + 40; i++) {
    const name = path.join(dir, `s-${String(i).padStart(4, "0")}.yaml`);
    if (i === 17) await writeFile(name, "name: broken\nbase: [all-correct\n"); // YAML error
    else if (i === 33) await writeFile(name, "name: no expect\nbase: all-correct\n"); // format error
    else if (i === 61) await writeFile(name, "name: unknown id\nbase: all-correct\nanswers:\n  no-such-question: yes\nexpect:\n  overall: pass\n  missed: [nope]\n"); // bank errors
    else await copyFile(path.join(DEFAULT_BANK, "scenarios", shipped[i % shipped.length] as string), name);
    files.push(name);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("parseScenarioFiles then checkScenarios", () => {
  it.each(["code", "file"] as const)("on worker threads (worker as %s) equals loading in one thread", async (kind) => {
    const single = await loadScenarios(files, bank, display);
    const parsed = await parseScenarioFiles(files, display, { workers: 2, source: sources[kind] });
    const pooled = await checkScenarios(files, parsed, bank);
    expect(pooled).toEqual(single);
    expect(pooled.scenarios).toHaveLength(files.length - 3);
    // The bank-dependent problems still say where: the file was read again for positions.
    expect(pooled.diagnostics.filter((d) => d.file === "s-0061.yaml").map((d) => [d.line, d.message])).toEqual([
      [7, 'unknown question id "nope"'],
      [4, 'unknown question id "no-such-question"'],
    ]);
    expect(pooled.diagnostics.some((d) => d.file === "s-0017.yaml" && d.line > 0)).toBe(true);
    expect(pooled.diagnostics.some((d) => d.file === "s-0033.yaml" && /expect/.test(d.message))).toBe(true);
    expect(liveWorkerCount()).toBe(0);
  });

  it("parses in this thread when only one worker could help (two cores): it would cost more than it saves", async () => {
    const single = await loadScenarios(files, bank, display);
    // A worker that cannot start: were it used, the parse would fail.
    const broken = { code: "throw new Error('a worker was started')" };
    const parsed = await parseScenarioFiles(files, display, { workers: PARSE_WORKERS_FROM - 1, source: broken });
    expect(await checkScenarios(files, parsed, bank)).toEqual(single);
  });

  it("stops early when told to, and ends its workers", async () => {
    let seen = 0;
    const parsed = await parseScenarioFiles(files, display, { workers: 2, source: sources.code, stopped: () => ++seen > 5 });
    expect(parsed.length).toBeLessThan(files.length);
    expect(liveWorkerCount()).toBe(0);
  });
});
