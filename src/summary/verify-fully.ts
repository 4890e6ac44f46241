import { z } from "zod";
import { parseStrictJson } from "../util/strict-json.js";
import { anySummarySchema, summaryFileSchema } from "./summary-schema.js";
import { malformed, type ReadFully, type VerifyOptions, type VerifyOutcome, verifySummaryBytes } from "./verify-summary.js";

/**
 * The schemas compiled to plain functions on first use (zod's ahead-of-time compiler: the same
 * rules and messages, about half the time per file), once per thread.
 */
let compiledSchemas: { file: typeof summaryFileSchema; summary: typeof anySummarySchema } | undefined;

/**
 * The full reading of a summary file (verify-summary.ts's ReadFully), for the files the quick
 * check refuses: strict JSON, then the schemas, each with its message (line:col where the file
 * itself is at fault). A format-1 file reads here.
 */
export const readFully: ReadFully = (text) => {
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return malformed("not-json", parsed.message, parsed.position);
  const schemas = (compiledSchemas ??= {
    file: z.compile(summaryFileSchema),
    summary: z.compile(anySummarySchema),
  });
  // Another JSON file in a folder of summaries (an answers file, a session export) is named as
  // such, not with the schema's wording about a missing field.
  const missing = ["summary", "signature"].filter(
    (key) => parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value) || !(key in parsed.value),
  );
  if (missing.length > 0) {
    return malformed("structure", `not a signed summary (it has no ${missing.map((k) => `"${k}"`).join(" or ")} at the top level)`);
  }
  const outer = schemas.file.safeParse(parsed.value);
  if (!outer.success) return malformed("structure", `not a signed summary: ${describe(outer.error)}`);
  const inner = schemas.summary.safeParse(outer.data.summary);
  if (!inner.success) return malformed("structure", `summary has values out of range: ${describe(inner.error)}`);
  return { summary: inner.data, signature: outer.data.signature };
};

/** verifySummaryBytes with the full reading at hand: an outcome for any file. */
export function verifySummaryFully(bytes: Uint8Array, options: VerifyOptions): VerifyOutcome {
  return verifySummaryBytes(bytes, options, readFully);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.map(String).join(".");
  return `${path === "" ? "" : `${path}: `}${issue.message}`;
}
