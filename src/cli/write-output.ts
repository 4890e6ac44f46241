import path from "node:path";
import { FileExistsError, writeFileAtomic } from "../util/write-file-atomic.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { displayFor } from "./shared.js";

/** A report to stdout, or atomically to `--output FILE` (never over a file without --force). */
export async function writeOutput(text: string, output: string | undefined, force: boolean, deps: Deps): Promise<void> {
  if (output === undefined) {
    deps.stdout.write(text);
    return;
  }
  const target = path.resolve(deps.cwd, output);
  const shown = displayFor(deps)(target);
  try {
    await writeFileAtomic(target, text, { force });
  } catch (error) {
    if (error instanceof FileExistsError) throw new UsageError(`${shown} already exists (use --force to replace it)`);
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? `folder ${displayFor(deps)(path.dirname(target))} does not exist`
        : code === "EACCES" || code === "EROFS"
          ? "permission denied"
          : (error as Error).message;
    throw new UsageError(`cannot write ${shown}: ${reason}`);
  }
}
