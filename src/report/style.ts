import { Chalk } from "chalk";

/** Text styling that collapses to plain text when colour is off. */
export interface Style {
  color: boolean;
  bold(text: string): string;
  dim(text: string): string;
  good(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  accent(text: string): string;
}

/**
 * Colour only on a terminal that wants it: never with --no-color or NO_COLOR (any non-empty
 * value, per no-color.org); FORCE_COLOR=1 turns it on for a pipe (`less -R`); otherwise not with
 * TERM=dumb or when the stream is not a TTY (pipes, files, CI logs).
 */
export function wantsColor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  flag: boolean | undefined,
): boolean {
  if (flag === false) return false;
  // NO_COLOR wins over everything but the flag: it is the reader's own choice (no-color.org).
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

export function createStyle(color: boolean): Style {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    color,
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    good: (t) => chalk.green(t),
    bad: (t) => chalk.red(t),
    warn: (t) => chalk.yellow(t),
    accent: (t) => chalk.cyan(t),
  };
}
