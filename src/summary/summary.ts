import { z } from "zod";
import type { Bank } from "../bank/bank.js";
import type { Result } from "../engine/score.js";
import { valueSchema } from "../bank/value-schema.js";
import * as values from "../bank/values.js";

/**
 * The signed summary: counts, ids and results only — never free text. Every value is
 * restricted so that `jq -cS .summary` reproduces the signed bytes: ASCII keys, integers in
 * range, strings without control characters (values.ts). The same schema checks summaries on
 * the way in.
 */
export const SUMMARY_FORMAT = "selfcheck-summary/1";
export const NAMESPACE = "selfcheck-summary-v1";

const kebab = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);
const count = z.number().int().min(0).max(100_000);
const percent = z.number().int().min(0).max(100);
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "must be a UTC time like 2026-11-24T09:30:00Z")
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().replace(".000", "") === s,
    "is not a real time",
  );
const verdict = z.enum(["pass", "fail", "review"]);

// Each person and session value has one rule (bank/values.ts), the same one the flags, the prompt
// and `validate` apply: whatever `run` accepts, the export writes and `verify` reads.
export const personNameSchema = valueSchema(values.personName);
export const principalSchema = valueSchema(values.principal);
export const staffIdSchema = valueSchema(values.staffId);
export const emailSchema = valueSchema(values.email);
export const sessionLabelSchema = valueSchema(values.sessionLabel);
const titleSchema = valueSchema(values.bankTitle);

const sectionSchema = z.strictObject({
  id: kebab,
  correct: count,
  total: count,
  percentage: percent,
  threshold: percent,
  result: verdict,
  criticalMissed: z.array(kebab).max(1000),
  missed: z.array(kebab).max(1000),
  flagged: z.boolean(),
});

/** Shape and ranges: what a file must satisfy to be read as a summary at all. */
export const summarySchema = z.strictObject({
  format: z.literal(SUMMARY_FORMAT),
  tool: z.strictObject({
    name: z.literal("policy-selfcheck"),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
  }),
  bank: z.strictObject({
    id: kebab,
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  policy: z.strictObject({
    title: titleSchema,
    organisation: titleSchema,
    updated: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  }),
  person: z.strictObject({
    name: personNameSchema,
    role: kebab.nullable(),
    staffId: staffIdSchema.nullable(),
    email: emailSchema.nullable(),
  }),
  signer: z.strictObject({ principal: principalSchema }),
  session: sessionLabelSchema.nullable(),
  mode: z.enum(["self", "training"]),
  startedAt: instant,
  finishedAt: instant,
  validUntil: instant,
  seed: z.number().int().min(0).max(0xffffffff),
  overall: z.strictObject({ result: verdict, correct: count, total: count, percentage: percent }),
  sections: z.array(sectionSchema).min(1).max(100),
  publicTestFlagged: z.boolean(),
});

export type Summary = z.infer<typeof summarySchema>;

/**
 * Whether the numbers agree with each other. Checked after the signature, so an edited score
 * reads as "changed after signing" rather than as an unreadable file.
 */
export function summaryInconsistency(s: Summary): string | undefined {
  for (const x of s.sections) {
    if (x.correct > x.total) return `section ${x.id}: correct exceeds total`;
    if (x.percentage !== (x.total === 0 ? 100 : Math.floor((x.correct * 100) / x.total))) {
      return `section ${x.id}: percentage does not match correct/total`;
    }
  }
  const correct = s.sections.reduce((n, x) => n + x.correct, 0);
  const total = s.sections.reduce((n, x) => n + x.total, 0);
  if (s.overall.correct !== correct || s.overall.total !== total)
    return "overall counts do not add up";
  if (!(s.startedAt <= s.finishedAt && s.finishedAt < s.validUntil))
    return "times are out of order";
  return undefined;
}

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

/** Builds the summary from a scored run. Pure; the caller signs it. */
export function buildSummary(input: SummaryInput): Summary {
  const { bank, result } = input;
  const finished = wholeSeconds(input.finishedAt);
  const summary: Summary = {
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
    overall: result.overall,
    sections: result.sections.map((s) => ({
      id: s.id,
      correct: s.correct,
      total: s.total,
      percentage: s.percentage,
      threshold: s.threshold,
      result: s.result,
      criticalMissed: s.criticalMissed,
      missed: s.missed,
      flagged: s.flagged,
    })),
    publicTestFlagged: result.publicTestFlagged,
  };
  // A summary we would refuse to verify must never be written.
  const parsed = summarySchema.parse(summary);
  const problem = summaryInconsistency(parsed);
  if (problem !== undefined) throw new Error(`internal error: inconsistent summary (${problem})`);
  return parsed;
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
