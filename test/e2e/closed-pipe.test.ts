import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";

let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir();
  const trainer = trustedKey("trainer@school.example");
  await writeFile(path.join(work.dir, "allowed_signers"), `${trainer.line}\n`);
  // Many lines of output per file, so the reader is gone while verify still writes.
  await writeFile(path.join(work.dir, "a.json"), makeSummaryFile(await mustLoad(DEFAULT_BANK), trainer.key, { person: { name: "Sam Patel" }, finishedAt: new Date() }));
});
afterAll(() => work.cleanup());

// Only a real process with a real pipe proves EPIPE handling: a closed stdout ends quietly.
describe("a closed stdout ends quietly (real process, real pipe)", () => {
  const many = Array.from({ length: 200 }, () => "a.json").join(" ");
  it.each([
    ["show --json", "head -c 10", 0],
    ["--help", "head -c 1", 0],
    ["show", "head -1", 0],
    [`verify ${many} --allowed-signers allowed_signers --trainer trainer@school.example`, "head -1", 0],
    [`verify ${many} --allowed-signers allowed_signers`, "head -1", 1],
  ])("selfcheck %s | %s", (args, head, code) => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" ${args} | ${head} >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: "utf8", cwd: work.dir });
    expect(r.stderr).toBe("");
    // The command's own result, unchanged by the reader leaving early.
    expect(r.stdout.trim()).toBe(`rc=${code}`);
  });
});
