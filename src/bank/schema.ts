import { z } from "zod";
import { hasControl } from "../util/escape.js";
import { valueSchema } from "./value-schema.js";
import * as values from "./values.js";

/**
 * The one schema of the bank's files. The TypeScript types below are inferred from it, and
 * `questions/schema.json` (editor completion) is generated from it by `npm run schema`, so the
 * three can never disagree. Objects are strict: an unknown key is an error, which catches typos
 * such as `corect: true` that would otherwise silently change a keyed answer.
 */

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = (what: string) =>
  z
    .string()
    .regex(idPattern, `${what} must be kebab-case (a-z, 0-9 and single hyphens)`)
    .max(80)
    .describe(`${what}: kebab-case, stable across versions`);
const text = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(4000)
    // Bank text is shown on terminals: an escape sequence in it would be terminal control.
    .refine((s) => !hasControl(s.replace(/[\n\t]/g, "")), `${what} must not contain control characters`)
    .describe(what);
/** Shown on one line (welcome, reports, the signed summary): the one rule in values.ts. */
const title = (what: string) => valueSchema(values.bankTitle).describe(`${what}: one line, at most ${values.bankTitle.max} characters`);

/**
 * Clause ids follow the policy's own numbering where it has one (`2.5.1`, `A.3`, `4a`), or are
 * kebab-case (`sg-5`) where it has none: letters and digits in groups joined by single dots or
 * hyphens, so an id is still safe in a file name, a URL fragment or a CSV cell.
 */
export const CLAUSE_ID = /^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$/;
const clauseId = (what: string) =>
  z
    .string()
    .regex(
      CLAUSE_ID,
      `${what} must be letters and digits joined by single dots or hyphens, e.g. 2.5.1, A.3 or sg-5`,
    )
    .max(80)
    .describe(`${what}: the policy's own numbering (2.5.1) or kebab-case, stable across versions`);

export const roleSchema = z.strictObject({
  id: id("role id"),
  label: text("label shown when asking the role"),
});

/**
 * Who staff turn to, in the policy's own words. Code never names a person: every "speak to …"
 * a staff member reads comes from here.
 */
export const contactsSchema = z
  .strictObject({
    concerns: title(
      "who staff speak to about a concern, a suspected breach or a yes in the policy's reflective test, as it reads after 'speak to', e.g. 'the Headteacher'",
    ),
    questions: title(
      "who staff ask when the policy is unclear, as it reads after 'ask', e.g. 'your line manager'",
    ).optional(),
  })
  .describe("who staff speak to, named as the policy names them");

export const bankFileSchema = z
  .strictObject({
    id: id("bank id"),
    title: title("title of the self-check"),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, "version must look like 1.2.3")
      .describe("bank version, semantic versioning"),
    policy: z.strictObject({
      title: title("policy title"),
      organisation: title("organisation the policy belongs to"),
      updated: z
        .string()
        .regex(/^\d{4}-\d{2}(-\d{2})?$/, "updated must be YYYY-MM or YYYY-MM-DD")
        .describe("when the policy was last updated"),
      ratified: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "ratified must be YYYY-MM-DD")
        .optional()
        .describe("when the policy was ratified"),
      source: z
        .string()
        .regex(/^[\w.-]+$/, "source must be a file name in the bank folder")
        .optional()
        .describe("the policy's text, a file beside bank.yaml; clause texts must appear in it"),
    }),
    roles: z.array(roleSchema).min(1).describe("roles a person can choose"),
    sections: z.array(id("section id")).min(1).describe("section ids, in the order asked"),
    passThreshold: z.number().int().min(0).max(100).describe("percentage a section needs to pass"),
    renewalMonths: z
      .number()
      .int()
      .min(1)
      .max(120)
      .describe("months a passed self-check stays valid"),
    contacts: contactsSchema.optional(),
  })
  .describe("bank.yaml: the bank's identity, policy metadata, roles and section order");

export const clauseSchema = z.strictObject({
  id: clauseId("clause id"),
  ref: title(
    "the reference staff see for this clause, e.g. '2.5.1' or 'Safeguarding Children, 3rd point' (default: a numbered id, else the section and position)",
  ).optional(),
  section: id("section id the clause belongs to"),
  lead: text("verbatim words that introduce the list this clause is in").optional(),
  text: text("verbatim text of the clause"),
});

export const policyFileSchema = z
  .strictObject({
    clauses: z.array(clauseSchema).min(1),
  })
  .describe("policy.yaml: the policy split into clauses with verbatim text");

export const optionSchema = z.strictObject({
  id: id("option id"),
  label: text("option label"),
  correct: z.boolean().optional().describe("true for a keyed (correct) option"),
});

const questionCommon = {
  id: id("question id"),
  prompt: text("the question"),
  clauses: z.array(clauseId("clause id")).min(1, "a question must cite at least one clause"),
  explanation: text("why the keyed answer is right, quoting the policy"),
  roles: z.array(id("role id")).min(1).optional().describe("roles the question applies to"),
  tags: z.array(id("tag")).optional().describe("free labels, e.g. situation"),
};

const choiceQuestion = <T extends "single" | "multi" | "yesno">(type: T) =>
  z.strictObject({
    ...questionCommon,
    type: z.literal(type),
    options: z.array(optionSchema).min(2).max(8),
    critical: z.boolean().optional().describe("a wrong answer fails the section"),
  });

export const partSchema = z.strictObject({
  id: id("part id"),
  prompt: text("one part of the policy's reflective test, answered yes or no"),
});

/**
 * The policy's own reflective test, a question staff ask themselves about a real situation of
 * theirs. Not scored: a yes marks the section `review`. Its name and wording are the policy's,
 * so they live here, never in code.
 */
export const publicTestQuestionSchema = z.strictObject({
  ...questionCommon,
  type: z.literal("public-test"),
  title: title(
    "the name staff know the test by, used as its heading, e.g. 'The public-knowledge test'",
  ).optional(),
  wording: text("the test in the policy's own words, quoted verbatim from a cited clause").optional(),
  discussion: text(
    "what a trainer asks the room to think of in a group session (`present`), instead of the prompt's own situation",
  ).optional(),
  parts: z.array(partSchema).min(1).max(8),
  guidance: text("what to do when any part is answered yes"),
});

export const questionSchema = z.discriminatedUnion("type", [
  choiceQuestion("single"),
  choiceQuestion("multi"),
  choiceQuestion("yesno"),
  publicTestQuestionSchema,
]);

export const sectionFileSchema = z
  .strictObject({
    id: id("section id"),
    title: text("section title"),
    intro: text("what the section covers").optional(),
    passThreshold: z.number().int().min(0).max(100).optional(),
    questions: z.array(questionSchema).min(1),
  })
  .describe("sections/NN-ID.yaml: one policy section and its questions");

export type BankFile = z.infer<typeof bankFileSchema>;
export type Contacts = z.infer<typeof contactsSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Clause = z.infer<typeof clauseSchema>;
export type PolicyFile = z.infer<typeof policyFileSchema>;
export type Option = z.infer<typeof optionSchema>;
export type Question = z.infer<typeof questionSchema>;
export type ChoiceQuestion = Exclude<Question, { type: "public-test" }>;
export type PublicTestQuestion = z.infer<typeof publicTestQuestionSchema>;
export type SectionFile = z.infer<typeof sectionFileSchema>;

/** The JSON Schema for editors: any of the three file kinds, each strict. */
export function buildJsonSchema(): Record<string, unknown> {
  const strip = (schema: z.ZodType) => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input" }) as Record<
      string,
      unknown
    >;
    return rest;
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://policy-selfcheck.invalid/schema.json",
    title: "policy-selfcheck question bank file",
    description:
      "Generated from src/bank/schema.ts by `npm run schema`; do not edit. Matches bank.yaml, policy.yaml or a sections/NN-ID.yaml file.",
    anyOf: [{ $ref: "#/$defs/bank" }, { $ref: "#/$defs/policy" }, { $ref: "#/$defs/section" }],
    $defs: {
      bank: strip(bankFileSchema),
      policy: strip(policyFileSchema),
      section: strip(sectionFileSchema),
    },
  };
}
