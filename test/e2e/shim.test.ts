import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/bank-fixture.js";
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
});
