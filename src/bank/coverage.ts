import type { Bank } from "./bank.js";

export interface ClauseCoverage {
  id: string;
  section: string;
  questions: string[];
}

export interface Coverage {
  clauses: ClauseCoverage[];
  covered: number;
  total: number;
  /** One decimal place, rounded down, so 99.95% never shows as 100%. */
  percentage: number;
  uncovered: string[];
}

/** Which questions test each clause of the policy. Pure. Questions of every role count. */
export function computeCoverage(bank: Bank): Coverage {
  const byClause = new Map<string, string[]>(bank.clauses.map((c) => [c.id, []]));
  for (const section of bank.sections) {
    for (const q of section.questions) {
      for (const id of q.clauses) byClause.get(id)?.push(q.id);
    }
  }
  const clauses = bank.clauses.map((c) => ({ id: c.id, section: c.section, questions: byClause.get(c.id) ?? [] }));
  const covered = clauses.filter((c) => c.questions.length > 0).length;
  const total = clauses.length;
  return {
    clauses,
    covered,
    total,
    percentage: total === 0 ? 100 : Math.floor((covered * 1000) / total) / 10,
    uncovered: clauses.filter((c) => c.questions.length === 0).map((c) => c.id),
  };
}

/** Whether coverage reaches a minimum percentage, compared exactly (no rounding). */
export function meetsMinimum(coverage: Coverage, min: number): boolean {
  return coverage.covered * 100 >= min * coverage.total;
}
