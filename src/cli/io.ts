import { closeSync, openSync, statSync, type Stats, unlinkSync } from "node:fs";
import path from "node:path";
import { trackTempFile } from "../util/cleanup.js";
import { FileExistsError, NotRegularFileError, tempNameFor, writeFileAtomic } from "../util/write-file-atomic.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { displayFor } from "./shared.js";

/**
 * Every file a command writes (run --export, keygen, init, test/report --output, present
 * --export) goes through here: one check of the target before any work is done, so a session is
 * never lost to a bad path at the end, and one mapping of write failures to a message that names
 * the path (exit 2), never a stack trace.
 */

/** Where `given` points, checked for writing; the absolute path. */
export function checkWriteTarget(given: string, force: boolean, deps: Deps, what = "write"): string {
  const show = displayFor(deps);
  const target = path.resolve(deps.cwd, given);
  // `--export newdir/` means a folder; writing a file called `newdir` would surprise.
  if (/[\\/]$/.test(given) || given === "." || given === "..") {
    throw new UsageError(`cannot ${what} to ${given}: that names a folder; give a file name (e.g. ${path.join(given, "summary.json")})`);
  }
  const folder = path.dirname(target);
  const folderInfo = statOrUndefined(folder, target, show);
  if (!folderInfo) throw new UsageError(`cannot ${what} to ${show(target)}: folder ${show(folder)} does not exist`);
  if (!folderInfo.isDirectory()) throw new UsageError(`cannot ${what} to ${show(target)}: ${show(folder)} is not a folder`);
  if (Buffer.byteLength(path.basename(target)) > 255) {
    throw new UsageError(`cannot ${what} to ${show(target)}: the file name is too long (the limit is 255 bytes)`);
  }
  const existing = statOrUndefined(target, target, show);
  if (existing) {
    if (!existing.isFile()) throw new UsageError(`cannot ${what} to ${show(target)}: ${kindOf(existing)}; only a regular file is ever replaced`);
    if (!force) throw new UsageError(`${show(target)} already exists (use --force to replace it)`);
  }
  probeFolder(target, show);
  return target;
}

/** Writes atomically (never over a file without `force`), with failures as UsageErrors naming the path. */
export async function writeTargetFile(
  target: string,
  data: string | Uint8Array,
  options: { force: boolean; mode?: number },
  deps: Deps,
): Promise<void> {
  try {
    await writeFileAtomic(target, data, options);
  } catch (error) {
    throw writeFailure(error, target, displayFor(deps));
  }
}

/** A failed write, as the user reads it: `cannot write PATH: no space left on the device`. */
export function writeFailure(error: unknown, target: string, show: (abs: string) => string): Error {
  if (error instanceof FileExistsError) return new UsageError(`${show(target)} already exists (use --force to replace it)`);
  if (error instanceof NotRegularFileError) return new UsageError(`cannot write ${show(target)}: ${error.kind}; only a regular file is ever replaced`);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return error instanceof Error ? error : new Error(String(error));
  return new UsageError(`cannot write ${show(target)}: ${describeWriteCode(code, target, show)}`);
}

export function describeWriteCode(code: string, target: string, show: (abs: string) => string): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "the disk quota is used up";
    case "ENAMETOOLONG":
      return "the file name is too long";
    case "ENOENT":
      return `folder ${show(path.dirname(target))} does not exist`;
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "EISDIR":
      return "it is a folder";
    case "EEXIST":
      return "it already exists";
    case "EIO":
      return "input/output error (is the disk or network drive still there?)";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return `the system refused (${code})`;
  }
}

function statOrUndefined(file: string, target: string, show: (abs: string) => string): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw writeFailure(error, target, show);
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "it is a folder";
  if (info.isFIFO()) return "it is a named pipe (FIFO)";
  if (info.isSocket()) return "it is a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "it is a device";
  return "it is not a regular file";
}

/**
 * Creates and removes a temporary file where the real one will go, so a read-only folder, a
 * folder we may not write to or a too-long name is found before the questions, not after them.
 */
function probeFolder(target: string, show: (abs: string) => string): void {
  const probe = tempNameFor(target);
  const untrack = trackTempFile(probe);
  try {
    closeSync(openSync(probe, "wx", 0o600));
    unlinkSync(probe);
  } catch (error) {
    throw writeFailure(error, target, show);
  } finally {
    untrack();
  }
}
