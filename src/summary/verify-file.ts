import { readInputSync } from "../bank/read-input.js";
import { escapeControl } from "../util/escape.js";
import { MAX_SUMMARY_BYTES, type ReadFully, type VerifyOptions, type VerifyOutcome, verifySummaryBytes } from "./verify-summary.js";

/** A verify outcome with the file it is about, as shown to the user. */
export interface FileOutcome extends VerifyOutcome {
  file: string;
}

/**
 * Reads and verifies one file; unreadable files are malformed, never an exception. Synchronous:
 * it runs in a loop over thousands of files (on a worker thread, or in-thread for a few), where
 * nothing else waits for the event loop and a promise per file only costs time. Without
 * `readFully`, a file the quick check refuses has no outcome here (verifySummaryBytes).
 */
export function verifyFile(abs: string, shown: string, options: VerifyOptions, readFully: ReadFully): FileOutcome;
export function verifyFile(abs: string, shown: string, options: VerifyOptions, readFully?: ReadFully): FileOutcome | undefined;
export function verifyFile(abs: string, shown: string, options: VerifyOptions, readFully?: ReadFully): FileOutcome | undefined {
  const read = readInputSync(abs, shown, { maxBytes: MAX_SUMMARY_BYTES });
  if (!read.ok) {
    return {
      file: shown,
      status: "malformed",
      code: read.diagnostic.rule === "file-too-large" ? "too-large" : "not-json",
      reason: escapeControl(read.diagnostic.message),
    };
  }
  const outcome = verifySummaryBytes(read.bytes, options, readFully);
  return outcome && { file: shown, ...outcome };
}
