import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { keyedAnswers } from "../helpers/answers.js";
import { mustLoad } from "../helpers/load.js";
import type { Bank } from "../../src/bank/bank.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";

/**
 * The tool serves any school's policy: every word a person reads that belongs to one policy comes
 * from that policy's bank. Proved with a copy of the default bank in which the person staff
 * escalate to and the name of the reflective test are renamed in every file: no output of any
 * command may still use the default policy's words.
 */
const LEAKS = /headteacher|public[- ]knowledge/i;

/** Every file of a folder, recursively, with the default policy's words replaced. */
async function renameEverywhere(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await renameEverywhere(file);
      continue;
    }
    const text = await readFile(file, "utf8");
    const renamed = text
      .replace(/Headteacher/g, "Deputy Head")
      .replace(/headteacher/g, "deputy-head")
      .replace(/HEADTEACHER/g, "DEPUTY HEAD")
      .replace(/Public([- ])knowledge/g, "Front$1page")
      .replace(/public([- ])knowledge/g, "front$1page")
      .replace(/PUBLIC([- ])KNOWLEDGE/g, "FRONT$1PAGE");
    await writeFile(file, renamed);
  }
}

let work: { dir: string; cleanup: () => Promise<void> };
let bankDir: string;
let bank: Bank;
const at = (...p: string[]) => path.join(work.dir, ...p);

beforeAll(async () => {
  work = await tempDir();
  bankDir = at("deputy-bank");
  await cp(DEFAULT_BANK, bankDir, { recursive: true });
  await renameEverywhere(bankDir);
  bank = await mustLoad(bankDir);
  const publicTest = bank.sections.flatMap((s) => s.questions).find((q) => q.type === "public-test");
  if (!publicTest || publicTest.type !== "public-test") throw new Error("the default bank has no public-test");
  // Every part of the reflective test answered yes: the guidance and "speak to …" are shown.
  const answers = keyedAnswers(bank, { [publicTest.id]: "yes" });
  await writeFile(at("answers.json"), JSON.stringify(answers));
});
afterAll(async () => {
  await work.cleanup();
});

describe("a copy of the default bank naming a Deputy Head and another reflective test", () => {
  it("still validates, and no file of it names the Headteacher or the public-knowledge test", async () => {
    const validate = await runCli(["validate", "--bank", bankDir], { cwd: work.dir });
    expect(validate.code, validate.stderr).toBe(0);
    const all = async (dir: string): Promise<string> => {
      let text = "";
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        text += entry.isDirectory() ? await all(p) : await readFile(p, "utf8");
      }
      return text;
    };
    expect(await all(bankDir)).not.toMatch(LEAKS);
    // The copy says "Deputy Head" where the default said Headteacher: the test means something.
    expect(await all(bankDir)).toMatch(/Deputy Head/);
  });

  it("run, run --json, the exported summary, verify and report (table, CSV, HTML, JSON) never use the default policy's words", async () => {
    const key = await runCli(["keygen", "-f", "staff.key", "--principal", "sam.patel@school.example", "--no-passphrase", "--json"], { cwd: work.dir });
    expect(key.code, key.stderr).toBe(0);
    await writeFile(at("allowed_signers"), `${JSON.parse(key.stdout).allowedSigners}\n`);

    const run = await runCli(
      ["run", "--bank", bankDir, "--answers", "answers.json", "--name", "Sam Patel", "--role", "teacher", "--email", "sam.patel@school.example", "--export", "sam.json", "--key", "staff.key"],
      { cwd: work.dir },
    );
    expect(run.code, run.stderr).toBe(0);
    // The yes was seen and answered with the bank's own contact, in the bank's own words.
    expect(run.stdout).toMatch(/speak\s+to\s+the\s+Deputy\s+Head\s+or\s+a\s+relevant\s+senior\s+member\s+of\s+staff/);
    expect(run.stdout).toMatch(/REVIEW/);

    const json = await runCli(["run", "--bank", bankDir, "--answers", "answers.json", "--role", "teacher", "--json"], { cwd: work.dir });
    expect(json.code, json.stderr).toBe(0);

    const verify = await runCli(["verify", "sam.json", "--allowed-signers", "allowed_signers", "--bank", bankDir], { cwd: work.dir });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);

    const outputs: Record<string, string> = {
      "run": run.stdout + run.stderr,
      "run --json": json.stdout + json.stderr,
      "summary": await readFile(at("sam.json"), "utf8"),
      "verify": verify.stdout + verify.stderr,
    };
    for (const format of ["table", "csv", "html", "json"]) {
      const report = await runCli(["report", "sam.json", "--allowed-signers", "allowed_signers", "--bank", bankDir, "--format", format], { cwd: work.dir });
      expect(report.code, report.stderr).toBe(0);
      outputs[`report ${format}`] = report.stdout + report.stderr;
    }
    for (const [what, text] of Object.entries(outputs)) expect(text, what).not.toMatch(LEAKS);
    expect((await stat(at("sam.json"))).isFile()).toBe(true);
  });

  it("a training-mode run and a failed self run show clause references and the bank's words, never an internal clause id", async () => {
    const wrong = keyedAnswers(bank, { "safeguarding-current-pupil-request": "accept" });
    await writeFile(at("wrong.json"), JSON.stringify(wrong));
    const training = await runCli(["run", "--bank", bankDir, "--answers", "wrong.json", "--role", "teacher", "--mode", "training"], { cwd: work.dir });
    expect(training.code).toBe(1);
    expect(training.stdout).toMatch(/See the policy: Safeguarding Children, 3rd point/);
    const self = await runCli(["run", "--bank", bankDir, "--answers", "wrong.json", "--role", "teacher"], { cwd: work.dir });
    expect(self.code).toBe(1);
    expect(self.stdout).toMatch(/^ {2}Safeguarding Children, 3rd point:$/m);
    for (const run of [training, self]) {
      expect(run.stdout).not.toMatch(LEAKS);
      expect(run.stdout).not.toMatch(/\b(?:sc|co|gv|re|sg|ua|pu)-\d+\b/);
    }
  });
});

describe("report without --bank labels summaries only with the bank they were made with", () => {
  it("another school's summaries are shown by their ids, never under the default bank's titles", async () => {
    const other = at("other-bank");
    await cp(DEFAULT_BANK, other, { recursive: true });
    const bankYaml = path.join(other, "bank.yaml");
    await writeFile(bankYaml, (await readFile(bankYaml, "utf8")).replace(/^id: .*$/m, "id: hill-primary-social-media"));
    const otherBank = await mustLoad(other);
    const defaultBank = await mustLoad(DEFAULT_BANK);
    const trainer = trustedKey("trainer@school.example");
    await writeFile(at("trainer_signers"), `${trainer.line}\n`);
    await writeFile(
      at("other.json"),
      makeSummaryFile(otherBank, trainer.key, { person: { name: "Ola Nowak" }, finishedAt: new Date("2026-11-24T10:00:00Z"), wrong: { "safeguarding-current-pupil-request": ["accept"] } }),
    );
    const titles = defaultBank.sections.map((s) => s.title);
    const prompts = defaultBank.sections.flatMap((s) => s.questions.map((q) => q.prompt.slice(0, 40)));
    for (const format of ["table", "csv", "html", "json"]) {
      const report = await runCli(["report", "other.json", "--allowed-signers", "trainer_signers", "--trainer", "trainer@school.example", "--at", "2026-12-01", "--format", format], { cwd: work.dir });
      expect(report.code, report.stderr).toBe(0);
      for (const title of titles) expect(report.stdout, `${format}: ${title}`).not.toContain(title);
      for (const prompt of prompts) expect(report.stdout, format).not.toContain(prompt);
      expect(report.stdout, format).toContain("safeguarding");
    }
    // The default bank's own summaries keep their titles.
    await writeFile(at("own.json"), makeSummaryFile(defaultBank, trainer.key, { person: { name: "Sam Patel" }, finishedAt: new Date("2026-11-24T10:00:00Z") }));
    const own = await runCli(["report", "own.json", "--allowed-signers", "trainer_signers", "--trainer", "trainer@school.example", "--at", "2026-12-01"], { cwd: work.dir });
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toContain(titles[0] ?? "?");
  });
});
