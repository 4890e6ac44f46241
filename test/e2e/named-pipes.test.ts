import { createHash } from "node:crypto";
import { chmod, lstat, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePrivateKey, generateKey } from "../../src/summary/openssh-key.js";
import { keyedAnswers } from "../helpers/answers.js";
import { DEFAULT_BANK, makeFifo, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";

/**
 * --force never replaces a named pipe. Node cannot make a FIFO itself, so these cases need
 * mkfifo(1) and live here rather than with the other write targets (test/robust/io.test.ts) and
 * the bad-input catalogue (test/bad-input/catalogue.test.ts).
 */
let work: { dir: string; cleanup: () => Promise<void> };
const at = (name: string) => path.join(work.dir, name);
beforeAll(async () => {
  work = await tempDir();
  await writeFile(at("k"), encodePrivateKey(generateKey("t@school.example")), { mode: 0o600 });
  await chmod(at("k"), 0o600);
  await writeFile(at("a.json"), JSON.stringify(keyedAnswers(await mustLoad(DEFAULT_BANK))));
  makeFifo(at("fifo"));
});
afterAll(() => work.cleanup());

/** Every entry of the folder with a hash of each file: "nothing created or changed". */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(work.dir, { withFileTypes: true })) {
    out[entry.name] = entry.isFile() ? createHash("sha256").update(await readFile(at(entry.name))).digest("hex") : "other";
  }
  return out;
}

describe("--force never replaces a FIFO", () => {
  it("run --export FIFO --force: exit 2, and the FIFO is still a FIFO", async () => {
    const r = await runCli(["run", "--answers", "a.json", "--role", "teacher", "--name", "Sam", "--export", "fifo", "--key", "k", "--force"], { cwd: work.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot export to fifo: it is a named pipe \(FIFO\); only a regular file is ever replaced/);
    expect((await lstat(at("fifo"))).isFIFO()).toBe(true);
  });

  it("report --output FIFO --force: exit 2 as well", async () => {
    await writeFile(at("allowed_signers"), "");
    const report = await runCli(["report", "a.json", "--allowed-signers", "allowed_signers", "--output", "fifo", "--force"], { cwd: work.dir });
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/fifo: it is a named pipe/);
  });

  it("bad-input catalogue case: run --export FIFO --force never replaces the FIFO (no stack, no ESC, nothing changed)", async () => {
    const before = await snapshot();
    const result = await runCli(["run", "--answers", "a.json", "--name", "Sam", "--export", "fifo", "--force", "--key", "k"], { cwd: work.dir });
    const shown = `exit ${result.code}\nstdout: ${result.stdout.slice(0, 2000)}\nstderr: ${result.stderr.slice(0, 2000)}`;
    expect(result.code, shown).toBe(2);
    expect(`${result.stdout}\n${result.stderr}`, shown).toMatch(/cannot export to fifo: it is a named pipe \(FIFO\); only a regular file is ever replaced/);
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$|node:internal/m);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\u001b/);
    expect(await snapshot()).toEqual(before);
    expect(result.stdout.trim()).toBe("");
  });
});
