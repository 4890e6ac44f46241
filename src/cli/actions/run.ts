import { scoreAnswers } from "../../engine/score.js";
import { buildRunReport } from "../../report/run-json.js";
import { outputWidth } from "../../util/text.js";
import type { Prompter } from "../../session/prompter.js";
import type { Mode } from "../../engine/mode.js";
import { askQuestions } from "../../session/questionnaire.js";
import { createScriptedPrompter } from "../../session/scripted-prompter.js";
import { progressOf } from "../../session/progress.js";
import type { RunProgress } from "../progress-file.js";
import * as values from "../../bank/values.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { checkFlagValue } from "../flag-values.js";
import { checkRoleFlag, parseSeed } from "../flags.js";
import { readAnswers } from "../run-input.js";
import { loadBankOrFail, styleFor, writeJson } from "../shared.js";
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
  /** `--no-resume`: start afresh even when an unfinished run of this bank was saved. */
  resume?: boolean;
}

export async function runRun(opts: RunOptions, deps: Deps): Promise<number> {
  let startedAt = deps.now();
  let seed = parseSeed(opts.seed, deps);
  let mode = opts.mode;
  const name = checkFlagValue("--name", values.personName, opts.name);
  // The signing code (zod schemas, keys, crypto) is loaded only for runs that use it.
  const summaryFlags = [opts.export, opts.key, opts.principal, opts.staffId, opts.email, opts.session, opts.force];
  const exportCode = summaryFlags.some((f) => f !== undefined && f !== false) ? await import("../export-summary.js") : undefined;
  exportCode?.checkSummaryFlags(opts);
  const bank = await loadBankOrFail(opts.bank, deps);
  if (opts.role !== undefined) checkRoleFlag(bank, opts.role);
  const exporting = opts.export !== undefined && opts.export !== false;
  if (exporting && opts.answers !== undefined && name === undefined) {
    throw new UsageError(
      "--export needs --name in a scripted run: a summary always names its person",
    );
  }

  let prompter: Prompter;
  let person: { name?: string; role?: string };
  let plan: ExportPlan | undefined;
  let progress: RunProgress | undefined;
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
    // Loaded only for interactive runs: it brings the prompts and the welcome's text layout.
    const { startInteractiveRun } = await import("../run-start.js");
    const start = await startInteractiveRun({ opts, name, bank, deps, talk, style, width, exportCode });
    ({ prompter, person, plan, progress } = start);
    if (start.resumed) {
      // The saved run's own mode, seed and start: the answers given belong to them.
      startedAt = new Date(start.resumed.startedAt);
      seed = start.resumed.seed;
      mode = start.resumed.mode;
    }
  }

  if (plan && exportCode && plan.target === undefined) {
    // The default file name comes from the person's name: check it before the first question.
    plan.target = await exportCode.chooseDefaultTarget(plan, person.name ?? "", startedAt, deps);
  }

  const identity = { name: person.name ?? "", role: person.role ?? "", mode, seed, startedAt };
  const answers = await askQuestions({
    bank,
    ...(person.role ? { role: person.role } : {}),
    mode,
    seed,
    prompter,
    out: scripted ? { write: () => undefined } : talk,
    style,
    width,
    height: talk.rows ?? 24,
    // Interactive only: saved after every answer, and a list to check and change at the end.
    ...(progress
      ? {
          answered: new Map(Object.entries(progress.resumed?.answers ?? {})),
          onAnswer: (given: ReadonlyMap<string, readonly string[]>) => progress?.save(progressOf(bank, identity, given)),
          review: true,
        }
      : {}),
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
            mode,
            seed,
            startedAt,
            finishedAt,
          },
          deps,
        );
  // Finished: the progress kept for a resume is removed (after the export, which may fail and be retried).
  progress?.finish();

  if (opts.json) {
    writeJson(out, {
      ...buildRunReport({ bank, result, person, mode, seed, startedAt, finishedAt }),
      export: exported ?? null,
    });
  } else {
    const { renderRunResult } = await import("../../report/run-result.js");
    const text = renderRunResult({ bank, result, name: person.name, mode, seed, exported }, styleFor(out, deps, opts.color), outputWidth(out));
    out.write(`${text}\n`);
  }
  return result.overall.result === "fail" ? EXIT.negative : EXIT.ok;
}
