import path from "node:path";
import { allQuestions, type Bank } from "../../bank/bank.js";
import { readInput } from "../../bank/read-input.js";
import { parseJson } from "../../bank/json-file.js";
import { type Answers, type Result, scoreAnswers } from "../../engine/score.js";
import { MAX_SEED } from "../../engine/shuffle.js";
import { renderResultTable, renderRevisit, renderVerdictAdvice } from "../../report/result-text.js";
import { outputWidth, wrap } from "../../util/text.js";
import { checkAnswersFile } from "../../session/answers-file.js";
import type { Prompter } from "../../session/prompter.js";
import { askQuestions, type Mode } from "../../session/questionnaire.js";
import { createScriptedPrompter } from "../../session/scripted-prompter.js";
import * as values from "../../bank/values.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { checkFlagValue } from "../flag-values.js";
import { checkWriteTarget } from "../io.js";
import {
  displayFor,
  formatLocated,
  hasTerminal,
  loadBankOrFail,
  styleFor,
  terminalPrompter,
  writeJson,
} from "../shared.js";
import type { ExportFlags, ExportPlan } from "../export-summary.js";

export interface RunOptions extends ExportFlags {
  bank?: string;
  answers?: string;
  name?: string;
  role?: string;
  mode: Mode;
  seed?: string;
  json?: boolean;
  color?: boolean;
}

export async function runRun(opts: RunOptions, deps: Deps): Promise<number> {
  const startedAt = deps.now();
  const seed = parseSeed(opts.seed, deps);
  const name = checkFlagValue("--name", values.personName, opts.name);
  // The signing code (zod schemas, keys, crypto) is loaded only for runs that use it.
  const summaryFlags = [opts.export, opts.key, opts.principal, opts.staffId, opts.email, opts.session, opts.force];
  const exportCode = summaryFlags.some((f) => f !== undefined && f !== false) ? await import("../export-summary.js") : undefined;
  exportCode?.checkSummaryFlags(opts);
  const bank = await loadBankOrFail(opts.bank, deps);
  if (opts.role !== undefined) checkRole(bank, opts.role);
  const exporting = opts.export !== undefined && opts.export !== false;
  if (exporting && opts.answers !== undefined && name === undefined) {
    throw new UsageError(
      "--export needs --name in a scripted run: a summary always names its person",
    );
  }

  let prompter: Prompter;
  let person: { name?: string; role?: string };
  let plan: ExportPlan | undefined;
  const scripted = opts.answers !== undefined;
  const out = deps.stdout;
  // Interactive output (welcome, progress, feedback) goes where the prompts go.
  const talk = opts.json ? deps.stderr : deps.stdout;
  const style = styleFor(talk, deps, opts.color);
  const width = outputWidth(talk);

  if (opts.answers !== undefined) {
    const answers = await readAnswers(opts.answers, bank, opts.role, deps);
    prompter = createScriptedPrompter(answers, { ...(opts.role ? { role: opts.role } : {}) });
    person = { ...(name ? { name } : {}), ...(opts.role ? { role: opts.role } : {}) };
    plan = await exportCode?.prepareExport(opts, deps, undefined);
  } else {
    if (!hasTerminal(deps, talk)) {
      throw new UsageError(
        "no terminal to ask the questions on; for a scripted run pass --answers FILE (see selfcheck run --help)",
      );
    }
    prompter = await terminalPrompter(deps, talk, opts.color);
    talk.write(`${welcome(bank, opts.mode, style, width)}\n\n`);
    plan = await exportCode?.prepareExport(opts, deps, prompter);
    person = {
      name:
        name ??
        (
          await prompter.input({ key: "name", message: "Your name", validate: validateName })
        ).trim(),
      role:
        opts.role ??
        (await prompter.select({
          key: "role",
          message: "Your role",
          choices: bank.roles.map((r) => ({ value: r.id, label: r.label })),
        })),
    };
  }

  if (plan && exportCode && plan.target === undefined) {
    // The default file name comes from the person's name: check it before the first question.
    plan.target = exportCode.defaultExportPath(person.name ?? "", startedAt, deps.cwd);
    checkWriteTarget(plan.target, plan.force, deps, "export");
  }

  const answers = await askQuestions({
    bank,
    ...(person.role ? { role: person.role } : {}),
    mode: opts.mode,
    seed,
    prompter,
    out: scripted ? { write: () => undefined } : talk,
    style,
    width,
  });
  const result = scoreAnswers(bank, answers, person.role ? { role: person.role } : {});
  const finishedAt = deps.now();

  // Written before anything is printed: if the export fails, the run fails (exit 2) as a whole.
  const exported =
    plan?.target === undefined || !exportCode
      ? undefined
      : await exportCode.writeSignedSummary(
          { ...plan, target: plan.target },
          {
            bank,
            result,
            name: person.name ?? "",
            role: person.role ?? null,
            mode: opts.mode,
            seed,
            startedAt,
            finishedAt,
          },
          deps,
        );

  if (opts.json) {
    writeJson(out, {
      ...buildRunReport({ bank, result, person, mode: opts.mode, seed, startedAt, finishedAt }),
      export: exported ?? null,
    });
  } else {
    const outStyle = styleFor(out, deps, opts.color);
    const outWidth = outputWidth(out);
    const parts = [
      "",
      outStyle.bold(`Results${person.name ? ` for ${person.name}` : ""}`),
      renderResultTable(result, outStyle, outWidth),
      "",
      renderVerdictAdvice(result, outStyle, outWidth),
    ];
    const revisit = renderRevisit(bank, result, outStyle, outWidth, opts.mode === "self");
    if (revisit !== "") parts.push("", revisit);
    if (exported) {
      parts.push(
        "",
        `${outStyle.good("Signed summary written to")} ${exported.file} (signed as ${exported.principal}, key ${exported.fingerprint})`,
      );
    }
    parts.push("", outStyle.dim(`Seed ${seed} · ${bank.id} ${bank.version}`));
    out.write(`${parts.join("\n")}\n`);
  }
  return result.overall.result === "fail" ? EXIT.negative : EXIT.ok;
}

async function readAnswers(
  file: string,
  bank: Bank,
  role: string | undefined,
  deps: Deps,
): Promise<Answers> {
  const abs = path.resolve(deps.cwd, file);
  const shown = displayFor(deps)(abs);
  const read = await readInput(abs, shown);
  if (!read.ok)
    throw new UsageError("cannot use the answers file", [formatLocated(read.diagnostic)]);
  // JSON is read without loading the YAML parser (a faster start for scripted runs in CI).
  const parsed = /\.json$/i.test(file)
    ? parseJson(read.bytes, shown)
    : (await import("../../bank/yaml-file.js")).parseYaml(read.bytes, shown);
  if (!parsed.ok)
    throw new UsageError("cannot use the answers file", parsed.diagnostics.map(formatLocated));
  const checked = checkAnswersFile(parsed.source, bank, role);
  if (checked.diagnostics.length > 0) {
    throw new UsageError("cannot use the answers file", checked.diagnostics.map(formatLocated));
  }
  return checked.answers;
}

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

function welcome(bank: Bank, mode: Mode, style: ReturnType<typeof styleFor>, width: number): string {
  const count = allQuestions(bank).length;
  return [
    style.bold(bank.title),
    wrap(`${bank.policy.organisation} · ${bank.policy.title} (updated ${formatPolicyDate(bank.policy.updated)})`, width),
    "",
    wrap(
      `About ${count} questions in ${bank.sections.length} sections; some depend on your role. ${
        mode === "training"
          ? "Training mode: you will see the answer and the policy's words after each question."
          : "You will see your result for each section, and an explanation of anything you missed, at the end."
      }`,
      width,
    ),
    style.dim(
      wrap(
        `${style.color ? "Use the arrow keys and Enter to answer." : "Answer each question by typing its number and Enter."} Ctrl-C stops at any time; nothing is saved.`,
        width,
      ),
    ),
  ].join("\n");
}

/** "2023-09" → "September 2023"; "2023-10-18" → "18 October 2023". */
export function formatPolicyDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m) return date;
  const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-GB", {
    month: "long",
    timeZone: "UTC",
  });
  return d ? `${d} ${month} ${y}` : `${month} ${y}`;
}

function parseSeed(value: string | undefined, deps: Deps): number {
  if (value === undefined) return deps.randomSeed();
  if (!/^\d+$/.test(value) || Number(value) > MAX_SEED) {
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, got "${value}"`);
  }
  return Number(value);
}

function checkRole(bank: Bank, role: string): void {
  if (!bank.roles.some((r) => r.id === role)) {
    throw new UsageError(
      `unknown role "${role}" (known: ${bank.roles.map((r) => r.id).join(", ")})`,
    );
  }
}

/** The prompt trims what was typed, then applies the same rule as --name and the summary. */
function validateName(value: string): string | true {
  const name = value.trim();
  if (name === "") return "Please enter your name.";
  const problem = values.personName.problem(name);
  return problem === undefined ? true : `Your name ${problem}.`;
}
