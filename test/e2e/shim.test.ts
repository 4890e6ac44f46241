import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, DEFAULT_BANK, ROOT, tempDir } from "../helpers/bank-fixture.js";
import { inThreadBelow } from "../../src/report/verify-files.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";
import { runCli, spawnCli } from "../helpers/cli.js";

/**
 * The installed command as a shell runs it: `bin/selfcheck.js` loading the esbuild bundle of
 * dist/ (built by `npm run build`, which `npm test` runs first). Command behaviour is tested
 * in-process against the source (test/commands/); these prove that the built program is the
 * same program, and that its exit codes reach the shell.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let answers: string;

beforeAll(async () => {
  work = await tempDir();
  const shown = JSON.parse((await runCli(["show", "--json"])).stdout) as {
    sections: { questions: { id: string; type: string; options: { id: string; correct: boolean }[] }[] }[];
  };
  const all: Record<string, string | string[]> = {};
  for (const q of shown.sections.flatMap((s) => s.questions)) {
    const ids = q.options.filter((o) => o.correct).map((o) => o.id);
    all[q.id] = q.type === "multi" ? ids : (ids[0] as string);
  }
  all["safeguarding-current-pupil-request"] = "accept";
  answers = path.join(work.dir, "answers.json");
  await writeFile(answers, JSON.stringify(all));
});
afterAll(() => work.cleanup());

describe("the bin shim and the bundle", () => {
  it("a failed section is exit status 1, with the same output as the source gives in-process", async () => {
    const args = ["run", "--answers", answers, "--seed", "7", "--name", "Sam Patel"];
    const spawned = await spawnCli(args, { cwd: work.dir });
    const inProcess = await runCli(args, { cwd: work.dir });
    expect(spawned.code).toBe(1);
    expect(spawned.stderr).toBe("");
    expect(spawned.stdout).toContain("Overall: FAIL");
    expect(spawned).toEqual(inProcess);
  });

  it("--version exits 0 and unusable input exits 2, as the shell sees them", async () => {
    const version = await spawnCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const bad = await spawnCli(["run", "--frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--frobnicate'");
    expect(bad.stdout).toBe("");
  });

  it("verifying a well-formed summary loads no zod: not at start, not in a worker, not in the main thread's quick path", async () => {
    const bundle = path.join(ROOT, "dist/bundle");
    const names = await readdir(bundle);
    const text = new Map(await Promise.all(names.filter((n) => n.endsWith(".js")).map(async (n) => [n, await readFile(path.join(bundle, n), "utf8")] as const)));
    const withZod = [...text].filter(([, code]) => code.includes("ZodError")).map(([n]) => n);
    expect(withZod.length).toBeGreaterThan(0); // zod is in the bundle, for banks and refused files
    /** The chunks a chunk loads before it runs: its static imports, and theirs. */
    const loaded = (entry: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(entry)) return seen;
      seen.add(entry);
      for (const m of (text.get(entry) ?? "").matchAll(/(?:^|[;\s}])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+)["']/g)) loaded(m[1] as string, seen);
      return seen;
    };
    const entries = ["selfcheck.js", "verify-worker.js", ...names.filter((n) => n.startsWith("verify-file-"))];
    expect(entries.length).toBe(3);
    for (const entry of entries) expect([...loaded(entry)].filter((n) => withZod.includes(n)), entry).toEqual([]);
  });

  it("verify on many files runs on worker threads from the bundle's worker file, with the output of one thread", async () => {
    // Only a process shows that the bundle finds dist/bundle/verify-worker.js: under the test
    // runner there is no worker file (test/unit/verify-files.test.ts covers the pool itself).
    const bank = await mustLoad(DEFAULT_BANK);
    const trainer = trustedKey();
    const dir = path.join(work.dir, "many");
    await mkdir(dir);
    await writeFile(path.join(work.dir, "allowed_signers"), `${trainer.line}\n`);
    const files: string[] = [];
    for (let i = 0; i < inThreadBelow(2) + 20; i++) {
      const name = `s-${String(i).padStart(4, "0")}.json`;
      const file = makeSummaryFile(bank, trainer.key, { person: { name: `Person ${i}` }, finishedAt: new Date(Date.UTC(2026, 10, 1, 0, i)) });
      await writeFile(path.join(dir, name), i === 99 ? file.replace('"seed": 1', '"seed": 2') : file);
      files.push(name);
    }
    const args = ["verify", ...files, "--allowed-signers", "../allowed_signers", "--trainer", "trainer@school.example", "--at", "2026-11-20"];
    const oneThread = await spawnCli(args, { cwd: dir, env: { SELFCHECK_THREADS: "1" } });
    const profiles = path.join(work.dir, "profiles");
    // --cpu-prof (not allowed in NODE_OPTIONS) writes one profile per thread that ran.
    const threads = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--cpu-prof", "--cpu-prof-dir", profiles, CLI, ...args],
        { cwd: dir, env: { ...process.env, NO_COLOR: "1", SELFCHECK_THREADS: "2" }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(oneThread.code).toBe(1);
    expect(oneThread.stdout).toContain("✗ s-0099.json: NOT VERIFIED — signature does not match");
    expect(threads).toEqual({ code: oneThread.code, stdout: oneThread.stdout, stderr: oneThread.stderr });
    // Node writes one CPU profile per thread: the main thread, which verifies too, and one worker
    // (SELFCHECK_THREADS=2 is two threads in all).
    expect((await readdir(profiles)).filter((n) => n.endsWith(".cpuprofile"))).toHaveLength(2);

    // report streams the same files into its register on the same threads: the same bytes as one
    // thread; a bank it is given that is refused is exit 2, with no thread left running.
    const reportArgs = ["report", ".", "--allowed-signers", "../allowed_signers", "--trainer", "trainer@school.example", "--at", "2026-11-20", "--format", "json"];
    const reportOne = await spawnCli(reportArgs, { cwd: dir, env: { SELFCHECK_THREADS: "1" } });
    const reportTwo = await spawnCli(reportArgs, { cwd: dir, env: { SELFCHECK_THREADS: "2" } });
    expect(reportOne.code).toBe(1);
    expect(reportTwo).toEqual(reportOne);
    const badBank = await spawnCli([...reportArgs, "--bank", "no-such-bank"], { cwd: dir, env: { SELFCHECK_THREADS: "2" } });
    expect(badBank.code).toBe(2);
    expect(badBank.stderr).toContain("no-such-bank");
  });
});
