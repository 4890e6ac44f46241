import { createHash } from "node:crypto";
import { signedBytes } from "../summary/canonical-json.js";
import type { Summary } from "../summary/summary.js";
import type { FileOutcome } from "../summary/verify-file.js";

/**
 * One verified summary as the register needs it, and nothing more: plain JSON data, small enough
 * to keep a person's latest attempt in memory for 100,000 files and cheap to send from a worker.
 * Every field here is read by the aggregator (aggregate-report.ts) or, through the register, by a
 * renderer; the rest of a summary (scores per section, seed, times started, hashes) is not.
 */
export interface Attempt {
  /** The file, as messages name it. */
  file: string;
  /**
   * The signed content: base64 SHA-512 of the summary's canonical signed bytes. Copies of one
   * summary (the same file handed in twice, renamed) have the same id and count as one attempt.
   */
  contentId: string;
  person: Summary["person"];
  session: string | null;
  finishedAt: string;
  validUntil: string;
  overall: Summary["overall"];
  /** The signer's principal. */
  signer: string;
  policy: { organisation: string; title: string };
  bank: { id: string; version: string };
  sections: AttemptSection[];
}

export interface AttemptSection {
  id: string;
  result: Summary["sections"][number]["result"];
  missed: string[];
  criticalMissed: string[];
}

/**
 * The compact record of a verified summary. `contentId` is the digest verification already
 * computed, when given (the argument, else the outcome's own); only when neither is there is it
 * computed here, the same way (SHA-512 of the signed bytes), so ids from either source agree.
 *
 * Identity is the canonical (sorted-key) signed content. Before, it was `JSON.stringify` of the
 * summary as read; the two differ only for two files whose summaries list the same keys and
 * values in a different order, which carry the same signed bytes, verify as the same signed
 * content, and now count as one attempt (as they should) rather than two.
 */
export function attemptOf(
  file: string,
  outcome: { summary: Summary; contentId?: string },
  contentId?: string,
): Attempt {
  const s = outcome.summary;
  return {
    file,
    contentId: contentId ?? outcome.contentId ?? createHash("sha512").update(signedBytes(s)).digest("base64"),
    person: { name: s.person.name, role: s.person.role, staffId: s.person.staffId, email: s.person.email },
    session: s.session,
    finishedAt: s.finishedAt,
    validUntil: s.validUntil,
    // Written field by field: the register prints `overall` as it is, so its key order is fixed here.
    overall: { result: s.overall.result, correct: s.overall.correct, total: s.overall.total, percentage: s.overall.percentage },
    signer: s.signer.principal,
    policy: { organisation: s.policy.organisation, title: s.policy.title },
    bank: { id: s.bank.id, version: s.bank.version },
    sections: s.sections.map((x) => ({ id: x.id, result: x.result, missed: x.missed, criticalMissed: x.criticalMissed })),
  };
}

/** What `report` needs of one file's verify outcome: its compact record, or why it is not counted. */
export type RegisterEntry = { attempt: Attempt } | { rejected: { file: string; reason: string } };

/**
 * `report`'s view of a verify outcome (verify-views.ts): on a worker thread, only this small
 * record crosses to the main thread, never the summary. A file that did not verify is named with
 * the line and column at fault, where there is one.
 */
export function registerEntryOf(outcome: FileOutcome): RegisterEntry {
  if (outcome.status === "verified" && outcome.summary) {
    return { attempt: attemptOf(outcome.file, { ...outcome, summary: outcome.summary }) };
  }
  const where = outcome.line !== undefined ? `:${outcome.line}:${outcome.col}` : "";
  return { rejected: { file: `${outcome.file}${where}`, reason: outcome.reason } };
}
