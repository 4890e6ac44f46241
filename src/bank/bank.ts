import type { BankFile, ChoiceQuestion, Clause, PublicTestQuestion, Role } from "./schema.js";

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
  clauses: Clause[];
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
  for (const section of bank.sections) {
    const q = section.questions.find((x) => x.id === id);
    if (q) return q;
  }
  return undefined;
}

export function clauseMap(bank: Bank): Map<string, Clause> {
  return new Map(bank.clauses.map((c) => [c.id, c]));
}

