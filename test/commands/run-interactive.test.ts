import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import type { Deps } from "../../src/cli/deps.js";
import { main } from "../../src/cli/main.js";
import { stateDir } from "../../src/cli/progress-file.js";
import { InterruptedError, type Prompter } from "../../src/session/prompter.js";
import { planQuestions } from "../../src/session/questionnaire.js";
import { keyedAnswers } from "../helpers/answers.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";

/**
 * Interactive runs in-process: a terminal (stdin and stdout are TTYs) whose prompts are answered
 * through the prompt seam (`deps.createPrompter`), with the state folder in a temporary folder.
 */
let bank: Bank;
let keyed: Record<string, string | string[]>;
let work: { dir: string; cleanup: () => Promise<void> };
let state: string;

beforeAll(async () => {
  bank = await mustLoad(DEFAULT_BANK);
  keyed = keyedAnswers(bank);
});
beforeEach(async () => {
  work = await tempDir();
  state = path.join(work.dir, "state");
});
afterEach(() => work.cleanup());

const progressFile = () => path.join(state, "policy-selfcheck", `progress-${bank.id}.json`);
const PUBLIC_TEST = "personal-use-public-test";

interface Asked {
  key: string;
  message: string;
  labels: string[];
}

/**
 * Answers every prompt as a person would who knows the keyed answers, unless `answer` says
 * otherwise; `stopAfter` questions answered, the next question is met with Ctrl-C.
 */
function person(options: { answer?: (key: string) => string | string[] | undefined; stopAfter?: number } = {}) {
  const asked: Asked[] = [];
  const reached = new Set<string>();
  const reply = (key: string, message: string, labels: string[]): string | string[] => {
    asked.push({ key, message, labels });
    // A public-test part is keyed "question/part": one question however many parts it has.
    const question = key.split("/")[0] as string;
    if ((keyed[question] !== undefined || question === PUBLIC_TEST) && !reached.has(question)) {
      if (options.stopAfter !== undefined && reached.size >= options.stopAfter) throw new InterruptedError();
      reached.add(question);
    }
    const custom = options.answer?.(key);
    if (custom !== undefined) return custom;
    if (key.startsWith(`${PUBLIC_TEST}/`)) return "no";
    if (key === "role") return "teacher";
    if (key === "review") return "::finish";
    if (key === "resume") return "resume";
    const answer = keyed[key];
    if (answer === undefined) throw new Error(`nothing scripted for ${key}`);
    return answer;
  };
  const prompter: Prompter = {
    select: async ({ key, message, choices }) => {
      const answer = reply(key, message, choices.map((c) => c.label));
      return Array.isArray(answer) ? (answer[0] as string) : answer;
    },
    checkbox: async ({ key, message, choices }) => {
      const answer = reply(key, message, choices.map((c) => c.label));
      return Array.isArray(answer) ? answer : [answer];
    },
    input: async ({ key, message }) => reply(key, message, []) as string,
    password: async () => "",
    pause: async () => undefined,
  };
  return { prompter, asked, keys: () => asked.map((a) => a.key) };
}

async function run(args: string[], who: ReturnType<typeof person>, env: NodeJS.ProcessEnv = {}) {
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 24 });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const deps: Deps = {
    cwd: work.dir,
    env: { NO_COLOR: "1", XDG_STATE_HOME: state, HOME: path.join(work.dir, "home"), ...env },
    stdin,
    stdout,
    stderr,
    now: () => new Date("2026-11-30T10:00:00Z"),
    randomSeed: () => 4242,
    createPrompter: async () => who.prompter,
  };
  const code = await main(["run", ...args], deps, { signals: false });
  return { code, stdout: out, stderr: err };
}

describe("an interrupted run can be resumed", () => {
  it("Ctrl-C after three answers keeps them (0600, ids only); the next run offers to resume from question 4", async () => {
    const first = await run([], person({ answer: (k) => (k === "name" ? "Sam Patel" : undefined), stopAfter: 3 }));
    expect(first.code).toBe(130);
    expect(first.stderr).toContain("Interrupted: your answers so far are saved. Run selfcheck run again to resume.");
    const saved = JSON.parse(await readFile(progressFile(), "utf8"));
    expect(Object.keys(saved).sort()).toEqual(["answers", "bank", "format", "mode", "name", "role", "seed", "startedAt"]);
    expect(saved).toMatchObject({ name: "Sam Patel", role: "teacher", seed: 4242, mode: "self", bank: { id: bank.id, sha256: bank.sha256 } });
    expect(Object.keys(saved.answers)).toHaveLength(3);
    expect((await stat(progressFile())).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(progressFile()))).mode & 0o777).toBe(0o700);

    const again = person();
    const second = await run([], again);
    expect(second.stdout).toContain("An unfinished self-check was saved for Sam Patel (Teacher), started 2026-11-30 10:00 UTC.");
    const offer = again.asked.find((a) => a.key === "resume");
    expect(offer?.message).toMatch(/^Resume from question 4 of \d+\?$/);
    // Name and role come from the saved run; the three answered questions are not asked again.
    expect(again.keys()).not.toContain("name");
    expect(again.keys()).not.toContain("role");
    for (const id of Object.keys(saved.answers)) expect(again.keys()).not.toContain(id);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Results for Sam Patel");
    expect(second.stdout).toContain("Seed 4242");
    // Finished: nothing kept.
    await expect(stat(progressFile())).rejects.toThrow(/ENOENT/);
  });

  it("a resumed run keeps its own mode and seed, whatever the new run was started with", async () => {
    await run(["--mode", "training", "--seed", "99"], person({ answer: (k) => (k === "name" ? "Sam Patel" : undefined), stopAfter: 2 }));
    const again = person();
    const second = await run(["--seed", "1"], again);
    expect(second.stdout.replace(/\s+/g, " ")).toContain("It was in training mode, and resumes in it.");
    // Training mode: the explanation after each answer, then a pause for Enter.
    expect(second.stdout).toContain("✔ Correct.");
    expect(second.stdout).toContain("Seed 99");
    expect(second.code).toBe(0);
  });

  it("declining the offer deletes the saved answers and starts afresh", async () => {
    await run([], person({ answer: (k) => (k === "name" ? "Sam Patel" : undefined), stopAfter: 2 }));
    const fresh = person({ answer: (k) => (k === "resume" ? "afresh" : k === "name" ? "Kim Lee" : undefined), stopAfter: 0 });
    const second = await run([], fresh);
    expect(second.code).toBe(130);
    expect(fresh.keys().slice(0, 3)).toEqual(["resume", "name", "role"]);
    // Nothing answered in the fresh run yet, so nothing is saved: the old answers are gone.
    await expect(stat(progressFile())).rejects.toThrow(/ENOENT/);
  });

  it("--no-resume starts afresh without asking, and removes the saved run", async () => {
    await run([], person({ answer: (k) => (k === "name" ? "Sam Patel" : undefined), stopAfter: 2 }));
    const fresh = person({ answer: (k) => (k === "name" ? "Kim Lee" : undefined), stopAfter: 0 });
    expect((await run(["--no-resume"], fresh)).code).toBe(130);
    expect(fresh.keys()).not.toContain("resume");
    await expect(stat(progressFile())).rejects.toThrow(/ENOENT/);
  });

  it("answers to the public-knowledge test are never written, and are asked again on resume", async () => {
    const at = planQuestions(bank, "teacher").findIndex((p) => p.question.id === PUBLIC_TEST);
    // Stop at the question after the test, having answered "yes" to every part of it.
    const first = await run(
      [],
      person({ answer: (k) => (k === "name" ? "Sam Patel" : k.startsWith(`${PUBLIC_TEST}/`) ? "yes" : undefined), stopAfter: at + 1 }),
    );
    expect(first.code).toBe(130);
    const text = await readFile(progressFile(), "utf8");
    expect(text).not.toContain(PUBLIC_TEST);
    // No trace of the test's parts among the saved option ids.
    const saved = Object.values(JSON.parse(text).answers as Record<string, string[]>).flat();
    for (const part of ["integrity", "suitability", "disrepute"]) expect(saved).not.toContain(part);
    expect(Object.keys(JSON.parse(text).answers)).toHaveLength(at);
    const again = person();
    await run([], again);
    expect(again.asked.find((a) => a.key === "resume")?.message).toMatch(new RegExp(`^Resume from question ${at + 1} of`));
    expect(again.keys().filter((k) => k.startsWith(`${PUBLIC_TEST}/`)).length).toBeGreaterThan(0);
  });

  it("a saved run of another version of the bank is not offered", async () => {
    await mkdir(path.dirname(progressFile()), { recursive: true });
    await writeFile(
      progressFile(),
      JSON.stringify({ format: "selfcheck-progress/1", bank: { id: bank.id, sha256: "0".repeat(64) }, name: "Sam", role: "teacher", mode: "self", seed: 1, startedAt: "2026-11-30T09:00:00.000Z", answers: {} }),
    );
    const who = person({ answer: (k) => (k === "name" ? "Kim Lee" : undefined) });
    expect((await run([], who)).code).toBe(0);
    expect(who.keys()).not.toContain("resume");
  });

  it("a damaged progress file is reported in a line and the run starts afresh", async () => {
    await mkdir(path.dirname(progressFile()), { recursive: true });
    await writeFile(
      progressFile(),
      JSON.stringify({ format: "selfcheck-progress/1", bank: { id: bank.id, sha256: bank.sha256 }, name: "Sam", role: "teacher", mode: "self", seed: 1, startedAt: "2026-11-30T09:00:00.000Z", answers: { "scope-what-counts": ["no-such-option"] } }),
    );
    const who = person({ answer: (k) => (k === "name" ? "Kim Lee" : undefined) });
    const result = await run([], who);
    expect(result.code).toBe(0);
    expect(result.stdout.replace(/\s+/g, " ")).toContain('A saved unfinished run could not be used (its answer to "scope-what-counts" is not one this bank takes), so this one starts afresh.');
    expect(who.keys()).not.toContain("resume");
  });

  it("a state folder that cannot be written costs the resume, never the run", async () => {
    // A file where the folder should be: refused even to root, unlike a read-only folder.
    await writeFile(state, "not a folder");
    const result = await run([], person({ answer: (k) => (k === "name" ? "Kim Lee" : undefined) }));
    expect(result.code).toBe(0);
    const said = result.stdout.replace(/\s+/g, " ");
    expect(said).toMatch(/Your progress cannot be saved in \S+ \(ENOTDIR\): if this run is interrupted, it cannot be resumed\./);
    // Said once, not after every answer.
    expect(said.split("Your progress cannot be saved").length).toBe(2);
    expect(result.stdout).toContain("Results for Kim Lee");
  });
});

describe("the end of the questions", () => {
  it("a review list comes before the results, and a changed answer counts", async () => {
    let reviews = 0;
    const who = person({
      answer: (k) => {
        if (k === "name") return "Kim Lee";
        // The first time round, go back to the critical safeguarding question and get it wrong.
        if (k === "review") return reviews++ === 0 ? "safeguarding-current-pupil-request" : "::finish";
        if (k === "safeguarding-current-pupil-request" && reviews > 0) return "accept";
        return undefined;
      },
    });
    const result = await run([], who);
    const review = who.asked.find((a) => a.key === "review");
    expect(review?.labels[0]).toMatch(/^1\. .+ — .+/);
    expect(review?.labels.at(-1)).toBe("Finish and see my results");
    expect(result.stdout).toContain("Check your answers");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Safeguarding children\s+\d+\/\d+\s+\d+%\s+80%\s+FAIL/);
  });
});

describe("the public-knowledge test stays private", () => {
  it("two exports, public test yes and no, otherwise identical: equal sections and overall", async () => {
    const keygen = await runCli(["keygen", "-f", "k", "--principal", "sam@school.example", "--no-passphrase"], { cwd: work.dir });
    expect(keygen.code).toBe(0);
    const summaries = [];
    for (const answer of ["yes", "no"]) {
      await writeFile(path.join(work.dir, `${answer}.json`), JSON.stringify({ ...keyed, [PUBLIC_TEST]: answer }));
      const exported = await runCli(
        ["run", "--answers", `${answer}.json`, "--name", "Sam Patel", "--role", "teacher", "--seed", "7", "--export", `summary-${answer}.json`, "--key", "k", "--json"],
        { cwd: work.dir },
      );
      expect(exported.code).toBe(0);
      // The person's own result still says review after a yes.
      expect(JSON.parse(exported.stdout).overall.result).toBe(answer === "yes" ? "review" : "pass");
      summaries.push(JSON.parse(await readFile(path.join(work.dir, `summary-${answer}.json`), "utf8")).summary);
    }
    const [yes, no] = summaries;
    expect(yes.sections).toEqual(no.sections);
    expect(yes.overall).toEqual(no.overall);
    expect(yes.format).toBe("selfcheck-summary/2");
    expect(yes.publicTestCompleted).toBe(true);
    expect(JSON.stringify(yes)).not.toMatch(/flag|review/i);
  });

  it("the screen says so before the test, and a yes gives the guidance in the person's own results", async () => {
    const result = await run([], person({ answer: (k) => (k === "name" ? "Kim Lee" : k.startsWith(`${PUBLIC_TEST}/`) ? "yes" : undefined) }));
    const text = result.stdout.replace(/\s+/g, " ");
    const test = PUBLIC_TEST_GUIDANCE();
    expect(text).toContain("This test is private. Your answers to it are not saved anywhere, and a signed summary records only that you completed it, never how you answered.");
    expect(text.indexOf("This test is private")).toBeLessThan(text.indexOf("Results for Kim Lee"));
    // Shown at the test and again with the results.
    expect(text.split(test.slice(0, 60)).length - 1).toBe(2);
    expect(result.code).toBe(0);
  });
});

/** The bank's guidance for a yes, whitespace-normalised. */
function PUBLIC_TEST_GUIDANCE(): string {
  const q = bank.sections.flatMap((s) => s.questions).find((x) => x.id === PUBLIC_TEST);
  if (!q || q.type !== "public-test") throw new Error("no public test");
  return q.guidance.replace(/\s+/g, " ");
}

describe("the user's state folder", () => {
  it.each([
    ["linux", { XDG_STATE_HOME: "/x/state", HOME: "/home/sam" }, "/x/state/policy-selfcheck"],
    ["linux", { HOME: "/home/sam" }, "/home/sam/.local/state/policy-selfcheck"],
    ["linux", { XDG_STATE_HOME: "relative", HOME: "/home/sam" }, "/home/sam/.local/state/policy-selfcheck"],
    ["linux", {}, undefined],
    ["win32", { LOCALAPPDATA: "C:\\Users\\sam\\AppData\\Local", XDG_STATE_HOME: "/x" }, "C:\\Users\\sam\\AppData\\Local\\policy-selfcheck"],
    ["win32", {}, undefined],
  ] as const)("%s %j → %s", (platform, env, expected) => {
    expect(stateDir(env, platform)).toBe(expected);
  });
});
