import path from "node:path";
import { readdir } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLI, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { lastLine, Terminal } from "../helpers/tmux.js";

/** Drives the real interactive CLI in a real terminal (tmux), as a member of staff would. */
let terminal: Terminal | undefined;
let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir();
  const made = await runCli(
    ["keygen", "-f", "locked.key", "--principal", "alex@school.example", "--json"],
    {
      cwd: work.dir,
      env: { SELFCHECK_KEY_PASSPHRASE: "open sesame" },
    },
  );
  expect(made.code).toBe(0);
  const { writeFile } = await import("node:fs/promises");
  await writeFile(`${work.dir}/allowed_signers`, `${JSON.parse(made.stdout).allowedSigners}\n`);
});
afterAll(() => work.cleanup());
afterEach(() => {
  terminal?.close();
  terminal = undefined;
});

const waiting = (screen: string) => /navigate/.test(lastLine(screen));
/** A training-mode pause after the explanation: "Press Enter to go on". */
const pausing = (screen: string) => /Press Enter to (go|read) on/.test(lastLine(screen));

describe("interactive run in a terminal", () => {
  it("asks name and role, shows progress; answer three questions, Ctrl-C, run again: the screen offers to resume", async () => {
    const state = { XDG_STATE_HOME: path.join(work.dir, "state") };
    terminal = new Terminal(`node ${CLI} run --seed 3`, { env: state });
    let screen = await terminal.waitFor(/\? Your name/);
    expect(screen).toContain(
      "William Austin Junior School · Policy on Social Media (updated September 2023)",
    );
    terminal.type("Sam Patel");
    terminal.keys("Enter");
    screen = await terminal.waitFor(/\? Your role/);
    expect(screen).toContain("Casual or supply worker");
    terminal.keys("Down", "Down", "Down", "Enter"); // Volunteer
    screen = await terminal.waitFor(/1 of \d+ · Scope and definitions/);
    const total = Number(/1 of (\d+)/.exec(screen)?.[1]);
    expect(total).toBeGreaterThanOrEqual(45);
    for (let n = 2; n <= 4; n++) {
      await terminal.waitFor(waiting);
      terminal.keys("Enter");
      await terminal.waitFor(new RegExp(`${n} of ${total} · Scope and definitions`));
    }
    // Self mode: an answered question shows a neutral mark, never a tick that reads as "correct".
    screen = await terminal.waitFor(waiting);
    const questions = screen.slice(screen.indexOf("1 of"));
    expect(questions).toMatch(/^• [^\n]+(\n {2}[^\n]+)*\n {2}Your answer: /m);
    expect(questions).not.toMatch(/[✔✓✗]/);
    terminal.keys("C-c");
    screen = await terminal.waitFor(/EXIT:\d+/);
    expect(screen.replace(/\s+/g, " ")).toContain("Interrupted: your answers so far are saved. Run selfcheck run again to resume.");
    expect(screen).toContain("EXIT:130");
    terminal.close();

    terminal = new Terminal(`node ${CLI} run`, { env: state });
    screen = await terminal.waitFor(/Resume from question 4 of \d+\?/);
    expect(screen).toContain(`Resume from question 4 of ${total}?`);
    expect(screen).toContain("An unfinished self-check was saved for Sam Patel (Volunteer)");
    terminal.keys("Enter"); // Yes, resume
    screen = await terminal.waitFor(new RegExp(`4 of ${total} · Scope and definitions`));
    expect(screen).not.toContain("Your name");
    terminal.keys("C-c");
    await terminal.waitFor(/EXIT:130/);
  });

  it("walks through every question in training mode to the result and a signed summary", async () => {
    terminal = new Terminal(
      `node ${CLI} run --seed 11 --name "Alex Doe" --role teacher --mode training --export --key locked.key`,
      { height: 60, cwd: work.dir },
    );
    // The key's passphrase is asked for before the first question, hidden as it is typed.
    await terminal.waitFor(/Passphrase for locked\.key/);
    terminal.type("open sesame");
    terminal.keys("Enter");
    await terminal.waitFor(/1 of \d+ · Scope and definitions/);
    expect(terminal.screen()).not.toContain("open sesame");
    let previous = "";
    let answered = 0;
    let explained = 0;
    for (;;) {
      const screen = await terminal.waitFor(
        (s) => /EXIT:\d+/.test(s) || ((waiting(s) || pausing(s)) && s !== previous),
        20_000,
      );
      if (/EXIT:\d+/.test(screen)) break;
      if (pausing(screen) && /The answer is:|All that apply:|✔ Correct\./.test(screen)) explained++;
      previous = screen;
      // A "select all that apply" question needs at least one tick before Enter.
      if (/space/.test(lastLine(screen))) terminal.keys("Space");
      terminal.keys("Enter");
      answered++;
      expect(answered).toBeLessThan(200);
    }
    const end = terminal.history();
    expect(answered).toBeGreaterThanOrEqual(45);
    expect(explained).toBeGreaterThan(10);
    expect(end).toMatch(/Overall: (PASS|FAIL|REVIEW) \(\d+ of \d+ correct, \d+%\)/);
    expect(end).toMatch(/Safeguarding children\s+\d+\/\d+\s+\d+%\s+80%\s+(PASS|FAIL|REVIEW)/);
    expect(end).toMatch(/EXIT:[01]\b/);
    const written = /Signed summary written to (selfcheck-alex-doe-\d{4}-\d{2}-\d{2}\.json)/.exec(
      end.replace(/\s+/g, " "),
    );
    expect(written).not.toBeNull();
    const verify = await runCli(
      ["verify", written?.[1] ?? "", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"],
      { cwd: work.dir },
    );
    expect(verify.stdout).toContain("Alex Doe (teacher)");
    expect(verify.code).toBe(0);
  });

  it("Ctrl-C at the passphrase prompt exits 130 and writes nothing", async () => {
    const before = await readdir(work.dir);
    terminal = new Terminal(`node ${CLI} run --name "Kim Lee" --export --key locked.key`, {
      cwd: work.dir,
    });
    await terminal.waitFor(/Passphrase for locked\.key/);
    terminal.keys("C-c");
    const screen = await terminal.waitFor(/EXIT:\d+/);
    expect(screen).toContain("EXIT:130");
    expect(await readdir(work.dir)).toEqual(before);
  });
});

describe("present (facilitator mode) in a terminal", () => {
  it("shows a question, counts a show of hands, reveals the answer with the policy's words, and exports counts only", async () => {
    // A projector's 40-row terminal: the whole reveal, question included, must fit.
    terminal = new Terminal(`node ${CLI} present --section safeguarding --export session.json`, { cwd: work.dir, height: 40, width: 80 });
    let screen = await terminal.waitFor(/When the room is ready/);
    expect(screen).toContain("Safeguarding children · question 1 of 13");
    expect(screen).toMatch(/A\. [\s\S]+?\n\s+B\. /);
    expect(screen).toContain("Discuss with the room.");
    expect(screen).not.toContain("Answer:");
    terminal.keys("Down", "Enter"); // count a show of hands
    for (const hands of ["3", "", "12", "1", ""]) {
      await terminal.waitFor(/Hands for [A-E].*\n*\s*$/);
      if (hands !== "") terminal.type(hands);
      terminal.keys("Enter");
      await new Promise((r) => setTimeout(r, 150));
    }
    screen = await terminal.waitFor(/Next question/);
    const first = screen.split("\n")[0] ?? "";
    expect(first).toContain("Safeguarding children · question 1 of 13 · the answer");
    expect(screen).toMatch(/✓ C\. Leave it unaccepted and let the Headteacher know[\s\S]*?12 \(75%\)/);
    expect(screen).toMatch(/Answer: C {2}\(16 hands counted\)/);
    // The typed counts went with the discussion screen; the trainer's entries are not projected.
    expect(screen).not.toContain("Hands for");
    expect(screen.replace(/\s+/g, " ")).toContain("School employees must not communicate with (including accepting 'friend'/follow requests)");
    terminal.keys("Down", "Enter"); // end the session
    screen = await terminal.waitFor(/EXIT:\d+/);
    expect(screen).toContain("75%  Safeguarding children  (12 of 16 hands)");
    expect(screen).toContain("EXIT:0");
    const { readFile } = await import("node:fs/promises");
    const session = JSON.parse(await readFile(`${work.dir}/session.json`, "utf8"));
    expect(session.questions).toEqual([
      { id: "safeguarding-current-pupil-request", section: "safeguarding", tally: { accept: 3, "accept-restricted": 0, "decline-and-alert": 12, ignore: 1, "block-report-police": 0 } },
    ]);
    // Counts only: nothing about who was in the room.
    expect(Object.keys(session).sort()).toEqual(["bank", "ended", "finishedAt", "format", "questions", "section", "sections", "startedAt", "tool"]);
  });
});
