import { type Bank, clauseMap, isChoice, publicTestTitle, type ResolvedQuestion } from "../bank/bank.js";
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
}

/**
 * Walks a person through every question that applies to their role, in the bank's order, and
 * returns what they answered. The policy's reflective test (public-test) is asked part by part; what the person
 * was thinking of is never asked for, so it can never be stored.
 */
export async function askQuestions(options: QuestionnaireOptions): Promise<Map<string, string[]>> {
  const { bank, out, style, width } = options;
  const clauses = clauseMap(bank);
  const plan = bank.sections
    .map((section) => ({ section, questions: applicableQuestions(section, options.role) }))
    .filter((s) => s.questions.length > 0);
  const total = plan.reduce((n, s) => n + s.questions.length, 0);
  const answers = new Map<string, string[]>();
  let number = 0;

  for (const { section, questions } of plan) {
    out.write(`\n${style.bold(style.accent(`── ${section.title} ──`))}\n`);
    if (section.intro) out.write(`${wrap(section.intro, width)}\n`);
    for (const q of questions) {
      number++;
      out.write(`\n${style.dim(`${number} of ${total} · ${section.title}`)}\n`);
      if (!isChoice(q)) {
        answers.set(q.id, await askPublicTest(q, options, clauses));
        continue;
      }
      const selected = await askChoice(q, options);
      answers.set(q.id, selected);
      if (options.mode === "training") {
        out.write(`${renderFeedback(q, judgeQuestion(q, selected), clauses, style, width)}\n`);
      }
    }
  }
  return answers;
}

async function askChoice(
  q: Extract<ResolvedQuestion, { options: unknown }>,
  { prompter, seed }: QuestionnaireOptions,
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
    });
  }
  return [await prompter.select({ key: q.id, message: q.prompt, choices })];
}

async function askPublicTest(
  q: Extract<ResolvedQuestion, { type: "public-test" }>,
  { prompter, out, style, width }: QuestionnaireOptions,
  clauses: ReturnType<typeof clauseMap>,
): Promise<string[]> {
  // The test's name and wording are the policy's own: from the bank, never from code.
  out.write(`${style.bold(wrap(publicTestTitle(q), width))}\n`);
  if (q.wording !== undefined) out.write(`${wrap(`“${q.wording}”`, width, "  ")}\n`);
  out.write(`${wrap(q.prompt, width)}\n`);
  out.write(
    `${style.dim(wrap("Nothing you think of is typed in or recorded: only your yes or no answers below.", width))}\n`,
  );
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
