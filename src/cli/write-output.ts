import type { Deps } from "./deps.js";
import { checkWriteTarget, writeTargetFile } from "./io.js";

/** Pieces of output are written to stdout in batches of about this many characters. */
const BATCH = 64 * 1024;

/**
 * A report to stdout, or atomically to `--output FILE` (never over a file without --force). A
 * report made in pieces (report's JSON, person by person) goes to stdout in batches, so it is
 * never one string there; a file gets it whole, written at once.
 */
export async function writeOutput(text: string | Iterable<string>, output: string | undefined, force: boolean, deps: Deps): Promise<void> {
  if (output === undefined) {
    if (typeof text === "string") {
      deps.stdout.write(text);
      return;
    }
    let batch = "";
    for (const piece of text) {
      batch += piece;
      if (batch.length >= BATCH) {
        if (!(await writeBatch(deps.stdout, batch))) return;
        batch = "";
      }
    }
    if (batch !== "") deps.stdout.write(batch);
    return;
  }
  const whole = typeof text === "string" ? text : [...text].join("");
  await writeTargetFile(checkWriteTarget(output, force, deps), whole, { force }, deps);
}

/**
 * Writes a batch and waits while the stream's buffer is full (a pipe to a slow reader), so the
 * pieces are not all queued in memory after all. False once the stream is closed (a closed pipe
 * ends quietly): nothing more is written.
 */
async function writeBatch(stream: Deps["stdout"], batch: string): Promise<boolean> {
  const closed = () => (stream as { destroyed?: boolean }).destroyed === true;
  if (closed()) return false;
  if (stream.write(batch)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      for (const event of ["drain", "close", "error"]) stream.off(event, done);
      resolve();
    };
    for (const event of ["drain", "close", "error"]) stream.on(event, done);
  });
  return !closed();
}
