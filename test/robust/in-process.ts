import { PassThrough } from "node:stream";
import type { Deps } from "../../src/cli/deps.js";
import { main } from "../../src/cli/main.js";

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main` in-process with in-memory streams, no terminal and no signal handlers. */
export async function runMain(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; deps?: Partial<Deps>; stderrIsTTY?: boolean } = {},
): Promise<MainResult> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: options.stderrIsTTY === true });
  const stdin = new PassThrough();
  stdin.end();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const deps: Deps = {
    cwd: options.cwd ?? process.cwd(),
    env: { NO_COLOR: "1", ...options.env },
    stdin,
    stdout,
    stderr,
    now: () => new Date(),
    randomSeed: () => 1,
    ...options.deps,
  };
  const code = await main(args, deps, { signals: false });
  return { code, stdout: out, stderr: err };
}

/** A stack frame or a Node internal: what a user must never see. */
export const STACK_FRAME = /^\s+at .+|node:internal/m;
