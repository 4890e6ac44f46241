import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { trackTempFile } from "./cleanup.js";

export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists (use --force to replace it)`);
    this.name = "FileExistsError";
  }
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
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
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
