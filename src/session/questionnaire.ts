import {
  type Bank,
  clauseMap,
  isChoice,
  publicTestTitle,
  type ResolvedClause,
  type ResolvedQuestion,
  type ResolvedSection,
} from "../bank/bank.js";
import type { Mode } from "../engine/mode.js";
import { applicableQuestions, judgeQuestion } from "../engine/score.js";
import { shuffleFor } from "../engine/shuffle.js";
import { renderClauses, renderFeedback } from "../report/result-text.js";
import type { Style } from "../report/style.js";
import { wrap } from "../util/text.js";
import type { ChoiceItem, Prompter } from "./prompter.js";

export interface Writer {
  write(text: string): unknown;
}

type Answers = Map<string, string[]>;

export interface QuestionnaireOptions {
  bank: Bank;
  role?: string;
  /** `self`: feedback at the end. `training`: the explanation after every answer. */
  mode: Mode;
  /** Seeds the option order, so a session can be replayed exactly. */
  seed: number;
  prompter: Prompter;
  out: Writer;
  style: Style;
  width: number;
  /** Rows of the terminal: training feedback is shown a screenful at a time (24 when unknown). */
  height?: number;
  /** Answers already given (a resumed run): those questions are not asked again. */
  answered?: ReadonlyMap<string, readonly string[]>;
  /** Called after every answer with everything answered so far (the run saves its progress). */
  onAnswer?: (answers: ReadonlyMap<string, readonly string[]>) => unknown;
  /** At the end, list every answer and let the person change any of them before finishing. */
  review?: boolean;
}

/** One question in the order asked, numbered as the person sees it. */
export interface PlannedQuestion {
  number: number;
  question: ResolvedQuestion;
  section: ResolvedSection;
}

/** Every question that applies to the role, in the bank's order, numbered from 1. */
export function planQuestions(bank: Bank, role: string | undefined): PlannedQuestion[] {
  const plan: PlannedQuestion[] = [];
  for (const section of bank.sections) {
    for (const question of applicableQuestions(section, role)) plan.push({ number: plan.length + 1, question, section });
  }
  return plan;
}

/** The first question without an answer: where a resumed run starts. */
export function firstUnanswered(plan: PlannedQuestion[], answers: ReadonlyMap<string, unknown>): PlannedQuestion | undefined {
  return plan.find((p) => !answers.has(p.question.id));
}

const FINISH = "::finish";

/**
 * Walks a person through every question that applies to their role, in the bank's order, and
 * returns what they answered. Questions answered before (a resumed run) are skipped. The
 * policy's reflective test (public-test) is asked part by part; what the person was thinking of
 * is never asked for, so it can never be stored.
 */
export async function askQuestions(options: QuestionnaireOptions): Promise<Answers> {
  const { bank, out, style, width } = options;
  const clauses = clauseMap(bank);
  const plan = planQuestions(bank, options.role);
  const answers: Answers = new Map([...(options.answered ?? [])].map(([k, v]) => [k, [...v]]));
  let shownSection: string | undefined;

  for (const item of plan) {
    if (answers.has(item.question.id)) continue;
    if (item.section.id !== shownSection) {
      shownSection = item.section.id;
      out.write(`\n${style.bold(style.accent(`── ${item.section.title} ──`))}\n`);
      if (item.section.intro) out.write(`${wrap(item.section.intro, width)}\n`);
    }
    await askOne(item, plan.length, answers, options, clauses);
  }
  if (options.review) await reviewAnswers(plan, answers, options, clauses);
  return answers;
}

/** Asks one question (again, when `answers` holds its current answer) and records the answer. */
async function askOne(
  item: PlannedQuestion,
  total: number,
  answers: Answers,
  options: QuestionnaireOptions,
  clauses: Map<string, ResolvedClause>,
): Promise<void> {
  const { out, style, width } = options;
  const q = item.question;
  out.write(`\n${style.dim(`${item.number} of ${total} · ${item.section.title}`)}\n`);
  if (!isChoice(q)) {
    answers.set(q.id, await askPublicTest(q, options, clauses));
    await options.onAnswer?.(answers);
    return;
  }
  const selected = await askChoice(q, options, answers.get(q.id));
  answers.set(q.id, selected);
  await options.onAnswer?.(answers);
  const outcome = judgeQuestion(q, selected);
  // Self mode gives nothing away: a neutral mark. Training mode says at once whether it was right.
  const mark = options.mode === "training" ? (outcome.correct ? style.good("✔") : style.bad("✗")) : style.accent("•");
  const answered = `${mark} ${wrap(q.prompt, width, "  ").trimStart()}\n${wrap(`Your answer: ${labelsOf(q, selected)}`, width, "  ")}`;
  out.write(`${answered}\n`);
  if (options.mode === "training") {
    // The progress line and the answer stay on screen above the first page.
    const above = answered.split("\n").length + 2;
    await showPaged(renderFeedback(q, outcome, clauses, style, width, item.section.title), above, options);
  }
}

/**
 * Shows text a screenful at a time and waits for Enter after each, so an explanation is read
 * before the next question pushes it off a 24-row terminal.
 */
async function showPaged(
  text: string,
  above: number,
  { out, prompter, height }: QuestionnaireOptions,
): Promise<void> {
  const lines = text.split("\n");
  // A screenful less the line the "press Enter" prompt takes; the first page shares its screen.
  const page = Math.max(6, (height ?? 24) - 1);
  const pages: string[][] = [];
  for (let at = 0, size = Math.max(3, page - above); at < lines.length; at += size, size = page) {
    pages.push(lines.slice(at, at + size));
  }
  for (const [i, chunk] of pages.entries()) {
    out.write(`${chunk.join("\n")}\n`);
    await prompter.pause({
      key: "continue",
      message: i === pages.length - 1 ? "Press Enter to go on" : `Press Enter to read on (${i + 1} of ${pages.length})`,
    });
  }
}

async function askChoice(
  q: Extract<ResolvedQuestion, { options: unknown }>,
  { prompter, seed }: QuestionnaireOptions,
  current: readonly string[] | undefined,
): Promise<string[]> {
  // Yes/No keeps its natural order; everything else is shuffled so position gives nothing away.
  const ordered = q.type === "yesno" ? q.options : shuffleFor(q.options, seed, q.id);
  const choices: ChoiceItem[] = ordered.map((o) => ({ value: o.id, label: o.label }));
  if (q.type === "multi") {
    return prompter.checkbox({
      key: q.id,
      // The bank's own wording usually says so already; say it only when it does not.
      message: /select all that apply/i.test(q.prompt) ? q.prompt : `${q.prompt} (select all that apply)`,
      choices,
      transient: true,
      ...(current ? { default: current } : {}),
    });
  }
  const first = current?.[0];
  return [await prompter.select({ key: q.id, message: q.prompt, choices, transient: true, ...(first ? { default: first } : {}) })];
}

/**
 * The policy's own test, private by design: the policy's sentence in full first, then what
 * happens to the answers, then its parts one at a time. On any "yes", the bank's guidance.
 */
async function askPublicTest(
  q: Extract<ResolvedQuestion, { type: "public-test" }>,
  { prompter, out, style, width }: QuestionnaireOptions,
  clauses: Map<string, ResolvedClause>,
): Promise<string[]> {
  // The test's name and wording are the policy's own: from the bank, never from code. Its
  // sentence in full first (the bank's wording, else the first clause it cites), then its parts.
  out.write(`${style.bold(wrap(publicTestTitle(q), width))}\n`);
  const sentence = q.wording ?? testSentence(q, clauses);
  if (sentence) out.write(`${wrap(`“${sentence}”`, width, "  ")}\n\n`);
  out.write(
    `${style.accent(wrap("This test is private. Your answers to it are not saved anywhere, and a signed summary records only that you completed it, never how you answered.", width))}\n\n`,
  );
  out.write(`${wrap(q.prompt, width)}\n`);
  const yes: string[] = [];
  for (const part of q.parts) {
    const answer = await prompter.select({
      key: `${q.id}/${part.id}`,
      message: part.prompt,
      choices: [
        { value: "no", label: "No" },
        { value: "yes", label: "Yes" },
      ],
    });
    if (answer === "yes") yes.push(part.id);
  }
  if (yes.length > 0) {
    out.write(`\n${style.warn("You answered yes. What the policy asks of you:")}\n`);
    out.write(`${wrap(q.guidance, width, "  ")}\n${renderClauses(q, clauses, style, width)}\n`);
  } else {
    out.write(
      `${style.good("Nothing to flag.")} ${wrap("Keep asking yourself this question.", width)}\n`,
    );
  }
  return yes;
}

/** The test in the policy's own words: the first clause the question cites. */
function testSentence(q: ResolvedQuestion, clauses: Map<string, ResolvedClause>): string | undefined {
  const first = q.clauses.map((id) => clauses.get(id)).find((c) => c !== undefined);
  return first?.text;
}

/**
 * The end of the questions: every answer in a list (number, short prompt, answer), where the
 * person may pick any question to answer again, until they choose to finish.
 */
async function reviewAnswers(
  plan: PlannedQuestion[],
  answers: Answers,
  options: QuestionnaireOptions,
  clauses: Map<string, ResolvedClause>,
): Promise<void> {
  const { prompter, out, style, width } = options;
  // Only interactive runs review, so scripted ones never load the display-width code.
  const { displayWidth, truncateDisplay: truncate } = await import("../util/display-width.js");
  for (;;) {
    out.write(
      `\n${style.bold("Check your answers")}\n${wrap("Pick a question to change your answer, or finish to see your results.", width)}\n`,
    );
    const room = Math.max(30, width - 8);
    const choices: ChoiceItem[] = plan.map((item) => {
      // The answer gets up to 40% of the line; the prompt, shortened, the rest.
      const answer = truncate(answerSummary(item.question, answers.get(item.question.id)), Math.floor(room * 0.4));
      const number = `${item.number}. `;
      const prompt = truncate(item.question.prompt, Math.max(10, room - number.length - displayWidth(answer) - 3));
      return { value: item.question.id, label: `${number}${prompt} — ${answer}` };
    });
    choices.push({ value: FINISH, label: "Finish and see my results" });
    const picked = await prompter.select({ key: "review", message: "Your answers", choices, default: FINISH });
    const item = plan.find((p) => p.question.id === picked);
    if (!item) return;
    await askOne(item, plan.length, answers, options, clauses);
  }
}

/** An answer in words, short enough for the review list. */
function answerSummary(q: ResolvedQuestion, selected: readonly string[] | undefined): string {
  if (selected === undefined) return "(no answer)";
  if (!isChoice(q)) {
    return selected.length === 0 ? "no to every part" : `yes to ${selected.length} of ${q.parts.length} parts`;
  }
  return labelsOf(q, selected);
}

function labelsOf(q: Extract<ResolvedQuestion, { options: unknown }>, ids: readonly string[]): string {
  return ids.map((id) => q.options.find((o) => o.id === id)?.label ?? id).join("; ");
}
