import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/cli/deps.js";
import { main } from "../../src/cli/main.js";
import { isDoubleClickStart, runDoubleClicked } from "../../src/cli/sea/double-click.js";
import { InterruptedError, type Prompter } from "../../src/session/prompter.js";

/** Collects what is written; `isTTY` as a console window would report it. */
function sink(isTTY: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; text: () => string };
  let text = "";
  stream.on("data", (d: Buffer) => (text += d.toString()));
  stream.isTTY = isTTY;
  stream.text = () => text;
  return stream;
}

/** A home and state folder of the test's own: no progress saved by an earlier run is offered. */
const home = mkdtempSync(path.join(tmpdir(), "selfcheck-double-click-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function consoleDeps(options: { tty: boolean; createPrompter?: Deps["createPrompter"] }) {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty;
  const deps: Deps = {
    cwd: process.cwd(),
    env: { NO_COLOR: "1", HOME: home, XDG_STATE_HOME: home, LOCALAPPDATA: home },
    stdin,
    stdout: sink(options.tty),
    stderr: sink(options.tty),
    now: () => new Date("2026-11-30T10:00:00Z"),
    randomSeed: () => 7,
    createPrompter: options.createPrompter,
  };
  return { deps, stdin, stdout: deps.stdout as ReturnType<typeof sink>, stderr: deps.stderr as ReturnType<typeof sink> };
}

/** Polls until `check` holds (the CLI loads its modules first, which takes a moment under load). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

/** Resolves to "pending" if `promise` has not settled after the event loop has had a few turns. */
async function stateOf(promise: Promise<unknown>): Promise<unknown> {
  return Promise.race([promise, new Promise((r) => setTimeout(() => r("pending"), 50))]);
}

describe("double-click start (Windows Explorer)", () => {
  it("is a bare start on Windows only; any argument, or another system, is the ordinary CLI", () => {
    expect(isDoubleClickStart([], "win32")).toBe(true);
    expect(isDoubleClickStart(["run"], "win32")).toBe(false);
    expect(isDoubleClickStart(["--version"], "win32")).toBe(false);
    expect(isDoubleClickStart([], "linux")).toBe(false);
    expect(isDoubleClickStart([], "darwin")).toBe(false);
  });

  it("runs the questionnaire, then keeps the window open until Enter, and returns the run's exit code", async () => {
    const { deps, stdin, stdout } = consoleDeps({ tty: true });
    const calls: (readonly string[])[] = [];
    const done = runDoubleClicked(deps, async (argv) => {
      calls.push(argv);
      return 1; // a failed section: the person must be able to read which
    });
    expect(await stateOf(done)).toBe("pending");
    expect(calls).toEqual([["run"]]);
    expect(stdout.text()).toContain("Press Enter to close this window.");
    stdin.write("\n");
    expect(await done).toBe(1);
  });

  it("does not hang when the console's input ends", async () => {
    const { deps, stdin } = consoleDeps({ tty: true });
    const done = runDoubleClicked(deps, async () => 0);
    expect(await stateOf(done)).toBe("pending");
    stdin.end();
    expect(await done).toBe(0);
  });

  it("with the real CLI: the questionnaire starts at the person's name, and Ctrl-C closes at once", async () => {
    const asked: string[] = [];
    const prompter: Prompter = {
      async input({ key }) {
        asked.push(key);
        throw new InterruptedError(); // Ctrl-C at the first prompt
      },
      async select({ key }) {
        asked.push(key);
        throw new InterruptedError();
      },
      async checkbox({ key }) {
        asked.push(key);
        throw new InterruptedError();
      },
      async password({ key }) {
        asked.push(key);
        throw new InterruptedError();
      },
      async pause({ key }) {
        asked.push(key);
        throw new InterruptedError();
      },
    };
    const { deps, stdout } = consoleDeps({ tty: true, createPrompter: async () => prompter });
    const code = await runDoubleClicked(deps, (argv) => main(argv, deps, { signals: false }));
    expect(code).toBe(130);
    expect(asked).toEqual(["name"]);
    expect(stdout.text()).not.toContain("Press Enter");
  });

  it("with the real CLI: an error stays on screen until Enter", async () => {
    // No terminal (input redirected): run refuses with exit 2; the message must stay readable.
    const { deps, stdin, stdout, stderr } = consoleDeps({ tty: false });
    const done = runDoubleClicked(deps, (argv) => main(argv, deps, { signals: false }));
    await until(() => stdout.text().includes("Press Enter to close this window."));
    expect(stderr.text()).toMatch(/terminal/);
    expect(await stateOf(done)).toBe("pending");
    stdin.write("\n");
    expect(await done).toBe(2);
  });
});
