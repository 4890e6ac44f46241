import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLI, DEFAULT_BANK, MINIMAL_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { keyedAnswers } from "../helpers/answers.js";
import { mustLoad } from "../helpers/load.js";
import { planQuestions } from "../../src/session/questionnaire.js";
import { Terminal } from "../helpers/tmux.js";

/**
 * Plain output for screen readers and plain terminals: with NO_COLOR, --no-color, TERM=dumb or
 * output that is not a terminal, no escape codes and no cursor movement; results in words, and
 * readable at 40 columns.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let answers: string;
/** "14/15" and "93": safeguarding with one question missed, worked out from the bank. */
let safeguardingScore: string;
let safeguardingPercent: string;
let terminal: Terminal | undefined;
const ESC = "\u001b";
/** The lines a teacher types: one per question and per public-test part, then "finish" in the review list. */
let typed: string[];

beforeAll(async () => {
  work = await tempDir();
  const bank = await mustLoad(DEFAULT_BANK);
  const all = keyedAnswers(bank, { "safeguarding-current-pupil-request": "accept" });
  const total = bank.sections.find((s) => s.id === "safeguarding")?.questions.length ?? 0;
  safeguardingScore = `${total - 1}\\/${total}`;
  safeguardingPercent = String(Math.floor(((total - 1) * 100) / total));
  const plan = planQuestions(bank, "teacher");
  const lines = plan.reduce((n, p) => n + (p.question.type === "public-test" ? p.question.parts.length : 1), 0);
  typed = [...Array(lines).fill("1"), String(plan.length + 1)];
  answers = path.join(work.dir, "answers.json");
  await writeFile(answers, JSON.stringify(all));
});
afterAll(() => work.cleanup());
afterEach(() => {
  terminal?.close();
  terminal = undefined;
});

/**
 * A whole interactive run on a real pseudo-terminal (util-linux `script`), answering "1" to
 * everything, with the raw bytes the program wrote kept in a transcript.
 */
async function transcriptOfRun(env: Record<string, string>, extraArgs: string[] = []) {
  const log = path.join(work.dir, `transcript-${Object.keys(env).join("-") || "flag"}.log`);
  const input = ["Sam Doe", "1", ...typed].join("\n") + "\n";
  const cmd = [process.execPath, CLI, "run", "--seed", "4", ...extraArgs].map((a) => `'${a}'`).join(" ");
  const result = spawnSync("script", ["-qec", cmd, log], { input, env: { ...process.env, FORCE_COLOR: "", ...env, COLUMNS: "60", XDG_STATE_HOME: path.join(work.dir, "state") }, encoding: "utf8" });
  return { status: result.status, text: await readFile(log, "utf8") };
}

describe("interactive runs with colour off use plain prompts: no escape codes, no cursor movement", () => {
  it.each([
    ["NO_COLOR=1", { NO_COLOR: "1", TERM: "xterm-256color" }, []],
    ["--no-color", { TERM: "xterm-256color" }, ["--no-color"]],
    ["TERM=dumb", { TERM: "dumb" }, []],
  ])("%s", async (_name, env, extra) => {
    const { text } = await transcriptOfRun(env as Record<string, string>, extra as string[]);
    const body = text.replace(/^Script (started|done) on .*$/gm, "");
    expect(body).toContain("Number (1 to 5), then Enter:");
    expect(body).toContain("Finish and see my results");
    expect(body).toMatch(/Overall: (PASS|FAIL|REVIEW)/);
    expect(body).not.toContain(ESC);
  });
});

describe("output that is not a terminal has no escape codes, whatever the command", () => {
  it.each([
    ["run", ["run", "--answers", "ANSWERS"]],
    ["run --json", ["run", "--answers", "ANSWERS", "--json"]],
    ["show", ["show"]],
    ["validate", ["validate"]],
    ["validate (invalid bank)", ["validate", "--bank", "/nonexistent"]],
    ["test", ["test", "--bank", MINIMAL_BANK]],
    ["coverage", ["coverage"]],
    ["help", ["--help"]],
  ])("%s", async (_name, args) => {
    // No NO_COLOR here: a pipe alone must be enough to turn colour off.
    const { stdout, stderr } = await runCli(args.map((a) => (a === "ANSWERS" ? answers : a)), { env: { NO_COLOR: undefined, TERM: "xterm-256color" } });
    expect(stdout + stderr).not.toContain(ESC);
  });
});

describe("results in words, readable at 40 columns", () => {
  it("a 40-column terminal gets every section on short lines, results as PASS/FAIL words", async () => {
    terminal = new Terminal(`node ${CLI} run --answers ${answers} --name "Sam Doe"`, { width: 40, height: 200, env: { NO_COLOR: "1" } });
    await terminal.waitFor(/EXIT:\d+/);
    const screen = terminal.history();
    for (const line of screen.split("\n")) expect(line.length, line).toBeLessThanOrEqual(40);
    expect(screen).toMatch(
      new RegExp(`Safeguarding children\\n\\s+${safeguardingScore} correct, ${safeguardingPercent}% \\(needs 80%\\):\\s+FAIL\\s+\\(1 critical missed\\)`),
    );
    expect(screen.replace(/\s+/g, " ")).toMatch(/Personal use of social media (\d+)\/\1 correct, 100% \(needs 80%\): PASS/);
    expect(screen).toContain("Overall: FAIL");
    expect(screen).toContain("EXIT:1");
  });

  it("with colour on, every result still carries its word", async () => {
    const { stdout } = await runCli(["run", "--answers", answers], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(stdout).toContain(ESC); // colour really is on here...
    const plain = stdout.replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain).toMatch(new RegExp(`Safeguarding children\\s+${safeguardingScore}\\s+${safeguardingPercent}%\\s+80%\\s+FAIL`)); // ...and the words are all there without it
    expect(plain).toMatch(/Scope and definitions\s+(\d+)\/\1\s+100%\s+80%\s+PASS/);
  });
});
