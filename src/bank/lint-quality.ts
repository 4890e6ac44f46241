import type { Diagnostic } from "../util/diagnostic.js";
import { keyedOptions } from "./bank.js";
import type { LoadedFiles } from "./lint-bank.js";
import type { Clause, Question } from "./schema.js";
import type { PathSegment } from "./yaml-file.js";

/**
 * Bank-quality warnings: what lets a person pass a self-check by pattern-matching instead of
 * knowing the policy. Each heuristic is deliberately simple, so an author can see at once why
 * it fired and what to change (docs/writing-a-bank.md explains each). They are warnings:
 * `validate --strict` makes them errors. Pure: files in, diagnostics out.
 */

/** The rule names this module reports, for tools and tests that treat them apart. */
export const QUALITY_RULES = [
  "cue-first-word",
  "cue-policy-words",
  "cue-length",
  "gives-away",
  "yesno-lean",
  "role-assumed",
] as const;

/** An option "echoes" a clause when it shares this many consecutive words with it. */
export const ECHO_WORDS = 3;
/** A section intro or an earlier explanation "states" a later answer when it shares this many. */
export const STATES_WORDS = 5;
/** The keyed option is "clearly the longest" at this many times the next longest, or more. */
export const LONGEST_RATIO = 1.4;
/** A section "leans one way" when this many yes/no questions, or more, all have the same key. */
export const LEAN_MIN = 3;

/**
 * Words that carry no meaning of their own: a run of words counts only when more than half of
 * them are not in this list, so "of the school" never counts as echoing a clause.
 */
const FILLER = new Set(
  "a an the of to in on at for and or but is are was be been it its by with as that this these those any all from their they them your you yours not no do does can could may might should must will would if so than then there which who whom what when where how".split(
    " ",
  ),
);

/** Wording that assumes the person teaches a class. */
const TEACHER_WORDING =
  /\b(?:in your class(?:es|room)?|your (?:class|classes|classroom|lessons?|pupils|form group|tutor group)|you teach|between lessons|your teaching)\b/i;

export function lintQuality(files: LoadedFiles): Diagnostic[] {
  const out: Diagnostic[] = [];
  const clauses = new Map<string, Clause>(
    (files.policy?.value.clauses ?? []).map((c) => [c.id, c]),
  );
  const runsOf = memoRuns();
  for (const { source, value } of files.sections) {
    const warn = (path: PathSegment[], rule: string, message: string) =>
      out.push({ file: source.file, ...source.locate(path), severity: "warning", message, rule });
    const questions = value.questions;
    questions.forEach((q, qi) => {
      const at = (...rest: PathSegment[]): PathSegment[] => ["questions", qi, ...rest];
      surfaceCues(q, clauses, runsOf, (path, rule, message) => warn(at(...path), rule, message));
      if (q.roles === undefined) {
        const text = [q.prompt, ...(q.type === "public-test" ? [] : q.options.map((o) => o.label))];
        const match = text.map((t) => TEACHER_WORDING.exec(t)?.[0]).find((m) => m !== undefined);
        if (match !== undefined) {
          warn(
            at("prompt"),
            "role-assumed",
            `"${match}" assumes the person teaches, but the question has no \`roles\`: limit it with roles, or word it for everyone (${q.id})`,
          );
        }
      }
    });
    givenAway(value.intro, questions, clauses, runsOf, warn);
    leansOneWay(questions, warn);
  }
  return out;
}

type Warn = (path: PathSegment[], rule: string, message: string) => void;
type RunsOf = typeof runs;

/**
 * `runs`, each text's made once: the heuristics ask for the same labels again and again (every
 * option twice, and "Yes", "No" in every yes/no question). The sets are shared: read them only.
 */
function memoRuns(): RunsOf {
  const made = new Map<number, Map<string, Set<string>>>();
  return (text, n) => {
    let byText = made.get(n);
    if (!byText) made.set(n, (byText = new Map()));
    let set = byText.get(text);
    if (!set) byText.set(text, (set = runs(text, n)));
    return set;
  };
}

/** The keyed option can be picked without knowing the policy: by its first word, its borrowed wording or its length. */
function surfaceCues(q: Question, clauses: Map<string, Clause>, runs: RunsOf, warn: Warn): void {
  if (q.type !== "single" || q.options.length < 3) return;
  const keyedIndex = q.options.findIndex((o) => o.correct === true);
  const keyed = q.options[keyedIndex];
  if (!keyed) return;
  const others = q.options.filter((_, i) => i !== keyedIndex);
  const at: PathSegment[] = ["options", keyedIndex, "label"];

  const firsts = others.map((o) => firstWord(o.label));
  const keyedFirst = firstWord(keyed.label);
  if (firsts.every((w) => w === firsts[0]) && keyedFirst !== firsts[0]) {
    warn(
      at,
      "cue-first-word",
      `keyed option "${keyed.id}" is the only one not starting with "${firsts[0]}": a guesser picks the odd one out (${q.id})`,
    );
  }

  const cited = q.clauses
    .map((id) => clauses.get(id))
    .filter((c): c is Clause => c !== undefined)
    .map((c) => runs(`${c.lead ?? ""} ${c.text}`, ECHO_WORDS));
  const echoes = (label: string) => {
    const own = runs(label, ECHO_WORDS);
    return cited.some((set) => [...own].some((r) => set.has(r)));
  };
  if (cited.length > 0 && echoes(keyed.label) && !others.some((o) => echoes(o.label))) {
    warn(
      at,
      "cue-policy-words",
      `keyed option "${keyed.id}" is the only one using the cited clause's words: a guesser picks the one that sounds like the policy; word the others from the policy too (${q.id})`,
    );
  }

  const longestOther = Math.max(...others.map((o) => o.label.length));
  if (keyed.label.length >= LONGEST_RATIO * longestOther) {
    warn(
      at,
      "cue-length",
      `keyed option "${keyed.id}" is clearly the longest (${keyed.label.length} characters, the next ${longestOther}): a guesser picks the longest (${q.id})`,
    );
  }
}

/** A section intro, or an earlier question's explanation, that already says what a later question's keyed answer is. */
function givenAway(
  intro: string | undefined,
  questions: readonly Question[],
  clauses: Map<string, Clause>,
  runs: RunsOf,
  warn: Warn,
): void {
  // What only the keyed options say: a phrase the distractors share tells a guesser nothing.
  const keyedRuns = questions.map((q) => {
    if (q.type === "public-test") return new Set<string>();
    const of = (correct: boolean) =>
      q.options.filter((o) => (o.correct === true) === correct).flatMap((o) => [...runs(o.label, ECHO_WORDS)]);
    const distractors = new Set(of(false));
    return new Set(of(true).filter((r) => !distractors.has(r)));
  });
  const clauseRuns = new Map<string, Set<string>>();
  const runsOf = (id: string) => {
    let set = clauseRuns.get(id);
    if (!set) {
      const c = clauses.get(id);
      set = c ? runs(c.text, STATES_WORDS) : new Set();
      clauseRuns.set(id, set);
    }
    return set;
  };
  // The word runs of one text, made once: an explanation is checked against every later question.
  const runsOfText = (text: string) => ({ said: runs(text, STATES_WORDS), saidShort: runs(text, ECHO_WORDS) });
  const states = (
    { said, saidShort }: ReturnType<typeof runsOfText>,
    later: Question,
    laterIndex: number,
    ownClauses: readonly string[],
  ) => {
    const keyed = [...(keyedRuns[laterIndex] ?? [])].find((r) => saidShort.has(r));
    if (keyed !== undefined) return `its keyed answer ("${keyed}")`;
    // Quoting a rule the later question tests (and the earlier one does not) answers it too.
    const clause = later.clauses.find(
      (id) => !ownClauses.includes(id) && [...runsOf(id)].some((r) => said.has(r)),
    );
    return clause === undefined ? undefined : `clause ${clause}, which it tests,`;
  };

  if (intro !== undefined) {
    const introRuns = runsOfText(intro);
    questions.forEach((q, i) => {
      if (q.type === "public-test") return;
      const what = states(introRuns, q, i, []);
      if (what !== undefined) {
        warn(
          ["intro"],
          "gives-away",
          `the section intro states ${what} before "${q.id}" is asked: describe what the section covers, not its rules (${q.id})`,
        );
      }
    });
  }
  questions.forEach((earlier, i) => {
    let explained: ReturnType<typeof runsOfText> | undefined;
    for (let j = i + 1; j < questions.length; j++) {
      const later = questions[j];
      if (!later || later.type === "public-test") continue;
      explained ??= runsOfText(earlier.explanation);
      const what = states(explained, later, j, earlier.clauses);
      if (what !== undefined) {
        warn(
          ["questions", i, "explanation"],
          "gives-away",
          `explanation of "${earlier.id}" states ${what} of the later question "${later.id}", shown before it in training mode (${earlier.id})`,
        );
        return; // one warning per explanation is enough to act on
      }
    }
  });
}

/** Every yes/no question in the section keyed the same way: "always answer yes" passes it. */
function leansOneWay(questions: readonly Question[], warn: Warn): void {
  const keys = questions.flatMap((q, i) =>
    q.type === "yesno" ? [{ i, id: q.id, key: keyedOptions(q)[0] }] : [],
  );
  const first = keys[0];
  if (!first || keys.length < LEAN_MIN || !keys.every((k) => k.key === first.key)) return;
  warn(
    ["questions", first.i],
    "yesno-lean",
    `all ${keys.length} yes/no questions in this section are keyed "${String(first.key)}": answering "${String(first.key)}" every time passes them; key some the other way (${keys.map((k) => k.id).join(", ")})`,
  );
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function firstWord(text: string): string {
  return words(text)[0] ?? "";
}

/** Every run of `n` consecutive words in which more than half the words are meaningful. */
export function runs(text: string, n: number): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  // A sliding count of the meaningful words in the window: a large bank asks for thousands of texts.
  let count = 0;
  for (let i = 0; i < w.length; i++) {
    if (!FILLER.has(w[i] ?? "")) count++;
    if (i >= n && !FILLER.has(w[i - n] ?? "")) count--;
    if (i + 1 >= n && count * 2 > n) {
      let run = w[i + 1 - n] ?? "";
      for (let k = i + 2 - n; k <= i; k++) run += ` ${w[k] ?? ""}`;
      out.add(run);
    }
  }
  return out;
}
