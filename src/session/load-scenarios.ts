import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Scenario } from "../engine/scenario.js";
import { checkAnswerEntries, isRecord } from "./answers-file.js";
import { type Bank, unknownRole } from "../bank/bank.js";
import { MODES } from "../engine/mode.js";
import { checkSchema } from "../bank/check-schema.js";
import type { Diagnostic } from "../util/diagnostic.js";
import { describeFsError, readInput } from "../bank/read-input.js";
import { parseYaml } from "../bank/yaml-file.js";

const verdict = z.enum(["pass", "fail", "review"]);
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case");

/** The scenario file format (DESIGN.md); unknown keys are errors, as in the bank. */
export const scenarioFileSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  base: z.enum(["all-correct", "all-wrong", "none"]),
  role: id.optional(),
  mode: z.enum(MODES).optional(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  expect: z.strictObject({
    overall: verdict,
    sections: z.record(z.string(), verdict).optional(),
    missed: z.array(id).optional(),
    criticalMissed: z.array(id).optional(),
    flagged: z.boolean().optional(),
  }),
});

export interface ScenarioLoad {
  scenarios: Scenario[];
  diagnostics: Diagnostic[];
}

/** Scenario files from files and folders (a folder's *.yaml and *.yml, sorted). */
export async function findScenarioFiles(paths: string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    const info = await stat(p).catch((error: unknown) => error as Error);
    if (info instanceof Error) {
      diagnostics.push({ file: p, line: 0, col: 0, severity: "error", message: describeFsError(info), rule: "unreadable" });
    } else if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => /\.ya?ml$/.test(n)).sort();
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return { files, diagnostics };
}

/** Reads and checks scenario files against the bank: every id must exist, every answer fit. */
export async function loadScenarios(
  files: string[],
  bank: Bank,
  display: (abs: string) => string,
): Promise<ScenarioLoad> {
  const scenarios: Scenario[] = [];
  const diagnostics: Diagnostic[] = [];
  const sectionIds = bank.sections.map((s) => s.id);
  const questionIds = new Set(bank.sections.flatMap((s) => s.questions.map((q) => q.id)));
  const roleIds = bank.roles.map((r) => r.id);
  for (const file of files) {
    const shown = display(path.resolve(file));
    const read = await readInput(file, shown);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseYaml(read.bytes, shown);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    const source = parsed.source;
    const checked = checkSchema(source, scenarioFileSchema);
    if (!checked.ok) {
      diagnostics.push(...checked.diagnostics);
      continue;
    }
    const value = checked.value;
    const before = diagnostics.length;
    const report = (at: (string | number)[], message: string, rule: string, key?: string) =>
      diagnostics.push({ file: shown, ...source.locate(at, key), severity: "error", message, rule });
    const roleProblem = value.role === undefined ? undefined : unknownRole(roleIds, value.role);
    if (roleProblem !== undefined) report(["role"], roleProblem, "unknown-role");
    for (const sectionId of Object.keys(value.expect.sections ?? {})) {
      if (!sectionIds.includes(sectionId)) {
        report(["expect", "sections"], `unknown section "${sectionId}" (known: ${sectionIds.join(", ")})`, "unknown-section", sectionId);
      }
    }
    for (const key of ["missed", "criticalMissed"] as const) {
      (value.expect[key] ?? []).forEach((q, i) => {
        if (!questionIds.has(q)) report(["expect", key, i], `unknown question id "${q}"`, "unknown-question");
      });
    }
    const rawAnswers = isRecord(source.value) && isRecord(source.value.answers) ? source.value.answers : {};
    const answers = checkAnswerEntries(rawAnswers, { source, base: ["answers"], bank });
    diagnostics.push(...answers.diagnostics);
    if (diagnostics.length > before) continue;
    scenarios.push({
      name: value.name,
      file: shown,
      base: value.base,
      ...(value.role === undefined ? {} : { role: value.role }),
      ...(value.mode === undefined ? {} : { mode: value.mode }),
      answers: answers.answers,
      expect: value.expect,
    });
  }
  return { scenarios, diagnostics };
}
