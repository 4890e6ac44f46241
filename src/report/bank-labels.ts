import type { Bank } from "../bank/bank.js";
import type { ReportWords } from "./aggregate-report.js";

/**
 * The bank's words for a report (section titles, question prompts, role labels, and the
 * organisation and policy when no summary is kept), when the summaries were made with it.
 */
export function bankLabels(
  bank: Bank,
  bankIds: ReadonlySet<string>,
  named: boolean,
): ReportWords | undefined {
  if (!madeWith(bank, bankIds, named)) return undefined;
  return {
    labels: labelsOf(bank),
    fallback: { organisation: bank.policy.organisation, policy: bank.policy.title, bank: { id: bank.id, version: bank.version } },
  };
}

/**
 * Whether the summaries were made with this bank, so its titles and prompts label them: every
 * verified summary names its id (`bankIds`: the ids they name) (a newer version of the same bank keeps its ids' meaning). The
 * shipped bank, used when no --bank is given, must also be named by at least one summary; another
 * school's summaries are shown by their ids rather than under the default bank's titles.
 */
function madeWith(bank: Bank, bankIds: ReadonlySet<string>, named: boolean): boolean {
  if (!named && bankIds.size === 0) return false;
  return [...bankIds].every((id) => id === bank.id);
}

/** Section titles, question prompts and role labels for the report. */
function labelsOf(bank: Bank): NonNullable<ReportWords["labels"]> {
  return {
    sections: new Map(bank.sections.map((s) => [s.id, s.title])),
    questions: new Map(bank.sections.flatMap((s) => s.questions.map((q) => [q.id, q.prompt] as const))),
    roles: new Map(bank.roles.map((r) => [r.id, r.label])),
  };
}
