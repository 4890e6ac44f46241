import { type Bank, clauseMap, isChoice, publicTestTitle, type ResolvedQuestion, type ResolvedSection } from "../bank/bank.js";
import { renderClauses } from "../report/result-text.js";
import type { Style } from "../report/style.js";
import { truncateDisplay } from "../util/display-width.js";
import { wrap } from "../util/text.js";
import type { Prompter } from "./prompter.js";
import type { Writer } from "./questionnaire.js";
import { idRecord } from "../util/records.js";

/** What the room did with one question: hands per option, when the trainer counted them. */
export interface QuestionTally {
  id: string;
  section: string;
  keyed: string[];
  tally: Record<string, number> | null;
}

export interface SectionDifficulty {
  id: string;
  title: string;
  correctHands: number;
  totalHands: number;
  /** Share of hands on keyed answers; null when no hands were counted in the section. */
  percentage: number | null;
}

export interface PresentOptions {
  bank: Bank;
  sections: ResolvedSection[];
  prompter: Prompter;
  out: Writer;
  style: Style;
  width: number;
  /** Clear the screen between questions (a terminal that can); otherwise a rule separates them. */
  clear: boolean;
  /** Terminal height; the reveal is fitted to it (40 when unknown). */
  rows?: number;
}

const LETTERS = "ABCDEFGHIJ";

/**
 * Facilitator mode: one question per screen for a projector, a pause for discussion, an optional
 * show of hands, then the reveal — keyed answer, explanation, the policy's own words. Returns
 * the counts only: no names are ever asked for.
 */
export async function presentQuestions(options: PresentOptions): Promise<{ tallies: QuestionTally[]; ended: "finished" | "stopped" }> {
  const { prompter, out, style } = options;
  const width = Math.min(options.width, 84);
  const clauses = clauseMap(options.bank);
  const questions = options.sections.flatMap((s) => s.questions.map((q) => ({ q, section: s })));
  const tallies: QuestionTally[] = [];

  for (const [index, { q, section }] of questions.entries()) {
    out.write(options.clear ? "\u001b[2J\u001b[H" : `\n${"─".repeat(Math.min(width, 60))}\n`);
    out.write(`\n  ${style.dim(`${section.title} · question ${index + 1} of ${questions.length}`)}\n\n`);
    if (!isChoice(q)) {
      const ended = await presentPublicTest(q, options, width, clauses);
      tallies.push({ id: q.id, section: q.section, keyed: [], tally: null });
      if (ended) return { tallies, ended: "stopped" };
      continue;
    }
    out.write(`${style.bold(wrap(q.prompt, width, "  "))}\n\n`);
    q.options.forEach((o, i) => out.write(`${wrap(`${LETTERS[i]}. ${o.label}`, width, "    ")}\n`));
    if (q.type === "multi") out.write(`\n  ${style.dim("More than one answer may be right.")}\n`);
    out.write(`\n  ${style.accent("Discuss with the room.")}\n\n`);

    const step = await prompter.select({
      key: `${q.id}/step`,
      message: "When the room is ready",
      choices: [
        { value: "reveal", label: "Reveal the answer" },
        { value: "hands", label: "Count a show of hands, then reveal" },
        { value: "end", label: "End the session" },
      ],
    });
    if (step === "end") return { tallies, ended: "stopped" };
    const keyed = q.options.filter((o) => o.correct === true).map((o) => o.id);
    let tally: Record<string, number> | null = null;
    if (step === "hands") {
      tally = idRecord<number>();
      for (const [i, o] of q.options.entries()) {
        const answer = await prompter.input({
          key: `${q.id}/hands/${o.id}`,
          message: `Hands for ${LETTERS[i]} (${truncateDisplay(o.label, 40)})`,
          validate: (v) => (/^\s*\d{0,5}\s*$/.test(v) ? true : "Type a number of hands, or press Enter for none."),
        });
        tally[o.id] = Number(answer.trim() || "0");
      }
    }
    tallies.push({ id: q.id, section: q.section, keyed, tally });

    // The reveal replaces the screen (and the typed counts with it), so it fits a 40-row projector
    // terminal with the question still in view; a plain stream just continues below.
    const header = `${section.title} · question ${index + 1} of ${questions.length} · the answer`;
    const reveal = renderReveal(q, tally, clauses, style, width, options.clear ? (options.rows ?? 40) - REVEAL_PROMPT_ROWS : Infinity, header);
    out.write(options.clear ? `\u001b[2J\u001b[H${reveal}\n\n` : `\n${reveal}\n\n`);
    const next = await prompter.select({
      key: `${q.id}/next`,
      message: index + 1 < questions.length ? "Next" : "Finish",
      choices: [
        { value: "next", label: index + 1 < questions.length ? "Next question" : "Finish and show the summary" },
        { value: "end", label: "End the session" },
      ],
    });
    if (next === "end") return { tallies, ended: "stopped" };
  }
  return { tallies, ended: "finished" };
}

/** The policy's reflective test as a discussion exercise: its parts to talk through, then the guidance. */
async function presentPublicTest(
  q: Extract<ResolvedQuestion, { type: "public-test" }>,
  { prompter, out, style }: PresentOptions,
  width: number,
  clauses: ReturnType<typeof clauseMap>,
): Promise<boolean> {
  out.write(`${style.bold(wrap(`Discussion: ${publicTestTitle(q)}`, width, "  "))}\n\n`);
  if (q.wording !== undefined) out.write(`${wrap(`“${q.wording}”`, width, "  ")}\n\n`);
  // In a room nobody shares their own situation: the bank's `discussion` says what to think of
  // instead (its own words for its own policy); without one, a neutral invitation.
  const invitation = q.discussion ?? "Think of a made-up situation, or one from the news. Nobody shares their own.";
  out.write(`${wrap(`${invitation} For it, ask:`, width, "  ")}\n\n`);
  for (const part of q.parts) out.write(`${wrap(`•  ${part.prompt}`, width, "    ")}\n`);
  out.write(`\n  ${style.accent("Discuss with the room.")}\n\n`);
  const step = await prompter.select({
    key: `${q.id}/step`,
    message: "When the room is ready",
    choices: [
      { value: "reveal", label: "Show what the policy asks on any yes" },
      { value: "end", label: "End the session" },
    ],
  });
  if (step === "end") return true;
  out.write(`\n${style.bold(wrap(q.guidance, width, "  "))}\n${renderClauses(q, clauses, style, width)}\n\n`);
  const next = await prompter.select({
    key: `${q.id}/next`,
    message: "Next",
    choices: [
      { value: "next", label: "Next question" },
      { value: "end", label: "End the session" },
    ],
  });
  return next === "end";
}

/** Rows the "Next" prompt under a reveal takes: its question, two choices and a help line. */
const REVEAL_PROMPT_ROWS = 4;

/**
 * The reveal screen: the question, every option with the keyed ones marked ✓ and highlighted
 * (and the room's hands beside each, when counted), a critical question flagged, the explanation
 * and the policy's words. Fitted to `maxRows`: spacing goes first, then the policy quotes are cut
 * to fewer lines, then the explanation; the question and its options are never cut.
 */
export function renderReveal(
  q: Extract<ResolvedQuestion, { options: unknown }>,
  tally: Record<string, number> | null,
  clauses: ReturnType<typeof clauseMap>,
  style: Style,
  width: number,
  maxRows: number,
  header?: string,
): string {
  const total = tally ? Object.values(tally).reduce((a, b) => a + b, 0) : 0;
  const options = q.options.flatMap((o, i) => {
    const count = tally ? `  ${tally[o.id] ?? 0} (${total === 0 ? 0 : Math.round(((tally[o.id] ?? 0) * 100) / total)}%)` : "";
    const lines = wrap(`${LETTERS[i]}. ${o.label}`, width - count.length - 2, "    ").split("\n");
    lines[lines.length - 1] += count;
    if (o.correct) lines[0] = `  ✓${(lines[0] ?? "").slice(3)}`;
    return lines.map((l) => (o.correct ? style.good(style.bold(l)) : style.dim(l)));
  });
  const keyedLetters = q.options.flatMap((o, i) => (o.correct ? [LETTERS[i]] : [])).join(", ");
  const flags = [
    `  ${style.good(style.bold(`Answer: ${keyedLetters}`))}${tally ? style.dim(`  (${total} hand${total === 1 ? "" : "s"} counted)`) : ""}`,
    ...(q.critical ? [`  ${style.bad(style.bold("Critical: one wrong answer here fails the section."))}`] : []),
  ];
  const quotes = q.clauses.flatMap((id) => {
    const c = clauses.get(id);
    // The policy's own reference (numbering, or heading and place), never an internal id.
    return c ? [{ ref: `${c.ref}:`, text: `“${c.lead ? `${c.lead} … ${c.text}` : c.text}”` }] : [];
  });
  const build = (spacing: boolean, quoteLines: number, explanationLines: number, quoteCount: number) => {
    const explanation = clip(wrap(q.explanation, width, "  ").split("\n"), explanationLines);
    const policy = quotes.slice(0, quoteCount).flatMap((x) => [...wrap(x.ref, width, "  ").split("\n").map((l) => style.dim(l)), ...clip(wrap(x.text, width, "    ").split("\n"), quoteLines)]);
    const gap = spacing ? [""] : [];
    return [
      ...(header ? [`  ${style.dim(header)}`, ...gap] : []),
      ...wrap(q.prompt, width, "  ").split("\n").map((l) => style.bold(l)),
      ...gap,
      ...options,
      ...gap,
      ...flags,
      ...gap,
      ...explanation,
      ...policy,
    ];
  };
  const attempts = [
    build(true, Infinity, Infinity, quotes.length),
    build(false, Infinity, Infinity, quotes.length),
    build(false, 2, Infinity, quotes.length),
    build(false, 1, Infinity, quotes.length),
    build(false, 1, 3, quotes.length),
    build(false, 1, 2, 1),
  ];
  return (attempts.find((lines) => lines.length <= maxRows) ?? (attempts[attempts.length - 1] as string[])).join("\n");
}

/** At most `n` lines, the last ending in an ellipsis when lines were dropped. */
function clip(lines: string[], n: number): string[] {
  if (lines.length <= n) return lines;
  const kept = lines.slice(0, n);
  kept[n - 1] = `${(kept[n - 1] ?? "").replace(/\s*\S*$/, "")} …`;
  return kept;
}

/** Per section, the share of hands on keyed answers, hardest first. Pure. */
export function sectionDifficulty(tallies: QuestionTally[], sections: ResolvedSection[]): SectionDifficulty[] {
  return sections
    .map((s) => {
      let correctHands = 0;
      let totalHands = 0;
      for (const t of tallies.filter((x) => x.section === s.id && x.tally !== null)) {
        for (const [option, n] of Object.entries(t.tally ?? {})) {
          totalHands += n;
          if (t.keyed.includes(option)) correctHands += n;
        }
      }
      return {
        id: s.id,
        title: s.title,
        correctHands,
        totalHands,
        percentage: totalHands === 0 ? null : Math.round((correctHands * 100) / totalHands),
      };
    })
    .sort((a, b) => (a.percentage ?? 101) - (b.percentage ?? 101));
}

