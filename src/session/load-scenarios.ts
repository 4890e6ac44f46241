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
import { parseYaml, type YamlSource } from "../bank/yaml-file.js";
import { findWorker, mapInWorkers, type WorkerSource } from "../util/worker-pool.js";

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

/**
 * A scenario file read, parsed and checked for its format, with no bank yet: plain data, so a
 * worker thread can send it. `ok: false` carries the file's positioned diagnostics.
 */
export type ParsedScenarioFile =
  | { ok: true; shown: string; value: ScenarioFile; answers: Record<string, unknown> }
  | { ok: false; shown: string; diagnostics: Diagnostic[] };

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** The part of loading a scenario that needs no bank. */
export async function parseScenarioFile(file: string, shown: string): Promise<ParsedScenarioFile> {
  const parsed = await readScenarioSource(file, shown);
  if (!parsed.ok) return { ok: false, shown, diagnostics: parsed.diagnostics };
  const { source, value } = parsed;
  const answers = isRecord(source.value) && isRecord(source.value.answers) ? source.value.answers : {};
  return { ok: true, shown, value, answers };
}

async function readScenarioSource(
  file: string,
  shown: string,
): Promise<{ ok: true; source: YamlSource; value: ScenarioFile } | { ok: false; diagnostics: Diagnostic[] }> {
  const read = await readInput(file, shown);
  if (!read.ok) return { ok: false, diagnostics: [read.diagnostic] };
  const parsed = parseYaml(read.bytes, shown);
  if (!parsed.ok) return parsed;
  const checked = checkSchema(parsed.source, scenarioFileSchema);
  if (!checked.ok) return checked;
  return { ok: true, source: parsed.source, value: checked.value };
}

/** Reads and checks scenario files against the bank: every id must exist, every answer fit. */
export async function loadScenarios(
  files: string[],
  bank: Bank,
  display: (abs: string) => string,
): Promise<ScenarioLoad> {
  const parsed: ParsedScenarioFile[] = [];
  for (const file of files) parsed.push(await parseScenarioFile(file, display(path.resolve(file))));
  return checkScenarios(files, parsed, bank);
}

/**
 * The part that needs the bank, for files parsed by parseScenarioFile (`parsed[i]` is `files[i]`).
 * Checks run without positions first; a file with a problem is read again here, so its messages
 * say where, exactly as if it had been checked in one pass.
 */
export async function checkScenarios(files: string[], parsed: ParsedScenarioFile[], bank: Bank): Promise<ScenarioLoad> {
  const scenarios: Scenario[] = [];
  const diagnostics: Diagnostic[] = [];
  const ids = {
    sections: bank.sections.map((s) => s.id),
    questions: new Set(bank.sections.flatMap((s) => s.questions.map((q) => q.id))),
    roles: bank.roles.map((r) => r.id),
  };
  for (const [i, p] of parsed.entries()) {
    if (!p.ok) {
      diagnostics.push(...p.diagnostics);
      continue;
    }
    const unplaced: YamlSource = { file: p.shown, value: { answers: p.answers }, locate: () => ({ line: 0, col: 0 }) };
    const checked = checkAgainstBank(p.shown, unplaced, p.value, p.answers, bank, ids);
    if (checked.diagnostics.length === 0) {
      scenarios.push(checked.scenario);
      continue;
    }
    const again = await readScenarioSource(files[i] as string, p.shown);
    diagnostics.push(
      ...(again.ok ? checkAgainstBank(p.shown, again.source, again.value, p.answers, bank, ids).diagnostics : again.diagnostics),
    );
  }
  return { scenarios, diagnostics };
}

function checkAgainstBank(
  shown: string,
  source: YamlSource,
  value: ScenarioFile,
  rawAnswers: Record<string, unknown>,
  bank: Bank,
  ids: { sections: string[]; questions: Set<string>; roles: string[] },
): { scenario: Scenario; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (at: (string | number)[], message: string, rule: string, key?: string) =>
    diagnostics.push({ file: shown, ...source.locate(at, key), severity: "error", message, rule });
  const roleProblem = value.role === undefined ? undefined : unknownRole(ids.roles, value.role);
  if (roleProblem !== undefined) report(["role"], roleProblem, "unknown-role");
  for (const sectionId of Object.keys(value.expect.sections ?? {})) {
    if (!ids.sections.includes(sectionId)) {
      report(["expect", "sections"], `unknown section "${sectionId}" (known: ${ids.sections.join(", ")})`, "unknown-section", sectionId);
    }
  }
  for (const key of ["missed", "criticalMissed"] as const) {
    (value.expect[key] ?? []).forEach((q, i) => {
      if (!ids.questions.has(q)) report(["expect", key, i], `unknown question id "${q}"`, "unknown-question");
    });
  }
  const answers = checkAnswerEntries(rawAnswers, { source, base: ["answers"], bank });
  diagnostics.push(...answers.diagnostics);
  return {
    scenario: {
      name: value.name,
      file: shown,
      base: value.base,
      ...(value.role === undefined ? {} : { role: value.role }),
      ...(value.mode === undefined ? {} : { mode: value.mode }),
      answers: answers.answers,
      expect: value.expect,
    },
    diagnostics,
  };
}

/** Below this many files, starting a worker (it loads the YAML parser and zod) costs more than it saves. */
export const PARSE_IN_THREAD_BELOW = 100;

/**
 * Fewer worker threads than this parse no scenario file. One worker beside the main thread's bank
 * load costs more than it saves: both parse YAML, which is allocation-bound, and two cores slow
 * each other down (see docs/performance.md); on two cores `test` of 1,000 scenarios took 1,102 ms
 * with the worker against 1,026 without (medians of 5 interleaved runs; 1,130 against 1,074 in 9).
 */
export const PARSE_WORKERS_FROM = 2;

/**
 * parseScenarioFile for every file, in order: on `workers` worker threads when there are many
 * files, workers enough (PARSE_WORKERS_FROM) and this build has the worker, in this thread
 * otherwise. Started before the bank is loaded, it parses while the main thread loads the bank;
 * `stopped` ends it early (the bank was not valid, so nothing will be checked).
 */
export async function parseScenarioFiles(
  files: string[],
  display: (abs: string) => string,
  run: { workers: number; source?: WorkerSource | null; stopped?: () => boolean },
): Promise<ParsedScenarioFile[]> {
  const items = files.map((file) => ({ file, shown: display(path.resolve(file)) }));
  const source = run.source === undefined ? scenarioWorkerSource() : run.source;
  const parsed: ParsedScenarioFile[] = [];
  if (source === null || run.workers < PARSE_WORKERS_FROM || files.length < PARSE_IN_THREAD_BELOW) {
    for (const { file, shown } of items) {
      if (run.stopped?.()) break;
      parsed.push(await parseScenarioFile(file, shown));
    }
    return parsed;
  }
  // Batches of a quarter of each worker's share: all in flight at once, so the workers never wait
  // for the main thread, which is busy loading the bank.
  const batchSize = Math.ceil(files.length / (run.workers * 4));
  for await (const batch of mapInWorkers<{ file: string; shown: string }, ParsedScenarioFile, null>(items, { source, threads: run.workers, config: null, batchSize, inFlight: 4 })) {
    for (const p of batch) {
      if (run.stopped?.()) return parsed;
      parsed.push(p);
    }
  }
  return parsed;
}

export function scenarioWorkerSource(): WorkerSource | null {
  return findWorker("scenario-worker", new URL("./scenario-worker.js", import.meta.url));
}
