import { type Bank, isChoice, keyedOptions, type ResolvedQuestion, type ResolvedSection } from "../bank/bank.js";

/**
 * What a person answered: question id → chosen option ids (for `single`, `yesno` and `multi`),
 * or, for a `public-test`, the ids of the parts answered "yes". A missing entry is unanswered.
 */
export type Answers = ReadonlyMap<string, readonly string[]>;

export type SectionVerdict = "pass" | "fail" | "review";

export interface QuestionOutcome {
  id: string;
  section: string;
  type: ResolvedQuestion["type"];
  critical: boolean;
  answered: boolean;
  /** Option ids chosen, or public-test parts answered "yes". */
  selected: string[];
  /** Keyed option ids; empty for a public-test. */
  keyed: string[];
  /** Whether the answer matches the key exactly; null for a public-test, which is not scored. */
  correct: boolean | null;
  /** A public-test with any "yes". */
  flagged: boolean;
}

export interface SectionResult {
  id: string;
  title: string;
  result: SectionVerdict;
  correct: number;
  total: number;
  /** Whole percent, rounded down, so it is at or above the threshold exactly when the score is. */
  percentage: number;
  threshold: number;
  criticalMissed: string[];
  missed: string[];
  flagged: boolean;
}

export interface Result {
  overall: { result: SectionVerdict; correct: number; total: number; percentage: number };
  sections: SectionResult[];
  questions: QuestionOutcome[];
  publicTestFlagged: boolean;
}

export interface ScoreOptions {
  /** Only questions for this role count; all questions when absent. */
  role?: string;
}

/**
 * Scores answers against a bank. Pure. A section passes when its score reaches its threshold and
 * no critical question in it was missed; a public-test "yes" turns a passing section into
 * `review` (never `fail`: it is a prompt to speak to the bank's contact, not a wrong answer).
 * Overall: `fail` if any section fails, else `review` if any is under review, else `pass`.
 */
export function scoreAnswers(bank: Bank, answers: Answers, options: ScoreOptions = {}): Result {
  return createScorer(bank, answers, options)(NO_ANSWERS);
}

const NO_ANSWERS: Answers = new Map();

/**
 * Scores answer sets that differ from `base` in a few questions (`selfcheck test` scores a
 * thousand scenarios, each a base and a handful of overrides): the base is judged once, and each
 * call re-judges only the overridden questions and re-summarises only their sections. The result
 * is scoreAnswers(bank, base with the overrides, options), by the same rules: scoreAnswers is
 * this with no overrides. Overrides of questions the role skips are ignored, as are answers to
 * them in `base`. Unchanged sections' results are shared between calls: read them, never change them.
 */
export function createScorer(bank: Bank, base: Answers, options: ScoreOptions = {}): (overrides: Answers) => Result {
  const parts = bank.sections.map((section) => {
    const questions = applicableQuestions(section, options.role);
    const outcomes = questions.map((q) => judgeQuestion(q, base.get(q.id)));
    return { section, questions, outcomes, result: summariseSection(section, outcomes) };
  });
  /** Question id → [section index, index in that section's applicable questions]. */
  const where = new Map<string, [number, number]>();
  parts.forEach((p, s) => p.questions.forEach((q, i) => where.set(q.id, [s, i])));
  return (overrides) => {
    const changed = new Map<number, QuestionOutcome[]>();
    for (const [id, answer] of overrides) {
      const at = where.get(id);
      if (at === undefined) continue;
      const [s, i] = at;
      const part = parts[s] as (typeof parts)[number];
      let outcomes = changed.get(s);
      if (!outcomes) {
        outcomes = part.outcomes.slice();
        changed.set(s, outcomes);
      }
      outcomes[i] = judgeQuestion(part.questions[i] as ResolvedQuestion, answer);
    }
    const sections = parts.map((p, s) => {
      const outcomes = changed.get(s);
      return outcomes ? summariseSection(p.section, outcomes) : p.result;
    });
    return {
      overall: overallOf(sections),
      sections,
      questions: ([] as QuestionOutcome[]).concat(...parts.map((p, s) => changed.get(s) ?? p.outcomes)),
      // A section is flagged when one of its questions is: the same as asking every question.
      publicTestFlagged: sections.some((x) => x.flagged),
    };
  };
}

/**
 * The result as it is recorded for others to read (a signed summary): the reflective (public-test) question
 * is a private reflection, so its answers change no verdict here. A section the person sees as
 * `review` is recorded by its score and critical questions alone, and nothing says it was flagged.
 */
export function recordedResult(result: Result): Pick<Result, "overall" | "sections"> {
  const sections = result.sections.map((s) => ({ ...s, flagged: false, result: sectionVerdict(s, false) }));
  return { overall: overallOf(sections), sections };
}

function overallOf(sections: SectionResult[]): Result["overall"] {
  const correct = sum(sections.map((s) => s.correct));
  const total = sum(sections.map((s) => s.total));
  const result: SectionVerdict = sections.some((s) => s.result === "fail")
    ? "fail"
    : sections.some((s) => s.result === "review")
      ? "review"
      : "pass";
  return { result, correct, total, percentage: percent(correct, total) };
}

/** The one rule for a section: fail under the threshold or on a critical miss, else review when flagged, else pass. */
function sectionVerdict(
  s: Pick<SectionResult, "correct" | "total" | "threshold" | "criticalMissed">,
  flagged: boolean,
): SectionVerdict {
  // Integer comparison: no rounding can push a score over the line.
  const reached = s.correct * 100 >= s.threshold * s.total;
  return !reached || s.criticalMissed.length > 0 ? "fail" : flagged ? "review" : "pass";
}

export function applicableQuestions(
  section: ResolvedSection,
  role: string | undefined,
): ResolvedQuestion[] {
  return section.questions.filter(
    (q) => role === undefined || q.roles === undefined || q.roles.includes(role),
  );
}


export function judgeQuestion(q: ResolvedQuestion, answer: readonly string[] | undefined): QuestionOutcome {
  const selected = answer ? [...answer] : [];
  const choice = isChoice(q);
  const keyed = keyedOptions(q);
  // A public-test is not scored: correct is null, and any "yes" flags it.
  const correct = !choice
    ? null
    : answer !== undefined &&
      answer.length === keyed.length &&
      new Set(answer).size === keyed.length &&
      keyed.every((id) => answer.includes(id));
  return {
    id: q.id,
    section: q.section,
    type: q.type,
    answered: answer !== undefined,
    selected,
    critical: choice && q.critical === true,
    keyed,
    correct,
    flagged: !choice && selected.length > 0,
  };
}

function summariseSection(section: ResolvedSection, outcomes: QuestionOutcome[]): SectionResult {
  const scored = outcomes.filter((o) => o.correct !== null);
  const correct = scored.filter((o) => o.correct === true).length;
  const total = scored.length;
  const missed = scored.filter((o) => o.correct === false).map((o) => o.id);
  const criticalMissed = scored.filter((o) => o.critical && o.correct === false).map((o) => o.id);
  const flagged = outcomes.some((o) => o.flagged);
  const threshold = section.passThreshold;
  return {
    id: section.id,
    title: section.title,
    result: sectionVerdict({ correct, total, threshold, criticalMissed }, flagged),
    correct,
    total,
    percentage: percent(correct, total),
    threshold,
    criticalMissed,
    missed,
    flagged,
  };
}

/** A section with nothing to score (every question filtered out by role) counts as 100%. */
function percent(correct: number, total: number): number {
  return total === 0 ? 100 : Math.floor((correct * 100) / total);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
