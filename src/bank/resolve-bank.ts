import type { Bank, ResolvedClause, ResolvedSection } from "./bank.js";
import type { LoadedFiles } from "./lint-bank.js";
import type { Clause } from "./schema.js";

/** Builds the engine's view of a bank from files that passed every check. */
export function resolveBank(files: LoadedFiles, dir: string, sha256: string): Bank {
  const bank = files.bank;
  const policy = files.policy;
  if (!bank || !policy) throw new Error("resolveBank needs bank.yaml and policy.yaml");
  const byId = new Map(files.sections.map((s) => [s.value.id, s]));
  const sections: ResolvedSection[] = bank.value.sections.map((id) => {
    const section = byId.get(id);
    if (!section) throw new Error(`section "${id}" has no file`);
    const file = section.source.file;
    return {
      id,
      title: section.value.title,
      ...(section.value.intro === undefined ? {} : { intro: section.value.intro }),
      passThreshold: section.value.passThreshold ?? bank.value.passThreshold,
      file,
      questions: section.value.questions.map((q) => ({ ...q, section: id, file })),
    };
  });
  return {
    dir,
    id: bank.value.id,
    title: bank.value.title,
    version: bank.value.version,
    policy: bank.value.policy,
    roles: bank.value.roles,
    passThreshold: bank.value.passThreshold,
    renewalMonths: bank.value.renewalMonths,
    ...(bank.value.contacts === undefined ? {} : { contacts: bank.value.contacts }),
    clauses: withRefs(policy.value.clauses, new Map(sections.map((s) => [s.id, s.title]))),
    sections,
    sha256,
  };
}

/**
 * The reference staff see for each clause, so no one is shown an internal id: the bank's `ref`;
 * else "Paragraph 2.5.1" when the id is the policy's own numbering (it has a dot or starts with
 * a digit: `2.5.1`, `A.3`, `12`); else the section's title and the clause's place in it
 * ("Safeguarding, 3rd point").
 */
export function withRefs(clauses: readonly Clause[], sectionTitles: Map<string, string>): ResolvedClause[] {
  const counts = new Map<string, number>();
  return clauses.map((c) => {
    const n = (counts.get(c.section) ?? 0) + 1;
    counts.set(c.section, n);
    if (c.ref !== undefined) return { ...c, ref: c.ref };
    if (isNumbered(c.id)) return { ...c, ref: `Paragraph ${c.id}` };
    return { ...c, ref: `${sectionTitles.get(c.section) ?? c.section}, ${ordinal(n)} point` };
  });
}

export function isNumbered(id: string): boolean {
  return id.includes(".") || /^\d/.test(id);
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
