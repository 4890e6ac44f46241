import { type Bank, clauseMap, isChoice, type ResolvedQuestion, type ResolvedSection } from "../bank/bank.js";
import { renderClauses } from "../report/result-text.js";
import type { Style } from "../report/style.js";
import { truncate, wrap } from "../util/text.js";
import type { Prompter } from "./prompter.js";
import type { Writer } from "./questionnaire.js";

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
      tally = {};
      for (const [i, o] of q.options.entries()) {
        const answer = await prompter.input({
          key: `${q.id}/hands/${o.id}`,
          message: `Hands for ${LETTERS[i]} (${truncate(o.label, 40)})`,
          validate: (v) => (/^\s*\d{0,5}\s*$/.test(v) ? true : "Type a number of hands, or press Enter for none."),
        });
        tally[o.id] = Number(answer.trim() || "0");
      }
    }
    tallies.push({ id: q.id, section: q.section, keyed, tally });

    out.write(`\n  ${style.good(style.bold(`Answer: ${q.options.map((o, i) => (o.correct ? `${LETTERS[i]}  ${o.label}` : "")).filter(Boolean).join("  ·  ")}`))}\n`);
    if (tally) out.write(`${renderDistribution(q, tally, style, width)}\n`);
    out.write(`\n${wrap(q.explanation, width, "  ")}\n${renderClauses(q, clauses, style, width)}\n\n`);
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

/** The public-knowledge test as a discussion exercise: its parts to talk through, then the guidance. */
async function presentPublicTest(
  q: Extract<ResolvedQuestion, { type: "public-test" }>,
  { prompter, out, style }: PresentOptions,
  width: number,
  clauses: ReturnType<typeof clauseMap>,
): Promise<boolean> {
  out.write(`${style.bold("  Discussion: the public-knowledge test")}\n\n`);
  out.write(`${wrap("Think of a post, photo or conversation — a made-up one, or a news story. Nobody shares their own. For it, ask:", width, "  ")}\n\n`);
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

/** One bar per option: hands, share of the room, and a tick on the keyed ones. */
export function renderDistribution(
  q: Extract<ResolvedQuestion, { options: unknown }>,
  tally: Record<string, number>,
  style: Style,
  width: number,
): string {
  const total = Object.values(tally).reduce((a, b) => a + b, 0);
  const barWidth = Math.max(10, Math.min(30, width - 30));
  return q.options
    .map((o, i) => {
      const n = tally[o.id] ?? 0;
      const share = total === 0 ? 0 : Math.round((n * 100) / total);
      const bar = "█".repeat(Math.round((share / 100) * barWidth)).padEnd(barWidth, "·");
      const line = `  ${LETTERS[i]}  ${bar}  ${String(n).padStart(3)} (${String(share).padStart(3)}%)${o.correct ? "  ✓ keyed" : ""}`;
      return o.correct ? style.good(line) : line;
    })
    .join("\n");
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

