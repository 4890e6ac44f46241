import { describe, expect, it } from "vitest";
import { runCli, STACK_FRAME } from "../helpers/cli.js";

const boom = () => {
  throw new TypeError("boom\nsecond line");
};

describe("an error no rule maps is an internal error", () => {
  it("exits 70 with two lines and no stack trace", async () => {
    const r = await runCli(["run", "--answers", "a.json"], { deps: { now: boom } });
    expect(r.code).toBe(70);
    expect(r.stderr).toBe(
      "selfcheck: internal error: TypeError: boom\nselfcheck: this is a bug; please report it with the command you ran (SELFCHECK_DEBUG=1 shows the details)\n",
    );
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it("shows the stack only with SELFCHECK_DEBUG=1", async () => {
    const r = await runCli(["run", "--answers", "a.json"], { deps: { now: boom }, env: { SELFCHECK_DEBUG: "1" } });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/internal error: TypeError: boom/);
    expect(r.stderr).toMatch(/^\s+at /m);
  });

  it("escapes control characters in the message", async () => {
    const r = await runCli(["run", "--answers", "a.json"], {
      deps: {
        now: () => {
          throw new Error("\u001b[32m✓ fine");
        },
      },
    });
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr).toContain("\\x1b[32m");
  });

  it.each(["run", "verify", "report", "validate"])("documents 70, 129 and 143 in %s --help", async (command) => {
    const r = await runCli([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/70 internal error/);
    expect(r.stdout).toMatch(/129\/143 stopped by SIGHUP\/SIGTERM/);
  });

  it("documents 70, 129 and 143 in --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/70 internal error/);
    expect(r.stdout).toMatch(/129\/143 when stopped/);
  });
});
