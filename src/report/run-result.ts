// Loaded only for text output (a --json run never pays for measuring display widths).
import type { Bank } from "../bank/bank.js";
import type { Result } from "../engine/score.js";
import { applicableQuestions } from "../engine/score.js";
import type { Mode } from "../engine/mode.js";
import { plural, wrap } from "../util/text.js";
import { renderResultTable } from "./result-table.js";
import { renderRevisit, renderVerdictAdvice } from "./result-text.js";
import type { Style } from "./style.js";

/** The result of a run for the terminal: the table, what it means, what to revisit, the export. */
export function renderRunResult(
  input: {
    bank: Bank;
    result: Result;
    name: string | undefined;
    mode: Mode;
    seed: number;
    exported: { file: string; principal: string; fingerprint: string } | undefined;
  },
  style: Style,
  width: number,
): string {
  const { bank, result, exported } = input;
  const parts = [
    "",
    style.bold(`Results${input.name ? ` for ${input.name}` : ""}`),
    renderResultTable(result, style, width, bank),
    "",
    renderVerdictAdvice(result, style, width, bank),
  ];
  const revisit = renderRevisit(bank, result, style, width, input.mode === "self");
  if (revisit !== "") parts.push("", revisit);
  if (exported) {
    parts.push(
      "",
      `${style.good("Signed summary written to")} ${exported.file} (signed as ${exported.principal}, key ${exported.fingerprint})`,
    );
  }
  parts.push("", style.dim(`Seed ${input.seed} · ${bank.id} ${bank.version}`));
  return parts.join("\n");
}

/** What an interactive run says before the first question. */
export function renderWelcome(bank: Bank, mode: Mode, style: Style, width: number, role?: string): string {
  return [
    style.bold(bank.title),
    wrap(`${bank.policy.organisation} · ${bank.policy.title} (updated ${formatPolicyDate(bank.policy.updated)})`, width),
    "",
    wrap(
      `${questionCount(bank, role)} ${
        mode === "training"
          ? "Training mode: you will see the answer and the policy's words after each question."
          : "You will see your result for each section, and an explanation of anything you missed, at the end."
      }`,
      width,
    ),
    style.dim(
      wrap(
        `${style.color ? "Use the arrow keys and Enter to answer." : "Answer each question by typing its number and Enter."} Ctrl-C stops at any time: your answers so far are kept, and the next selfcheck run offers to resume.`,
        width,
      ),
    ),
  ].join("\n");
}

/**
 * How many questions the person will be asked, exactly: for their role when it is known, else
 * the range over the bank's roles ("Between 15 and 18 questions"), never a count nobody gets.
 */
export function questionCount(bank: Bank, role: string | undefined): string {
  const sections = plural(bank.sections.length, "section");
  const countFor = (r: string | undefined) =>
    bank.sections.reduce((n, s) => n + applicableQuestions(s, r).length, 0);
  const counts = role !== undefined ? [countFor(role)] : bank.roles.map((r) => countFor(r.id));
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  return min === max
    ? `${plural(min, "question")} in ${sections}.`
    : `Between ${min} and ${max} questions in ${sections}, depending on your role.`;
}

/** "2023-09" → "September 2023"; "2023-10-18" → "18 October 2023". */
export function formatPolicyDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m) return date;
  const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-GB", {
    month: "long",
    timeZone: "UTC",
  });
  return d ? `${d} ${month} ${y}` : `${month} ${y}`;
}
