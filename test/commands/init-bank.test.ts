import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";
import { keyedAnswers } from "../helpers/answers.js";

/** A maintainer's path from a policy document to a bank: `init` and `init --from`. */
let work: { dir: string; cleanup: () => Promise<void> };
const at = (...p: string[]) => path.join(work.dir, ...p);
beforeAll(async () => {
  work = await tempDir();
});
afterAll(async () => {
  await work.cleanup();
});

const POLICY = `Hill Primary School
Online Safety Policy

1 Purpose

1.1 This policy sets out how staff keep pupils safe online. It applies to all staff, volunteers and governors.

2 Staff conduct

2.1 Staff must not contact pupils through personal accounts.

2.2 Staff must:
- use school accounts for all contact with parents
- report any concern to the Designated Safeguarding Lead on the same day

2.5.1 Images of pupils may only be taken on school devices. Images must be deleted from any
device within one week.

Appendix A: Definitions

A.1 Social media means any online platform that lets people share content.
`;

describe("init: an example bank with one annotated question of every type", () => {
  it("passes validate, test and coverage, with placeholders listed as warnings that --strict refuses", async () => {
    const init = await runCli(["init", "example", "--title", "Safeguarding Policy", "--organisation", "Hill Primary"], { cwd: work.dir });
    expect(init.code, init.stderr).toBe(0);
    const bank = await mustLoad(at("example"));
    expect(new Set(bank.sections.flatMap((s) => s.questions.map((q) => q.type)))).toEqual(new Set(["single", "multi", "yesno", "public-test"]));
    const questions = bank.sections.flatMap((s) => s.questions);
    expect(questions.some((q) => q.roles !== undefined)).toBe(true);
    expect(questions.some((q) => q.type !== "public-test" && q.critical === true)).toBe(true);
    expect(bank.clauses.map((c) => c.id)).toEqual(["1.1", "1.2", "1.3", "1.4"]);
    expect(bank.contacts?.concerns).toMatch(/^TODO/);

    const validate = await runCli(["validate", "--bank", "example"], { cwd: work.dir });
    expect(validate.code).toBe(0);
    // The author's to-do list: who to speak to, the test's name, its guidance. Nothing else.
    const warnings = validate.stderr.split("\n").filter((l) => l.includes(" warning "));
    expect(warnings).toHaveLength(3);
    for (const w of warnings) expect(w).toMatch(/^example\/(bank\.yaml|sections\/01-reporting\.yaml):\d+:\d+ warning placeholder not filled in: TODO/);
    expect((await runCli(["validate", "--bank", "example", "--strict"], { cwd: work.dir })).code).toBe(2);
    expect((await runCli(["test", "--bank", "example"], { cwd: work.dir })).code).toBe(0);
    expect((await runCli(["coverage", "--bank", "example", "--min", "100"], { cwd: work.dir })).code).toBe(0);
  });

  it("its clause ids renamed to 2.5.1-style numbering still validate, and staff see the numbers", async () => {
    await runCli(["init", "renamed"], { cwd: work.dir });
    const renames: Record<string, string> = { "1.1": "2.5.1", "1.2": "2.5.2", "1.3": "A.3", "1.4": "12" };
    for (const file of ["policy.yaml", "sections/01-reporting.yaml"]) {
      let text = await readFile(at("renamed", file), "utf8");
      for (const [from, to] of Object.entries(renames)) text = text.replaceAll(`"${from}"`, `"${to}"`);
      await writeFile(at("renamed", file), text);
    }
    const validate = await runCli(["validate", "--bank", "renamed"], { cwd: work.dir });
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).not.toMatch(/ error /);
    const bank = await mustLoad(at("renamed"));
    expect(bank.clauses.map((c) => [c.id, c.ref])).toEqual([
      ["2.5.1", "Paragraph 2.5.1"],
      ["2.5.2", "Paragraph 2.5.2"],
      ["A.3", "Paragraph A.3"],
      ["12", "Paragraph 12"],
    ]);
    await writeFile(at("wrong.json"), JSON.stringify(keyedAnswers(bank, { "reporting-when": "end-of-week" })));
    const run = await runCli(["run", "--bank", "renamed", "--answers", "wrong.json", "--role", "staff"], { cwd: work.dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain("Paragraph 2.5.1:");
  });
});

describe("init --from: a bank drafted from a policy's plain text", () => {
  it("splits it into verbatim clauses numbered as the policy numbers them, one section per heading, and validates", async () => {
    await writeFile(at("policy.txt"), POLICY);
    const init = await runCli(["init", "online", "--from", "policy.txt", "--organisation", "Hill Primary"], { cwd: work.dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/policy\.yaml \(8 clauses\), 3 section files/);
    const validate = await runCli(["validate", "--bank", "online"], { cwd: work.dir });
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).not.toMatch(/ error /);
    const bank = await mustLoad(at("online"));
    expect(bank.clauses.map((c) => c.id)).toEqual(["1.1", "1.1-2", "2.1", "2.2-a", "2.2-b", "2.5.1", "2.5.1-2", "A.1"]);
    expect(bank.clauses.find((c) => c.id === "2.5.1-2")).toMatchObject({ ref: "Paragraph 2.5.1", text: "Images must be deleted from any device within one week." });
    expect(bank.sections.map((s) => s.title)).toEqual(["1 Purpose", "2 Staff conduct", "Appendix A: Definitions"]);
    expect((await readdir(at("online", "sections"))).sort()).toEqual(["01-1-purpose.yaml", "02-2-staff-conduct.yaml", "03-appendix-a-definitions.yaml"]);
    expect(bank.sections.every((s) => s.questions.length === 1)).toBe(true);
    expect(await readFile(at("online", "policy.txt"), "utf8")).toBe(POLICY);
    expect(bank.policy.title).toBe("Hill Primary School");
    expect((await runCli(["test", "--bank", "online"], { cwd: work.dir })).code).toBe(0);
  });

  it("reads Markdown and Windows line ends, and PDF page breaks", async () => {
    await writeFile(at("policy.md"), "# Remote Learning\r\n\r\nStaff **must** keep cameras on.\r\n\f## Recordings\r\n\r\n* Lessons must be recorded.\r\n");
    const init = await runCli(["init", "remote", "--from", "policy.md"], { cwd: work.dir });
    expect(init.code, init.stderr).toBe(0);
    const validate = await runCli(["validate", "--bank", "remote"], { cwd: work.dir });
    expect(validate.code, validate.stderr).toBe(0);
    const bank = await mustLoad(at("remote"));
    expect(bank.clauses.map((c) => [c.text, c.ref])).toEqual([
      ["Staff must keep cameras on.", "Remote Learning, 1st paragraph"],
      ["Lessons must be recorded.", "Recordings, 1st point"],
    ]);
  });
});
