import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";

/** Answers built from `show --json`, as a bank maintainer's script would build them. */
type Shown = {
  sections: {
    id: string;
    title: string;
    questions: {
      id: string;
      type: string;
      critical: boolean;
      options: { id: string; correct: boolean }[];
    }[];
  }[];
};
let shown: Shown;
let work: { dir: string; cleanup: () => Promise<void> };
let allCorrect: Record<string, string | string[]>;

const keyed = (q: Shown["sections"][number]["questions"][number]) => {
  const ids = q.options.filter((o) => o.correct).map((o) => o.id);
  return q.type === "multi" ? ids : (ids[0] as string);
};
const writeAnswers = async (name: string, value: unknown) => {
  const file = path.join(work.dir, name);
  await writeFile(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
};

beforeAll(async () => {
  work = await tempDir();
  const show = await runCli(["show", "--json"]);
  expect(show.code).toBe(0);
  shown = JSON.parse(show.stdout) as Shown;
  allCorrect = Object.fromEntries(
    shown.sections.flatMap((s) => s.questions.map((q) => [q.id, keyed(q)])),
  );
});
afterAll(() => work.cleanup());

describe("show --json", () => {
  it("prints sections, questions and keyed options (the contract)", () => {
    expect(shown.sections.length).toBe(7);
    const q = shown.sections
      .find((s) => s.id === "safeguarding")
      ?.questions.find((x) => x.id === "safeguarding-current-pupil-request");
    expect(q).toMatchObject({ type: "single", critical: true });
    expect(q?.options.some((o) => o.id === "accept" && o.correct === false)).toBe(true);
  });
  it("prints a readable listing with keyed options marked", async () => {
    const { code, stdout } = await runCli(["show"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Safeguarding children [safeguarding]");
    expect(stdout).toMatch(/✓ .*\(keyed\)/);
  });
});

describe("run --answers (scripted)", () => {
  it("all correct: exit 0, every section passes (JSON contract)", async () => {
    const file = await writeAnswers("correct.json", allCorrect);
    const { code, stdout, stderr } = await runCli([
      "run",
      "--answers",
      file,
      "--json",
      "--seed",
      "5",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.overall.result).toBe("pass");
    expect(result.seed).toBe(5);
    for (const s of result.sections) {
      expect(s).toMatchObject({ result: "pass" });
      expect(s.correct).toBe(s.total);
    }
  });

  it("a wrong answer to a critical safeguarding question: exit 1, safeguarding fails", async () => {
    const file = await writeAnswers("critical.json", {
      ...allCorrect,
      "safeguarding-current-pupil-request": "accept",
    });
    const { code, stdout } = await runCli(["run", "--answers", file, "--json"]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.overall.result).toBe("fail");
    const safeguarding = result.sections.find((s: { id: string }) => s.id === "safeguarding");
    expect(safeguarding).toMatchObject({
      result: "fail",
      criticalMissed: ["safeguarding-current-pupil-request"],
    });
    expect(safeguarding.correct).toBe(safeguarding.total - 1);
  });

  it("prints the per-section table and what to revisit, with the policy quote", async () => {
    const file = await writeAnswers("critical.yaml", {
      ...allCorrect,
      "safeguarding-current-pupil-request": "accept",
    });
    const { code, stdout } = await runCli(["run", "--answers", file, "--name", "Sam Patel"]);
    expect(code).toBe(1);
    expect(stdout).toContain("Results for Sam Patel");
    expect(stdout).toMatch(
      /Safeguarding children\s+\d+\/\d+\s+\d+%\s+80%\s+FAIL \(1 critical missed\)/,
    );
    expect(stdout).toContain("Overall: FAIL");
    expect(stdout).toContain("What to revisit");
    // The policy's own words, wrapped to the terminal width.
    expect(stdout.replace(/\s+/g, " ")).toContain(
      "School employees must not communicate with (including accepting 'friend'/follow requests)",
    );
    expect(stdout).not.toContain("\u001b");
  });

  it("a public-test yes: section review, overall review, exit 0", async () => {
    const file = await writeAnswers("review.json", {
      ...allCorrect,
      "personal-use-public-test": ["disrepute"],
    });
    const { code, stdout } = await runCli(["run", "--answers", file, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.overall.result).toBe("review");
    expect(result.publicTestFlagged).toBe(true);
    expect(result.sections.find((s: { id: string }) => s.id === "personal-use").result).toBe(
      "review",
    );
  });

  it("--role skips questions for other roles and records the role", async () => {
    const file = await writeAnswers("volunteer.json", allCorrect);
    const { code, stdout } = await runCli([
      "run",
      "--answers",
      file,
      "--role",
      "volunteer",
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.person.role).toBe("volunteer");
    const total = result.sections.reduce((n: number, s: { total: number }) => n + s.total, 0);
    const teacherRun = JSON.parse(
      (await runCli(["run", "--answers", file, "--role", "teacher", "--json"])).stdout,
    );
    expect(teacherRun.overall.total).toBeGreaterThan(total);
  });
});

describe("bad input: a clear message with a location, exit 2, nothing written", () => {
  const cases: { name: string; answers?: unknown; args?: string[]; extension?: string; message: RegExp }[] = [
    {
      name: "unknown question id",
      answers: () => ({ ...allCorrect, "safeguarding-made-up": "x" }),
      message: /\.json:1:\d+ error unknown question id "safeguarding-made-up"/,
    },
    {
      name: "unknown option id",
      answers: () => ({ ...allCorrect, "safeguarding-current-pupil-request": "ignore-it" }),
      message:
        /\.json:1:\d+ error unknown option "ignore-it" for "safeguarding-current-pupil-request" \(options: /,
    },
    {
      name: "missing answers, listed",
      answers: () => {
        const { "scope-new-app": _a, "governance-annual-review": _b, ...rest } = allCorrect;
        return rest;
      },
      message:
        /\.json:1:1 error 2 questions have no answer: scope-new-app, governance-annual-review/,
    },
    {
      name: "an answers file for another bank",
      answers: () => ({ bank: "fire-safety", answers: { "fire-exits": "a" } }),
      message:
        /\.json:1:\d+ error answers file is for bank "fire-safety", but the bank in use is "wajs-social-media"/,
    },
    {
      name: "malformed YAML",
      answers: "scope-new-app: [unclosed\nscope-x: y\n",
      extension: "yaml",
      message: /\.yaml:2:1 error .+/,
    },
    {
      name: "malformed JSON",
      answers: '{"scope-new-app": "a",\n "scope-x": }',
      message: /\.json:2:13 error unexpected character "}"/,
    },
    {
      name: "a bank folder that does not exist",
      args: ["run", "--bank", "no-such-bank", "--answers", "x.yaml"],
      message: /no-such-bank error bank folder no such file or folder/,
    },
    {
      name: "an answers file that does not exist",
      args: ["run", "--answers", "missing.yaml"],
      message: /missing\.yaml error no such file or folder/,
    },
    {
      name: "an unknown role",
      args: ["run", "--role", "headteacher", "--answers", "x.yaml"],
      message: /unknown role "headteacher" \(known: teacher, /,
    },
    {
      name: "a bad mode",
      args: ["run", "--mode", "exam"],
      message: /argument 'exam' is invalid. Allowed choices are self, training/,
    },
    { name: "a bad seed", args: ["run", "--seed", "-4"], message: /--seed must be a whole number/ },
    {
      name: "an unknown flag",
      args: ["run", "--frobnicate"],
      message: /unknown option '--frobnicate'/,
    },
    {
      name: "no terminal and no --answers",
      args: ["run"],
      message: /no terminal to ask the questions on; for a scripted run pass --answers FILE/,
    },
  ];
  it.each(cases)("$name", async ({ answers, args, extension, message }) => {
    let argv = args;
    if (answers !== undefined) {
      const value = typeof answers === "function" ? answers() : answers;
      const file = await writeAnswers(`bad-${Math.random().toString(36).slice(2)}.${extension ?? "json"}`, value);
      argv = ["run", "--answers", file];
    }
    const before = await readdir(work.dir);
    const { code, stdout, stderr } = await runCli(argv ?? [], { cwd: work.dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe("");
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    expect(await readdir(work.dir)).toEqual(before);
  });
});

describe("validate", () => {
  it("the default bank is valid (JSON contract)", async () => {
    const { code, stdout } = await runCli(["validate", "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { ok: boolean; diagnostics: { severity: string }[] };
    expect(parsed.ok).toBe(true);
    // Bank-quality warnings may be listed; an error never.
    expect(parsed.diagnostics.filter((d) => d.severity !== "warning")).toEqual([]);
  });
  it("an invalid bank: exit 2 with file:line:col diagnostics, in text and JSON", async () => {
    const bad = await tempDir();
    try {
      await writeFile(path.join(bad.dir, "bank.yaml"), "id: x\ntitle: [oops\n");
      const text = await runCli(["validate", "--bank", bad.dir], { cwd: bad.dir });
      expect(text.code).toBe(2);
      expect(text.stderr).toMatch(/^bank\.yaml:3:1 error /m);
      expect(text.stderr).toMatch(/✗ invalid: \d+ errors?/);
      const json = await runCli(["validate", "--bank", bad.dir, "--json"], { cwd: bad.dir });
      expect(json.code).toBe(2);
      const parsed = JSON.parse(json.stdout);
      expect(parsed.ok).toBe(false);
      expect(parsed.diagnostics[0]).toEqual(
        expect.objectContaining({
          file: "bank.yaml",
          line: 3,
          col: 1,
          severity: "error",
          message: expect.any(String),
        }),
      );
    } finally {
      await bad.cleanup();
    }
  });
});

describe("help", () => {
  it.each(["run", "validate", "show"])("%s --help shows examples and exits 0", async (command) => {
    const { code, stdout } = await runCli([command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain(`$ selfcheck ${command}`);
  });
  it("no command: usage on stderr, exit 2", async () => {
    const { code, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: selfcheck");
  });
});
