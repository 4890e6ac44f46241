import type { Mode } from "./mode.js";
import { type Bank, isChoice, keyedOptions } from "../bank/bank.js";
import {
  type Answers,
  applicableQuestions,
  createScorer,
  type Result,
  type SectionVerdict,
} from "./score.js";

export type ScenarioBase = "all-correct" | "all-wrong" | "none";

/** A regression scenario: answers (a base plus overrides) and the results they must give. */
export interface Scenario {
  name: string;
  file: string;
  base: ScenarioBase;
  role?: string;
  mode?: Mode;
  answers: Answers;
  expect: {
    overall: SectionVerdict;
    sections?: Record<string, SectionVerdict>;
    missed?: string[];
    criticalMissed?: string[];
    flagged?: boolean;
  };
}

export interface Mismatch {
  /** What differs: `overall`, `section`, `missed`, `criticalMissed` or `flagged`. */
  kind: "overall" | "section" | "missed" | "criticalMissed" | "flagged";
  section?: string;
  expected: string;
  actual: string;
  /** Question ids that explain the difference. */
  questions: string[];
}

export interface ScenarioOutcome {
  scenario: Scenario;
  result: Result;
  mismatches: Mismatch[];
}

/**
 * The answers a base gives every question that applies to the role. `all-wrong` picks every
 * non-keyed option (so even a multi question is unambiguously wrong) and answers "yes" to every
 * part of a public-test (the policy's reflective test).
 */
export function baseAnswers(bank: Bank, base: ScenarioBase, role?: string): Map<string, string[]> {
  const answers = cachedPerBase(baseCache, bank, base, role, () => computeBaseAnswers(bank, base, role));
  // A copy: callers add their overrides to it. The arrays inside are never changed, only replaced.
  return new Map(answers);
}

/** Base answers per bank, base and role: a thousand scenarios share a handful of bases. */
const baseCache = new WeakMap<Bank, Map<string, Map<string, string[]>>>();

function computeBaseAnswers(bank: Bank, base: ScenarioBase, role?: string): Map<string, string[]> {
  const answers = new Map<string, string[]>();
  if (base === "none") return answers;
  for (const section of bank.sections) {
    for (const q of applicableQuestions(section, role)) {
      if (!isChoice(q)) {
        answers.set(q.id, base === "all-correct" ? [] : q.parts.map((p) => p.id));
        continue;
      }
      const keyed = keyedOptions(q);
      const wrong = q.options.filter((o) => o.correct !== true).map((o) => o.id);
      answers.set(q.id, base === "all-correct" ? keyed : q.type === "multi" ? wrong : wrong.slice(0, 1));
    }
  }
  return answers;
}

/** Runs one scenario through the same scoring as `selfcheck run` and compares. Pure. */
export function runScenario(bank: Bank, scenario: Scenario): ScenarioOutcome {
  const result = scorerFor(bank, scenario.base, scenario.role)(scenario.answers);
  return { scenario, result, mismatches: compare(result, scenario.expect) };
}

/** One scorer per bank, base and role: each scenario then judges only the questions it overrides. */
const scorers = new WeakMap<Bank, Map<string, (overrides: Answers) => Result>>();

function scorerFor(bank: Bank, base: ScenarioBase, role: string | undefined): (overrides: Answers) => Result {
  return cachedPerBase(scorers, bank, base, role, () =>
    createScorer(bank, baseAnswers(bank, base, role), role === undefined ? {} : { role }),
  );
}

/** What `compute` gives for this bank, base and role, computed once and kept while the bank lives. */
function cachedPerBase<T>(
  cache: WeakMap<Bank, Map<string, T>>,
  bank: Bank,
  base: ScenarioBase,
  role: string | undefined,
  compute: () => T,
): T {
  const key = `${base}\u0000${role ?? ""}`;
  let byBase = cache.get(bank);
  if (!byBase) {
    byBase = new Map();
    cache.set(bank, byBase);
  }
  let value = byBase.get(key);
  if (value === undefined) {
    value = compute();
    byBase.set(key, value);
  }
  return value;
}

function compare(result: Result, expect: Scenario["expect"]): Mismatch[] {
  const out: Mismatch[] = [];
  const allMissed = result.sections.flatMap((s) => s.missed);
  const allCritical = result.sections.flatMap((s) => s.criticalMissed);
  // Only a mismatch names questions: most scenarios match and need none of this.
  const flaggedIds = () => result.questions.filter((q) => q.flagged).map((q) => q.id);
  if (result.overall.result !== expect.overall) {
    const culprits = result.sections.filter((s) => s.result !== "pass");
    out.push({
      kind: "overall",
      expected: expect.overall,
      actual: result.overall.result,
      questions: [...new Set([...culprits.flatMap((s) => s.missed), ...(result.publicTestFlagged ? flaggedIds() : [])])],
    });
  }
  for (const [id, expected] of Object.entries(expect.sections ?? {})) {
    const section = result.sections.find((s) => s.id === id);
    if (!section || section.result === expected) continue;
    out.push({
      kind: "section",
      section: id,
      expected,
      actual: section.result,
      questions: [
        ...section.missed,
        ...result.questions.filter((q) => q.section === id && q.flagged).map((q) => q.id),
      ],
    });
  }
  const sets: [Mismatch["kind"], string[] | undefined, string[]][] = [
    ["missed", expect.missed, allMissed],
    ["criticalMissed", expect.criticalMissed, allCritical],
  ];
  for (const [kind, expected, actual] of sets) {
    if (expected === undefined || sameSet(expected, actual)) continue;
    out.push({
      kind,
      expected: list(expected),
      actual: list(actual),
      questions: symmetricDifference(expected, actual),
    });
  }
  if (expect.flagged !== undefined && expect.flagged !== result.publicTestFlagged) {
    out.push({ kind: "flagged", expected: String(expect.flagged), actual: String(result.publicTestFlagged), questions: flaggedIds() });
  }
  return out;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;
}

function symmetricDifference(a: string[], b: string[]): string[] {
  return [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
}

function list(ids: string[]): string {
  return ids.length === 0 ? "none" : [...ids].sort().join(", ");
}
