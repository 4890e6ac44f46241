import type { Bank, ResolvedQuestion } from "../../src/bank/bank.js";
import { isChoice } from "../../src/bank/bank.js";
import type { Answers } from "../../src/engine/score.js";

/**
 * Test-takers who never read the policy and answer from surface cues alone. Each one sees only
 * what a person sees (labels, and for the policy-words guesser the cited clauses' wording, which
 * the explanations quote) and picks by one cue. A good bank fails every one of them in every
 * section: a cue that finds the key is a give-away. Position is no cue (`run` shuffles options),
 * so no guesser picks by it.
 */
export interface Guesser {
  name: string;
  /** Option ids chosen for one choice question. */
  pick: (q: ChoiceOf, clauseWords: Set<string>) => string[];
}

type ChoiceOf = Extract<ResolvedQuestion, { options: unknown }>;
type Option = ChoiceOf["options"][number];

const CAUTIOUS =
  /\b(no|not|never|don't|do not|must|mustn't|cannot|can't|alert|report|tell|headteacher|decline|refuse|block|remove|delete|stop|permission|consent|only|unless|breach|police|senior)\b/gi;
const NEGATIVE_START = /^(no|not|never|don't|do not|decline|refuse|it is not|you must not|you may not)\b/i;
const STOP = new Set(
  "the and that this with from their they them have about your what which when where there those these than then into also only other such more must should would could being been were will this".split(
    " ",
  ),
);

/** Words of four letters or more, stop words dropped, crudely stemmed ("pupils" = "pupil"). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z']+/g) ?? [])
    .filter((w) => w.length >= 4 && !STOP.has(w))
    .map((w) => w.replace(/(ing|ed|es|s)$/, ""));
}

const length = (o: Option) => o.label.length;
const caution = (o: Option) => (o.label.match(CAUTIOUS) ?? []).length;
const firstWord = (o: Option) => (o.label.toLowerCase().match(/[a-z']+/) ?? [""])[0];

function best(options: readonly Option[], score: (o: Option) => number): Option {
  let top = options[0] as Option;
  for (const o of options) if (score(o) > score(top)) top = o;
  return top;
}

/** For select-all questions: every option scoring above the options' mean on the cue. */
function aboveMean(options: readonly Option[], score: (o: Option) => number): string[] {
  const mean = options.reduce((a, o) => a + score(o), 0) / options.length;
  return options.filter((o) => score(o) > mean).map((o) => o.id);
}

function byCue(score: (o: Option, words: Set<string>) => number): Guesser["pick"] {
  return (q, words) =>
    q.type === "multi"
      ? aboveMean(q.options, (o) => score(o, words))
      : [best(q.options, (o) => score(o, words)).id];
}

const policyWords = (o: Option, words: Set<string>) =>
  contentWords(o.label).filter((w) => words.has(w)).length;

export const GUESSERS: Guesser[] = [
  { name: "longest option", pick: byCue(length) },
  { name: "shortest option", pick: byCue((o) => -length(o)) },
  { name: "most cautious-sounding", pick: byCue(caution) },
  { name: "most policy words", pick: byCue(policyWords) },
  {
    name: "odd first word out (else longest)",
    pick: (q) => {
      if (q.type === "multi") return aboveMean(q.options, length);
      const counts = new Map<string, number>();
      for (const o of q.options) counts.set(firstWord(o), (counts.get(firstWord(o)) ?? 0) + 1);
      const odd = q.options.filter((o) => counts.get(firstWord(o)) === 1);
      const pick = odd.length === 1 ? odd[0] : best(q.options, length);
      return [(pick ?? best(q.options, length)).id];
    },
  },
  {
    name: 'always "No" / "Not allowed"',
    pick: (q) => {
      if (q.type === "multi") return q.options.filter((o) => NEGATIVE_START.test(o.label)).map((o) => o.id);
      const negative = q.options.find((o) => NEGATIVE_START.test(o.label));
      return [(negative ?? best(q.options, caution)).id];
    },
  },
  {
    name: 'always "Yes" / "Allowed"',
    pick: (q) => {
      if (q.type === "multi") return q.options.map((o) => o.id);
      const positive = q.options.find((o) => /^(yes|allowed|you may|accept|post it|it is fine)\b/i.test(o.label));
      return [(positive ?? best(q.options, length)).id];
    },
  },
];

/** What one guesser answers on the whole bank. Public tests are left unanswered (not scored). */
export function guessAnswers(bank: Bank, guesser: Guesser): Answers {
  const clauseText = new Map(bank.clauses.map((c) => [c.id, `${c.lead ?? ""} ${c.text}`]));
  const answers = new Map<string, string[]>();
  for (const section of bank.sections) {
    for (const q of section.questions) {
      if (!isChoice(q)) continue;
      const words = new Set(q.clauses.flatMap((id) => contentWords(clauseText.get(id) ?? "")));
      answers.set(q.id, guesser.pick(q, words));
    }
  }
  return answers;
}
