import type { Prompter } from "../session/prompter.js";

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** Everything a command touches outside its arguments, injected so tests need no mocks. */
export interface Deps {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutStream & NodeJS.WritableStream;
  stderr: OutStream & NodeJS.WritableStream;
  now: () => Date;
  randomSeed: () => number;
  /** Overrides the terminal prompter (prompt-flow tests). */
  createPrompter?: (context: { output: NodeJS.WritableStream }) => Promise<Prompter>;
}

export function processDeps(): Deps {
  return {
    cwd: process.cwd(),
    env: process.env,
    // On first use: process.stdin sets up a stream (a few milliseconds), and most commands,
    // scripted runs included, never read it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    // Web Crypto is already loaded; importing node:crypto here would cost every start-up ~3 ms.
    randomSeed: () => globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
  };
}
