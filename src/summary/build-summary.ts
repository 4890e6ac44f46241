import type { Bank } from "../bank/bank.js";
import { recordedResult, type Result } from "../engine/score.js";
import { summaryKeys } from "./summary-check.js";
import { addMonths, type CurrentSummary, isoSeconds, SUMMARY_FORMAT, summaryInconsistency } from "./summary.js";

export interface SummaryInput {
  bank: Bank;
  result: Result;
  toolVersion: string;
  person: { name: string; role: string | null; staffId: string | null; email: string | null };
  principal: string;
  session: string | null;
  mode: "self" | "training";
  seed: number;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * Builds the summary from a scored run. Pure; the caller signs it. Without zod: `run` exports a
 * summary without loading it.
 */
export function buildSummary(input: SummaryInput): CurrentSummary {
  const { bank } = input;
  const recorded = recordedResult(input.result);
  const finished = wholeSeconds(input.finishedAt);
  const summary: CurrentSummary = {
    format: SUMMARY_FORMAT,
    tool: { name: "policy-selfcheck", version: input.toolVersion },
    bank: { id: bank.id, version: bank.version, sha256: bank.sha256 },
    policy: {
      title: bank.policy.title,
      organisation: bank.policy.organisation,
      updated: bank.policy.updated,
    },
    person: input.person,
    signer: { principal: input.principal },
    session: input.session,
    mode: input.mode,
    startedAt: isoSeconds(wholeSeconds(input.startedAt)),
    finishedAt: isoSeconds(finished),
    validUntil: isoSeconds(addMonths(finished, bank.renewalMonths)),
    seed: input.seed,
    overall: { ...recorded.overall, result: passOrFail(recorded.overall.result) },
    sections: recorded.sections.map((s) => ({
      id: s.id,
      correct: s.correct,
      total: s.total,
      percentage: s.percentage,
      threshold: s.threshold,
      result: passOrFail(s.result),
      criticalMissed: s.criticalMissed,
      missed: s.missed,
    })),
    publicTestCompleted: input.result.questions.some((q) => q.type === "public-test" && q.answered),
  };
  // A summary we would refuse to verify must never be written. The quick check (held to the
  // schema by a test) is enough: every value came through the same value rules on the way in.
  if (summaryKeys(summary) < 0) throw new Error("internal error: the summary breaks a rule of its format");
  const problem = summaryInconsistency(summary);
  if (problem !== undefined) throw new Error(`internal error: inconsistent summary (${problem})`);
  return summary;
}

function passOrFail(verdict: string): "pass" | "fail" {
  if (verdict !== "pass" && verdict !== "fail") throw new Error(`internal error: recorded result "${verdict}"`);
  return verdict;
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

