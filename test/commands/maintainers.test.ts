import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankCopy, DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";

/** What a bank maintainer's CI runs: test scenarios, JUnit output, coverage, diff and init. */
let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir();
});
afterAll(() => work.cleanup());

describe("selfcheck test", () => {
  it("the default bank's scenarios (at least 30) all pass through the CLI", async () => {
    const { code, stdout } = await runCli(["test"]);
    expect(code).toBe(0);
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(stdout);
    expect(Number(summary?.[1])).toBeGreaterThanOrEqual(30);
    expect(summary?.[2]).toBe("0");
  });

  it("a scenario expecting the wrong result exits 1 and names the section and question", async () => {
    const file = path.join(work.dir, "wrong.yaml");
    await writeFile(
      file,
      `name: a friend request from a current pupil is fine (wrong on purpose)
base: all-correct
answers:
  safeguarding-current-pupil-request: accept
expect:
  overall: pass
  sections: { safeguarding: pass, scope: pass }
`,
    );
    const { code, stdout } = await runCli(["test", file]);
    expect(code).toBe(1);
    expect(stdout).toContain("✗ FAIL a friend request from a current pupil is fine");
    expect(stdout).toContain("section safeguarding: expected pass, got fail (questions: safeguarding-current-pupil-request)");
    expect(stdout).toMatch(/≠ safeguarding\s+expected pass\s+actual fail/);
    expect(stdout).toContain("0 passed, 1 failed");
  });

  it("--reporter junit: well-formed XML whose testcase count equals the scenario count", async () => {
    const scenarios = (await readdir(path.join(DEFAULT_BANK, "scenarios"))).filter((f) => f.endsWith(".yaml"));
    const { code, stdout } = await runCli(["test", "--reporter", "junit"]);
    expect(code).toBe(0);
    expect(XMLValidator.validate(stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(stdout);
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases).toHaveLength(scenarios.length);
    expect(doc.testsuites.tests).toBe(String(scenarios.length));
    expect(doc.testsuites.testsuite.failures).toBe("0");
  });

  it("--reporter json --filter --output writes the selected scenarios to a file", async () => {
    const out = path.join(work.dir, "report.json");
    const { code, stderr } = await runCli(["test", "--reporter", "json", "--filter", "critical", "--output", out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\d+ passed, 0 failed; report written to/);
    const report = JSON.parse(await readFile(out, "utf8"));
    expect(report.total).toBeGreaterThanOrEqual(9);
    expect(report.scenarios.every((s: { name: string; file: string }) => /critical/i.test(s.name + s.file))).toBe(true);
    const again = await runCli(["test", "--output", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists (use --force to replace it)");
  });

  it.each([
    ["an unknown question id", "name: x\nbase: all-correct\nanswers:\n  safeguarding-nope: accept\nexpect: { overall: pass }\n", /bad\.yaml:4:3 error unknown question id "safeguarding-nope"/],
    ["an unknown option", "name: x\nbase: all-correct\nanswers:\n  safeguarding-current-pupil-request: wave\nexpect: { overall: pass }\n", /bad\.yaml:4:39 error unknown option "wave"/],
    ["an unknown section", "name: x\nbase: none\nexpect:\n  overall: fail\n  sections: { safe-guarding: fail }\n", /bad\.yaml:5:15 error unknown section "safe-guarding"/],
    ["a misspelt key", "name: x\nbase: none\nexpected: { overall: fail }\n", /bad\.yaml:3:1 error unknown key "expected"/],
    ["a bad base", "name: x\nbase: most-correct\nexpect: { overall: fail }\n", /bad\.yaml:2:7 error invalid option/i],
  ])("an unusable scenario (%s) exits 2 with file:line:col and runs nothing", async (_name, text, message) => {
    const file = path.join(work.dir, "bad.yaml");
    await writeFile(file, text);
    const { code, stdout, stderr } = await runCli(["test", "bad.yaml"], { cwd: work.dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe("");
  });
});

describe("selfcheck coverage", () => {
  it("--min 100 passes on the default bank", async () => {
    const { code, stdout } = await runCli(["coverage", "--min", "100"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Clause coverage: (\d+) of \1 clauses tested \(100\.0%\), minimum 100%/);
  });

  it("--min 100 fails once a clause is added that no question cites", async () => {
    const copy = await bankCopy(DEFAULT_BANK);
    try {
      const policyFile = path.join(copy.dir, "policy.yaml");
      await writeFile(
        policyFile,
        `${await readFile(policyFile, "utf8")}  - id: gv-5\n    section: governance\n    text: This policy will be monitored and reviewed by the ICT Co-ordinator on an annual basis.\n`,
      );
      const { code, stdout } = await runCli(["coverage", "--bank", copy.dir, "--min", "100"]);
      expect(code).toBe(1);
      expect(stdout).toContain("gv-5");
      expect(stdout).toContain("Not tested: gv-5");
      const json = JSON.parse((await runCli(["coverage", "--bank", copy.dir, "--json"])).stdout);
      expect(json).toMatchObject({ uncovered: ["gv-5"], ok: true });
      expect(json.percentage).toBeLessThan(100);
    } finally {
      await copy.cleanup();
    }
  });

  it("a bad --min is unusable input", async () => {
    expect((await runCli(["coverage", "--min", "lots"])).code).toBe(2);
  });
});

describe("selfcheck diff", () => {
  it("identical banks: exit 0; a changed key: exit 1, the question and the section to redo", async () => {
    expect((await runCli(["diff", DEFAULT_BANK, DEFAULT_BANK])).code).toBe(0);
    const copy = await bankCopy(DEFAULT_BANK);
    try {
      const file = path.join(copy.dir, "sections/07-governance.yaml");
      const text = await readFile(file, "utf8");
      // Move the key of governance-annual-review from the ICT Co-ordinator to the Council.
      const moved = text
        .replace("label: The ICT Co-ordinator, once a year\n        correct: true", "label: The ICT Co-ordinator, once a year")
        .replace("label: Luton Borough Council, every two years", "label: Luton Borough Council, every two years\n        correct: true");
      expect(moved).not.toBe(text);
      await writeFile(file, moved);
      const { code, stdout } = await runCli(["diff", DEFAULT_BANK, copy.dir]);
      expect(code).toBe(1);
      expect(stdout).toContain("~ governance-annual-review (governance) changed: keyed");
      expect(stdout).toContain("governance: question governance-annual-review: keyed changed");
      const diff = JSON.parse((await runCli(["diff", DEFAULT_BANK, copy.dir, "--json"])).stdout);
      expect(diff.redo).toEqual([{ section: "governance", reasons: ["question governance-annual-review: keyed changed"] }]);
    } finally {
      await copy.cleanup();
    }
  });
});

describe("selfcheck init", () => {
  it("scaffolds a bank that passes validate, test and coverage out of the box", async () => {
    const dir = path.join(work.dir, "fire-safety");
    const init = await runCli(["init", dir, "--title", "Fire Safety Policy", "--organisation", "Hill Primary"]);
    expect(init.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["bank.yaml", "policy.txt", "policy.yaml", "scenarios", "schema.json", "sections"]);
    expect(await readFile(path.join(dir, "bank.yaml"), "utf8")).toContain("# The bank's identity and settings.");
    expect((await runCli(["validate", "--bank", dir])).code).toBe(0);
    expect((await runCli(["test", "--bank", dir])).code).toBe(0);
    expect((await runCli(["coverage", "--bank", dir, "--min", "100"])).code).toBe(0);
  });

  it("refuses a folder that is not empty", async () => {
    const { code, stderr } = await runCli(["init", work.dir]);
    expect(code).toBe(2);
    expect(stderr).toContain("is not empty");
  });
});
