import { spawn, spawnSync } from "node:child_process";
import { chmod, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLI, DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli, spawnCli } from "../helpers/cli.js";
import { keyedAnswers } from "../helpers/answers.js";
import { mustLoad } from "../helpers/load.js";
import { lastLine, Terminal } from "../helpers/tmux.js";

/**
 * Stopping the tool at any moment must leave nothing half-written and the terminal usable:
 * Ctrl-C, SIGINT and SIGTERM at every kind of prompt, kills in the middle of an export, and a
 * write into a read-only folder.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let terminal: Terminal | undefined;
let answers: string;

beforeAll(async () => {
  work = await tempDir();
  const made = await runCli(["keygen", "-f", "locked.key", "--principal", "t@school.example", "--json"], { cwd: work.dir, env: { SELFCHECK_KEY_PASSPHRASE: "pw" } });
  expect(made.code).toBe(0);
  await writeFile(path.join(work.dir, "allowed_signers"), `${JSON.parse(made.stdout).allowedSigners}\n`);
  const all = keyedAnswers(await mustLoad(DEFAULT_BANK));
  answers = path.join(work.dir, "answers.json");
  await writeFile(answers, JSON.stringify(all));
});
afterAll(() => work.cleanup());
afterEach(() => {
  terminal?.close();
  terminal = undefined;
});

const waiting = (s: string) => /navigate/.test(lastLine(s));
/** Files a run may have left behind in the work folder (besides the fixtures). */
const leftovers = async () => (await readdir(work.dir)).filter((f) => !["locked.key", "locked.key.pub", "allowed_signers", "answers.json"].includes(f));

type Stop = "C-c" | "SIGINT" | "SIGTERM";
const EXPECTED: Record<Stop, number> = { "C-c": 130, SIGINT: 130, SIGTERM: 143 };

/** Starts an interactive run whose shell prints its pid, so a real signal can be sent to it. */
function start(args: string, env: Record<string, string> = {}) {
  terminal = new Terminal(`sh -c 'echo PID:$$; exec node ${CLI} ${args}'`, { cwd: work.dir, env });
  return terminal;
}
async function stop(t: Terminal, how: Stop) {
  if (how === "C-c") t.keys("C-c");
  else {
    const pid = Number(/PID:(\d+)/.exec(t.history())?.[1]);
    process.kill(pid, how);
  }
  return t.waitFor(/EXIT:\d+/);
}

describe("stopping at every kind of prompt", () => {
  const prompts: { kind: string; args: string; reach: (t: Terminal) => Promise<void> }[] = [
    { kind: "text input (name)", args: "run --export --key locked.key", reach: async (t) => {
      await t.waitFor(/Passphrase for locked\.key/);
      t.type("pw");
      t.keys("Enter");
      await t.waitFor(/Your name/);
    } },
    { kind: "hidden input (passphrase)", args: "run --name Kim --export --key locked.key", reach: async (t) => void (await t.waitFor(/Passphrase for locked\.key/)) },
    { kind: "list (a single-answer question)", args: "run --name Kim --role teacher", reach: async (t) => void (await t.waitFor((s) => /1 of \d+/.test(s) && waiting(s))) },
    { kind: "checkboxes (a select-all question)", args: "run --name Kim --role teacher --seed 1", reach: async (t) => {
      for (let i = 0; i < 10; i++) {
        const s = await t.waitFor(waiting);
        if (/space select/.test(lastLine(s))) return;
        t.keys("Enter");
        await t.waitFor((x) => x !== s);
      }
      throw new Error("no select-all question in the first ten");
    } },
  ];
  for (const prompt of prompts) {
    for (const how of ["C-c", "SIGINT", "SIGTERM"] as Stop[]) {
      it(`${how} at ${prompt.kind}: exit ${EXPECTED[how]}, a short message, cursor shown, nothing written`, async () => {
        const t = start(prompt.args);
        await prompt.reach(t);
        const screen = await stop(t, how);
        expect(screen).toContain(`EXIT:${EXPECTED[how]}`);
        // Once a question is answered, its answer is kept for a resume; before that, nothing is.
        expect(screen).toMatch(/(Interrupted|Stopped): (nothing was saved\.|your answers so far are saved\. Run selfcheck run again to resume\.)/);
        expect(screen).not.toMatch(/^\s+at .+:\d+:\d+/m);
        expect(t.cursorVisible()).toBe(true);
        expect(await leftovers()).toEqual([]);
      });
    }
  }

  it("Ctrl-C at a plain (TERM=dumb) prompt: exit 130", async () => {
    const t = start("run --name Kim --role teacher", { TERM: "dumb" });
    await t.waitFor(/Number \(1 to \d\), then Enter:/);
    const screen = await stop(t, "C-c");
    expect(screen).toContain("EXIT:130");
    expect(await leftovers()).toEqual([]);
  });
});

describe("killed in the middle of an export", () => {
  it("leaves either no summary or a whole one that verifies, and never a temporary file", async () => {
    const outcomes = { none: 0, whole: 0 };
    // How long a whole run takes on this machine as a process, so the kills can be spread across all of it.
    const t0 = Date.now();
    const full = await spawnCli(["run", "--answers", answers, "--name", "Kim Lee", "--export", "timing.json", "--key", "locked.key"], {
      cwd: work.dir,
      env: { SELFCHECK_KEY_PASSPHRASE: "pw" },
    });
    expect(full.code).toBe(0);
    const duration = Date.now() - t0;
    const { rm } = await import("node:fs/promises");
    await rm(path.join(work.dir, "timing.json"));
    const RUNS = 24;
    for (let i = 0; i < RUNS; i++) {
      const out = path.join(work.dir, "out.json");
      const child = spawn(process.execPath, [CLI, "run", "--answers", answers, "--name", "Kim Lee", "--export", out, "--key", "locked.key", "--force"], {
        cwd: work.dir,
        env: { ...process.env, SELFCHECK_KEY_PASSPHRASE: "pw" },
        stdio: "ignore",
      });
      // Spread the kills over the whole run: start-up, scoring, signing, writing.
      const delay = Math.round((duration * 1.3 * i) / (RUNS - 1));
      const timer = setTimeout(() => child.kill(i % 2 === 0 ? "SIGTERM" : "SIGINT"), delay);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on("close", (c, s) => resolve([c, s])),
      );
      clearTimeout(timer);
      // Killed before our handlers were installed (still loading), the process dies by the signal itself.
      expect(code === null ? signal : code).toBeOneOf([0, 130, 143, "SIGTERM", "SIGINT"]);
      const files = await readdir(work.dir);
      expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
      if (files.includes("out.json")) {
        const verify = await runCli(["verify", "out.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"], { cwd: work.dir });
        expect(verify.code, verify.stdout).toBe(0);
        outcomes.whole++;
        await rm(out);
      } else {
        outcomes.none++;
      }
    }
    // Both ends were reached: some runs were killed before writing, some finished.
    expect(outcomes.none).toBeGreaterThan(0);
    expect(outcomes.whole).toBeGreaterThan(0);
  });
});

describe("a failed write", () => {
  it("into a read-only folder: exit 2 naming the path, and the summary already there is untouched", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const out = path.join(dir, "summary.json");
      await writeFile(out, "the earlier summary\n");
      await writeFile(path.join(dir, "k"), await readFile(path.join(work.dir, "locked.key")));
      await chmod(path.join(dir, "k"), 0o600);
      // A private mount namespace makes the folder read-only for this one command, even for root.
      const script = `mount --bind "${dir}" "${dir}" && mount -o remount,bind,ro "${dir}" && exec "${process.execPath}" "${CLI}" run --answers "${answers}" --name "Kim Lee" --export "${out}" --key "${dir}/k" --force`;
      const result = spawnSync("unshare", ["-rm", "sh", "-c", script], { env: { ...process.env, SELFCHECK_KEY_PASSPHRASE: "pw", NO_COLOR: "1" }, encoding: "utf8" });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain(`cannot write ${out}`);
      expect(result.stdout).toBe("");
      expect(await readFile(out, "utf8")).toBe("the earlier summary\n");
      expect((await readdir(dir)).sort()).toEqual(["k", "summary.json"]);
    } finally {
      await cleanup();
    }
  });
});
