import type { Deps } from "./deps.js";
import { checkWriteTarget, writeTargetFile } from "./io.js";

/** A report to stdout, or atomically to `--output FILE` (never over a file without --force). */
export async function writeOutput(text: string, output: string | undefined, force: boolean, deps: Deps): Promise<void> {
  if (output === undefined) {
    deps.stdout.write(text);
    return;
  }
  await writeTargetFile(checkWriteTarget(output, force, deps), text, { force }, deps);
}
