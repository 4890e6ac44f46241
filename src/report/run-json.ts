import type { Bank } from "../bank/bank.js";
import type { Mode } from "../engine/mode.js";
import type { Result } from "../engine/score.js";

/** The result of `selfcheck run --json` (the signed-summary export, if any, is added by the caller). */
export function buildRunReport(input: {
  bank: Bank;
  result: Result;
  person: { name?: string; role?: string };
  mode: Mode;
  seed: number;
  startedAt: Date;
  finishedAt: Date;
}) {
  const { bank, result } = input;
  return {
    bank: { id: bank.id, title: bank.title, version: bank.version, sha256: bank.sha256 },
    policy: {
      title: bank.policy.title,
      organisation: bank.policy.organisation,
      updated: bank.policy.updated,
    },
    person: { name: input.person.name ?? null, role: input.person.role ?? null },
    mode: input.mode,
    seed: input.seed,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    overall: result.overall,
    sections: result.sections,
    publicTestFlagged: result.publicTestFlagged,
    questions: result.questions,
  };
}
