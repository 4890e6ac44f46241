import {
  type Bank,
  bankTestTitle,
  clauseMap,
  findQuestion,
  isChoice,
  type ResolvedClause,
  type ResolvedQuestion,
} from "../bank/bank.js";
import type { QuestionOutcome, Result, SectionVerdict } from "../engine/score.js";
import type { Style } from "./style.js";
import { wrap } from "../util/text.js";

/** Words first, colour second: a result must read the same to a screen reader and in print. */
export function verdictLabel(verdict: SectionVerdict, style: Style): string {
  switch (verdict) {
    case "pass":
      return style.good("PASS");
    case "fail":
      return style.bad("FAIL");
    case "review":
      return style.warn("REVIEW");
  }
}

/**
 * What to do next, in words: which sections failed, and why a review was raised — with the
 * bank's guidance for a "yes" in the policy's own test, which only the person sees.
 */
export function renderVerdictAdvice(result: Result, style: Style, width: number, bank: Bank): string {
  const out: string[] = [];
  const failed = result.sections.filter((s) => s.result === "fail");
  if (failed.length > 0) {
    out.push(
      wrap(
        `You did not pass: ${failed.map((s) => s.title).join(", ")}. Read the questions below again, with the policy text, and take the self-check again.`,
        width,
      ),
    );
  }
  if (result.publicTestFlagged) {
    out.push(
      style.warn(
        wrap(
          // Who to speak to is the policy's to say: bank.yaml's contacts, never a name in code.
          `You answered yes to part of “${bankTestTitle(bank)}”. That is not a fail, and no summary records it. Follow the guidance below${bank.contacts ? ` and speak to ${bank.contacts.concerns}` : ""}.`,
          width,
        ),
      ),
    );
    const flagged = result.questions.filter((o) => o.flagged).map((o) => findQuestion(bank, o.id));
    for (const q of flagged) if (q?.type === "public-test") out.push(wrap(q.guidance, width, "  "));
  }
  if (out.length === 0) out.push(style.good("Every section passed. Well done."));
  return out.join("\n");
}

/** One line per option label, for "you answered … / the answer is …". */
function labels(q: ResolvedQuestion, ids: readonly string[]): string {
  if (!isChoice(q)) return ids.join(", ");
  const names = ids.map((id) => q.options.find((o) => o.id === id)?.label ?? id);
  return names.length === 0 ? "(no answer)" : names.join("; ");
}

/** The policy's own words for a question, each clause with the words that introduce it. */
export function renderClauses(
  q: ResolvedQuestion,
  clauses: Map<string, ResolvedClause>,
  style: Style,
  width: number,
  indent = "  ",
): string {
  // Staff see the policy's own reference (its numbering, or heading and place), never an id.
  return q.clauses
    .map((id) => clauses.get(id))
    .filter((c): c is ResolvedClause => c !== undefined)
    .map((c) => {
      const quote = c.lead ? `${c.lead} … ${c.text}` : c.text;
      return `${indent}${style.dim(`${c.ref}:`)}\n${wrap(`“${quote}”`, width, `${indent}  `)}`;
    })
    .join("\n");
}

/**
 * Feedback on one answered question: right or wrong in words, the key, why, and the policy. A
 * critical miss is named as what it is; a "select all" miss says what was missed and what was
 * wrongly added, by label. Generic words only: what the rule is about comes from the bank.
 */
export function renderFeedback(
  q: ResolvedQuestion,
  outcome: QuestionOutcome,
  clauses: Map<string, ResolvedClause>,
  style: Style,
  width: number,
  sectionTitle?: string,
): string {
  const lines: string[] = [];
  if (outcome.correct) {
    lines.push(style.good("✔ Correct."));
  } else {
    const section = sectionTitle === undefined ? "the section" : `the section “${sectionTitle}”`;
    lines.push(
      style.bad(
        wrap(
          outcome.critical
            ? `✗ This breaks a rule the policy makes critical: this answer fails ${section}, whatever the rest of the score.`
            : "✗ Not quite.",
          width,
        ),
      ),
    );
    if (q.type === "multi") {
      const missed = outcome.keyed.filter((id) => !outcome.selected.includes(id));
      const added = outcome.selected.filter((id) => !outcome.keyed.includes(id));
      if (missed.length > 0) lines.push(wrap(`You missed: ${labels(q, missed)}`, width, "  "));
      if (added.length > 0) lines.push(wrap(`You wrongly added: ${labels(q, added)}`, width, "  "));
      lines.push(wrap(`All that apply: ${labels(q, outcome.keyed)}`, width, "  "));
    } else {
      lines.push(wrap(`You answered: ${labels(q, outcome.selected)}`, width, "  "));
      lines.push(wrap(`The answer is: ${labels(q, outcome.keyed)}`, width, "  "));
    }
  }
  lines.push(wrap(q.explanation, width, "  "));
  lines.push(renderClauses(q, clauses, style, width));
  return lines.join("\n");
}

/** Every missed question, grouped by section, explained with the policy quote. */
export function renderRevisit(
  bank: Bank,
  result: Result,
  style: Style,
  width: number,
  detailed: boolean,
): string {
  const clauses = clauseMap(bank);
  const byId = new Map(bank.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const out: string[] = [];
  for (const section of result.sections) {
    const missed = result.questions.filter((o) => o.section === section.id && o.correct === false);
    if (missed.length === 0) continue;
    out.push(style.bold(`${section.title} (${verdictLabel(section.result, style)})`));
    for (const outcome of missed) {
      const q = byId.get(outcome.id);
      if (!q) continue;
      out.push(wrap(`• ${q.prompt}`, width, "  "));
      if (detailed) out.push(renderFeedback(q, outcome, clauses, style, width, section.title));
      else out.push(style.dim(wrap(`See the policy: ${q.clauses.map((id) => clauses.get(id)?.ref ?? id).join("; ")}`, width, "  ")));
      out.push("");
    }
  }
  if (out.length === 0) return "";
  return [style.bold("What to revisit"), "", ...out].join("\n").trimEnd();
}
