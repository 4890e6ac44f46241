import type { z } from "zod";
import type { Diagnostic } from "../util/diagnostic.js";
import type { PathSegment, YamlSource } from "./yaml-file.js";

export type SchemaResult<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

/** Validates a parsed file against a schema and turns every issue into a positioned diagnostic. */
export function checkSchema<T>(source: YamlSource, schema: z.ZodType<T>): SchemaResult<T> {
  const result = schema.safeParse(source.value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter(
      (p): p is PathSegment => typeof p === "string" || typeof p === "number",
    );
    const where = path.length > 0 ? ` at ${formatPath(path)}` : "";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        diagnostics.push({
          file: source.file,
          ...source.locate(path, key),
          severity: "error",
          message: `unknown key "${key}"${where}`,
          rule: "unknown-key",
        });
      }
      continue;
    }
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    diagnostics.push({
      file: source.file,
      ...source.locate(missing ? path.slice(0, -1) : path),
      severity: "error",
      message: missing
        ? `missing required key "${String(path[path.length - 1])}"${path.length > 1 ? ` at ${formatPath(path.slice(0, -1))}` : ""}`
        : `${lowerFirst(issue.message)}${where}`,
      rule: "schema",
    });
  }
  return { ok: false, diagnostics };
}

/** `questions[3].options[0].id`, the way people read paths. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
