import type { Bank, ResolvedSection } from "./bank.js";
import type { LoadedFiles } from "./lint-bank.js";

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
    clauses: policy.value.clauses,
    sections,
    sha256,
  };
}
