import { z } from "zod";
import { valueSchema } from "../bank/value-schema.js";
import * as values from "../bank/values.js";
import { isRealInstant, LIMITS, SUMMARY_FORMAT, SUMMARY_FORMAT_1 } from "./summary.js";

/**
 * The signed summary's schema (summary.ts is the format): what `verify` reads a file it cannot
 * check quickly with, so that whatever is wrong is named, and what the JSON Schema is written
 * from. Loaded only when needed: a run of `verify` over good files never loads zod.
 */
const kebab = z.string().regex(LIMITS.kebab).max(LIMITS.kebabMax);
const count = z.number().int().min(0).max(LIMITS.count);
const percent = z.number().int().min(0).max(100);
const instant = z
  .string()
  .regex(LIMITS.instant, "must be a UTC time like 2026-11-24T09:30:00Z")
  .refine(isRealInstant, "is not a real time");
const verdict = z.enum(["pass", "fail", "review"]);
const recordedVerdict = z.enum(["pass", "fail"]);

// Each person and session value has one rule (bank/values.ts), the same one the flags, the prompt
// and `validate` apply: whatever `run` accepts, the export writes and `verify` reads.
const personNameSchema = valueSchema(values.personName);
const principalSchema = valueSchema(values.principal);
const staffIdSchema = valueSchema(values.staffId);
const emailSchema = valueSchema(values.email);
const sessionLabelSchema = valueSchema(values.sessionLabel);
const titleSchema = valueSchema(values.bankTitle);

const sectionFields = {
  id: kebab,
  correct: count,
  total: count,
  percentage: percent,
  threshold: percent,
  criticalMissed: z.array(kebab).max(LIMITS.ids),
  missed: z.array(kebab).max(LIMITS.ids),
};

/** Everything both formats hold, with the same rules. */
const commonFields = {
  tool: z.strictObject({
    name: z.literal("policy-selfcheck"),
    version: z.string().regex(LIMITS.version),
  }),
  bank: z.strictObject({
    id: kebab,
    version: z.string().regex(LIMITS.version),
    sha256: z.string().regex(LIMITS.sha256),
  }),
  policy: z.strictObject({
    title: titleSchema,
    organisation: titleSchema,
    updated: z.string().regex(LIMITS.updated),
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
  seed: z.number().int().min(0).max(LIMITS.seed),
};

/** Shape and ranges: what a file must satisfy to be read as a summary at all. */
export const summarySchema = z.strictObject({
  format: z.literal(SUMMARY_FORMAT),
  ...commonFields,
  // A recorded result is never `review`: that came only from the public-knowledge test.
  overall: z.strictObject({ result: recordedVerdict, correct: count, total: count, percentage: percent }),
  sections: z.array(z.strictObject({ ...sectionFields, result: recordedVerdict })).min(1).max(LIMITS.sections),
  /** Whether the person was asked the public-knowledge test and went through it; never how. */
  publicTestCompleted: z.boolean(),
});

/** Format 1, as written by version 0.1 of the tool: verified still, never written. */
export const summaryFormat1Schema = z.strictObject({
  format: z.literal(SUMMARY_FORMAT_1),
  ...commonFields,
  overall: z.strictObject({ result: verdict, correct: count, total: count, percentage: percent }),
  sections: z.array(z.strictObject({ ...sectionFields, result: verdict, flagged: z.boolean() })).min(1).max(LIMITS.sections),
  publicTestFlagged: z.boolean(),
});

/** Either format, told apart by `format`. */
export const anySummarySchema = z.discriminatedUnion("format", [summarySchema, summaryFormat1Schema]);

/** A summary as written now. */
export type CurrentSummary = z.infer<typeof summarySchema>;
export type SummaryFormat1 = z.infer<typeof summaryFormat1Schema>;

/** A signed summary file around its summary: what `verify` reads (summary-check.ts follows it too). */
export const summaryFileSchema = z.strictObject({
  summary: z.unknown(),
  signature: z.strictObject({
    namespace: z.string(),
    sshsig: z.string().max(LIMITS.sshsig),
  }),
});
