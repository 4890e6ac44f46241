import { readInput } from "../bank/read-input.js";
import { escapeControl } from "../util/escape.js";
import { MAX_SUMMARY_BYTES, type VerifyOutcome, verifySummaryBytes } from "./verify-summary.js";

/** A verify outcome with the file it is about, as shown to the user. */
export interface FileOutcome extends VerifyOutcome {
  file: string;
}

/** Reads and verifies one file; unreadable files are malformed, never an exception. */
export async function verifyFile(
  abs: string,
  shown: string,
  options: Parameters<typeof verifySummaryBytes>[1],
): Promise<VerifyOutcome> {
  const read = await readInput(abs, shown, { maxBytes: MAX_SUMMARY_BYTES });
  if (!read.ok) {
    return {
      status: "malformed",
      code: read.diagnostic.rule === "file-too-large" ? "too-large" : "not-json",
      reason: escapeControl(read.diagnostic.message),
    };
  }
  return verifySummaryBytes(read.bytes, options);
}
