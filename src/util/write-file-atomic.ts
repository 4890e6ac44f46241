import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { trackTempFile } from "./cleanup.js";

export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists (use --force to replace it)`);
    this.name = "FileExistsError";
  }
}

/** `--force` replaces a regular file only: never a device node, a FIFO, a socket or a folder. */
export class NotRegularFileError extends Error {
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {
    super(`${file}: ${kind}; only a regular file is ever replaced`);
    this.name = "NotRegularFileError";
  }
}

/**
 * The temporary file beside `target`. The target's name is shortened in it, so a target whose
 * name is near the file system's 255-byte limit does not fail on the longer temporary name.
 */
export function tempNameFor(target: string): string {
  const base = Array.from(path.basename(target)).slice(0, 40).join("");
  return path.join(path.dirname(target), `.${base}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Writes a file so that readers only ever see the old content or the whole new content: the
 * data goes to a temporary file beside the target, is flushed to disk, and then takes the
 * target's name in one step. Without `force` an existing file is never replaced (a hard link
 * fails if the name is taken).
 *
 * Synchronous on purpose: a signal handler (which removes tracked temporary files) can then only
 * run between these steps, never while a file is being created on another thread — with async
 * fs calls a temporary file could appear after the handler had already cleaned up.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { force?: boolean; mode?: number } = {},
): Promise<void> {
  const temp = tempNameFor(target);
  const untrack = trackTempFile(temp);
  try {
    const fd = openSync(temp, "wx", options.mode ?? 0o644);
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.force) {
      // Checked at the last moment: rename(2) would replace a FIFO or /dev/null as readily as a file.
      const existing = lstatOrUndefined(target);
      if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
        throw new NotRegularFileError(target, existing.isDirectory() ? "it is a folder" : "it is not a regular file");
      }
      renameSync(temp, target);
      return;
    }
    try {
      linkSync(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new FileExistsError(target);
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EXDEV") throw error;
      // File systems without hard links (FAT on a USB stick): claim the name exclusively, then replace it.
      try {
        closeSync(openSync(target, "wx"));
      } catch (claim) {
        throw (claim as NodeJS.ErrnoException).code === "EEXIST" ? new FileExistsError(target) : claim;
      }
      renameSync(temp, target);
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // renamed into place, or never created
    }
    untrack();
  }
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
