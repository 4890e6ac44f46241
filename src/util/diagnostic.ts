import { escapeControl } from "./escape.js";

/** One problem found in an input file, positioned like a compiler's message. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: "error" | "warning";
  message: string;
  /** Stable name of the check that produced it, e.g. `unknown-clause`. */
  rule: string;
}

export interface Position {
  line: number;
  col: number;
}

/** Messages quote what a file holds (an unknown key, an option); control characters are escaped. */
export function formatDiagnostic(d: Diagnostic): string {
  return escapeControl(`${d.file}:${d.line}:${d.col} ${d.severity} ${d.message}`);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sorts by file, then position, so output is stable whatever order checks ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}
