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
  const sgr = (open: number, close: number) => (color ? encase(`\u001B[${open}m`, `\u001B[${close}m`) : plain);
  return {
    color,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    good: sgr(32, 39),
    bad: sgr(31, 39),
    warn: sgr(33, 39),
    accent: sgr(36, 39),
  };
}

const plain = (text: string) => text;

/**
 * The 16-colour escape codes around `text`, exactly as chalk (level 1) writes them, without
 * loading chalk and its terminal detection at every start-up (wantsColor decides): an inner
 * style's closing code re-opens this one, and each line is closed and re-opened on its own.
 */
function encase(open: string, close: string): (text: string) => string {
  return (text) => {
    if (text === "") return text;
    let s = text.includes("\u001B") ? text.replaceAll(close, close + open) : text;
    if (s.includes("\n")) s = s.replace(/\r?\n/g, (newline) => close + newline + open);
    return open + s + close;
  };
}
