import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../util/diagnostic.js";

/** Input files are small hand-written documents; anything bigger is a mistake or an attack. */
export const MAX_YAML_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads an input file with a size cap (read at most cap+1 bytes, so a 20 MB file costs nothing)
 * and turns the usual failures into diagnostics instead of exceptions. With `within` (a folder's
 * real path, resolved once by the caller), a file that resolves through symlinks outside that
 * folder is refused.
 */
export async function readInput(
  file: string,
  shown: string,
  options: { maxBytes?: number; within?: string } = {},
): Promise<ReadResult> {
  return readInputSync(file, shown, options);
}

/** readInput for a worker thread's loop, which has nothing else to do while it waits. */
export function readInputSync(
  file: string,
  shown: string,
  options: { maxBytes?: number; within?: string } = {},
): ReadResult {
  const maxBytes = options.maxBytes ?? MAX_YAML_BYTES;
  const fail = (message: string, rule: string): ReadResult => ({
    ok: false,
    diagnostic: { file: shown, line: 0, col: 0, severity: "error", message, rule },
  });
  // Synchronous on purpose: input files are small and read one after another, and a report
  // over 10,000 summaries spent a fifth of its time idle between asynchronous open/stat/read calls.
  try {
    if (options.within !== undefined) {
      const real = realpathSync(file);
      const root = options.within;
      if (real !== root && !real.startsWith(root + path.sep)) {
        return fail(`resolves outside the bank folder (${real}); links out of a bank are refused`, "outside-bank");
      }
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = fstatSync(fd);
      if (info.isDirectory()) return fail("is a directory, expected a file", "not-a-file");
      if (!info.isFile()) return fail("is not a regular file", "not-a-file");
      // One byte more than the file should hold, to see it grew past the cap. Only the bytes
      // read are ever looked at, so the buffer need not be zeroed first.
      const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
      let length = 0;
      while (length < buffer.length) {
        const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
        length += bytesRead;
        // Everything fstat promised has come, and no more: no second call just to hear "end".
        if (bytesRead === 0 || (length >= info.size && length < buffer.length)) break;
      }
      if (length > maxBytes) {
        return fail(`is larger than the ${maxBytes}-byte limit for input files`, "file-too-large");
      }
      return { ok: true, bytes: buffer.subarray(0, length) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return fail(describeFsError(error), "unreadable");
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, expected a file";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ENXIO":
      return "cannot be read (a socket or device, not a file)";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
