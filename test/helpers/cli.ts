import { spawn } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { main } from "../../src/cli/main.js";
import type { Deps } from "../../src/cli/deps.js";
import { CLI } from "./bank-fixture.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** In-process only: replaces parts of Deps (a clock, a failing seam). */
  deps?: Partial<Deps>;
  /** In-process only: stderr claims to be a terminal (for messages shown only there). */
  stderrIsTTY?: boolean;
}

/** A stack frame or a Node internal: what a user must never see. */
export const STACK_FRAME = /^\s+at .+|node:internal/m;

/** The environment a command sees: the test's own, plain output unless a test asks otherwise. */
function environment(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...extra };
  if (extra?.FORCE_COLOR === undefined) delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/** A stream that keeps what is written to it, as a pipe would (no terminal, no width). */
function memoryStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

/**
 * Runs a command in this process through `main(argv, deps)`, against the TypeScript source, as
 * a user with no terminal would: stdin at end of input and not a TTY, output captured, the given
 * folder and environment. No signal handlers are installed, so a test run is never ended by them.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const stdout = memoryStream();
  const stderr = memoryStream();
  if (options.stderrIsTTY) Object.assign(stderr.stream, { isTTY: true });
  const stdin = Readable.from([]) as Readable & { isTTY?: boolean };
  const deps: Deps = {
    cwd: options.cwd ?? process.cwd(),
    env: environment(options.env),
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    now: () => new Date(),
    randomSeed: () => Math.floor(Math.random() * 2 ** 32),
    ...options.deps,
  };
  const code = await main(args, deps, { signals: false });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Runs the built CLI (`bin/selfcheck.js`, so dist/ must be built) in a child process, with stdin
 * closed and output piped. Only for what a real process proves: the shim and bundle, exit codes
 * seen by a shell, signals, closed pipes, internal errors as a user sees them.
 */
export function spawnCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: environment(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
