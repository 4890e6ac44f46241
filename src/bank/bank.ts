import type {
  BankFile,
  ChoiceQuestion,
  Clause,
  Contacts,
  PublicTestQuestion,
  Question,
  Role,
} from "./schema.js";

/** A clause with the reference staff see (its `ref`, or one derived when the bank gives none). */
export type ResolvedClause = Clause & { ref: string };

/** A question as the engine sees it: placed in its section, with its file for messages. */
export type ResolvedQuestion = (ChoiceQuestion | PublicTestQuestion) & {
  section: string;
  file: string;
};

export interface ResolvedSection {
  id: string;
  title: string;
  intro?: string;
  passThreshold: number;
  file: string;
  questions: ResolvedQuestion[];
}

/** A loaded, validated bank: everything the session, scoring and outputs need. */
export interface Bank {
  dir: string;
  id: string;
  title: string;
  version: string;
  policy: BankFile["policy"];
  roles: Role[];
  passThreshold: number;
  renewalMonths: number;
  /** Who staff speak to, in the policy's words; absent when the bank names no one. */
  contacts?: Contacts;
  clauses: ResolvedClause[];
  sections: ResolvedSection[];
  /** sha256 over every file the bank was read from, so a summary can name the exact content. */
  sha256: string;
}

export function isChoice(
  q: ResolvedQuestion,
): q is ChoiceQuestion & { section: string; file: string } {
  return q.type !== "public-test";
}

export function allQuestions(bank: Bank): ResolvedQuestion[] {
  return bank.sections.flatMap((s) => s.questions);
}

export function findQuestion(bank: Bank, id: string): ResolvedQuestion | undefined {
  let index = questionIndexes.get(bank);
  if (!index) {
    index = new Map();
    // The first of two questions with one id, as a search in order would find (lint reports the duplicate).
    for (const q of allQuestions(bank)) if (!index.has(q.id)) index.set(q.id, q);
    questionIndexes.set(bank, index);
  }
  return index.get(id);
}

/** Questions by id, per bank, built on first use: 1,000 scenarios look up their answers' ids in 2,000 questions. */
const questionIndexes = new WeakMap<Bank, Map<string, ResolvedQuestion>>();

export function clauseMap(bank: Bank): Map<string, ResolvedClause> {
  return new Map(bank.clauses.map((c) => [c.id, c]));
}


/**
 * The one unknown-role rule, for every place a role id enters (--role, a question's `roles`, a
 * scenario's `role`): undefined when `role` is one of `roleIds`, else the message to show.
 */
export function unknownRole(roleIds: Iterable<string>, role: string): string | undefined {
  const known = [...roleIds];
  return known.includes(role) ? undefined : `unknown role "${role}" (known: ${known.join(", ")})`;
}

/**
 * The heading of the policy's reflective test when the bank does not name it: plain words that
 * fit any policy, so code never borrows one policy's name for it (validate warns until `title` is set).
 */
export const UNNAMED_TEST_TITLE = "A question to ask yourself";

/** The name staff know a public-test by: the bank's `title`, else a neutral heading. */
export function publicTestTitle(q: Pick<PublicTestQuestion, "title">): string {
  return q.title ?? UNNAMED_TEST_TITLE;
}

/** The name of the bank's (first) reflective test, for results that mention it. */
export function bankTestTitle(bank: Bank): string {
  const q = allQuestions(bank).find((x) => x.type === "public-test");
  return q && q.type === "public-test" ? publicTestTitle(q) : UNNAMED_TEST_TITLE;
}

/** Keyed option ids per question, worked out once: scoring 1,000 scenarios re-reads every key. */
const keyedCache = new WeakMap<Question, string[]>();

/**
 * The one rule for which answers a question keys: the ids of its options marked `correct: true`,
 * in the bank's order (none for a public-test question, which has parts, not options). The array
 * is shared by every caller: read it, never change it.
 */
export function keyedOptions(q: Question): string[] {
  let keyed = keyedCache.get(q);
  if (!keyed) {
    keyed = q.type === "public-test" ? [] : q.options.filter((o) => o.correct === true).map((o) => o.id);
    keyedCache.set(q, keyed);
  }
  return keyed;
}
