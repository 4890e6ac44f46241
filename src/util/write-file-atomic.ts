import { randomBytes } from "node:crypto";
import { trackTempFile } from "./cleanup.js";
import { link, open, rename, unlink } from "node:fs/promises";
import path from "node:path";

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
 * fails if the name is taken). A signal while writing removes the temporary file (the CLI's
 * signal handler calls removeTempFiles).
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { force?: boolean; mode?: number } = {},
): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const untrack = trackTempFile(temp);
  try {
    const handle = await open(temp, "wx", options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.force) {
      await rename(temp, target);
      return;
    }
    try {
      await link(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new FileExistsError(target);
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EXDEV")
        throw error;
      // File systems without hard links (FAT on a USB stick): claim the name exclusively, then replace it.
      const claim = await open(target, "wx").catch((e: NodeJS.ErrnoException) => {
        throw e.code === "EEXIST" ? new FileExistsError(target) : e;
      });
      await claim.close();
      await rename(temp, target);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
    untrack();
  }
}
