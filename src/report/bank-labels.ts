import type { Bank } from "../bank/bank.js";
import type { ReportInput, VerifiedSummary } from "./aggregate-report.js";

/**
 * The bank's words for a report (section titles, question prompts, role labels, and the
 * organisation and policy when no summary is kept), when the summaries were made with it.
 */
export function bankLabels(
  bank: Bank,
  verified: readonly VerifiedSummary[],
  named: boolean,
): Pick<ReportInput, "labels" | "fallback"> | undefined {
  if (!madeWith(bank, verified, named)) return undefined;
  return {
    labels: labelsOf(bank),
    fallback: { organisation: bank.policy.organisation, policy: bank.policy.title, bank: { id: bank.id, version: bank.version } },
  };
}

/**
 * Whether the summaries were made with this bank, so its titles and prompts label them: every
 * verified summary names its id (a newer version of the same bank keeps its ids' meaning). The
 * shipped bank, used when no --bank is given, must also be named by at least one summary; another
 * school's summaries are shown by their ids rather than under the default bank's titles.
 */
function madeWith(bank: Bank, verified: readonly VerifiedSummary[], named: boolean): boolean {
  if (!named && verified.length === 0) return false;
  return verified.every((v) => v.summary.bank.id === bank.id);
}

/** Section titles, question prompts and role labels for the report. */
function labelsOf(bank: Bank): NonNullable<ReportInput["labels"]> {
  return {
    sections: new Map(bank.sections.map((s) => [s.id, s.title])),
    questions: new Map(bank.sections.flatMap((s) => s.questions.map((q) => [q.id, q.prompt] as const))),
    roles: new Map(bank.roles.map((r) => [r.id, r.label])),
  };
}
