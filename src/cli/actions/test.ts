import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Bank } from "../../bank/bank.js";
import { checkScenarios, findScenarioFiles, parseScenarioFiles } from "../../session/load-scenarios.js";
import { runScenario } from "../../engine/scenario.js";
import { renderJunit } from "../../report/junit.js";
import { createStyle } from "../../report/style.js";
import { renderPretty, type TimedOutcome, toJson, toJunitCases } from "../../report/scenario-report.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { displayFor, formatLocated, loadBankOrFail, resolveBankDir, styleFor, threadsFor } from "../shared.js";
import { escapeJsonText } from "../../util/escape.js";
import { writeOutput } from "../write-output.js";

export interface TestOptions {
  paths: string[];
  bank?: string;
  filter?: string;
  reporter: "pretty" | "json" | "junit";
  output?: string;
  force?: boolean;
  color?: boolean;
}

export async function runTest(opts: TestOptions, deps: Deps): Promise<number> {
  const startedAt = deps.now();
  const paths =
    opts.paths.length > 0
      ? opts.paths.map((p) => path.resolve(deps.cwd, p))
      : [path.join(resolveBankDir(opts.bank, deps), "scenarios")];
  const found = await findScenarioFiles(paths);
  const display = displayFor(deps);
  // The scenario files are parsed on other cores while this thread loads the bank (once); then
  // each is checked against it here.
  let stopped = false;
  const parsing = parseScenarioFiles(found.files, display, { workers: threadsFor(deps) - 1, stopped: () => stopped });
  parsing.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  let bank: Bank;
  try {
    bank = await loadBankOrFail(opts.bank, deps);
  } catch (error) {
    stopped = true;
    await parsing.catch(() => undefined);
    throw error;
  }
  const loaded = await checkScenarios(found.files, await parsing, bank);
  const problems = [...found.diagnostics.map((d) => ({ ...d, file: display(d.file) })), ...loaded.diagnostics];
  if (problems.length > 0) {
    throw new UsageError(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the scenarios; nothing was run`,
      problems.map(formatLocated),
    );
  }
  const needle = opts.filter?.toLowerCase();
  const selected = loaded.scenarios.filter(
    (s) => needle === undefined || s.name.toLowerCase().includes(needle) || s.file.toLowerCase().includes(needle),
  );
  if (selected.length === 0) {
    throw new UsageError(
      loaded.scenarios.length === 0 ? `no scenario files in ${paths.map(display).join(", ")}` : `no scenario matches --filter "${opts.filter}"`,
    );
  }

  const outcomes: TimedOutcome[] = selected.map((scenario) => {
    const t0 = performance.now();
    const { result, mismatches } = runScenario(bank, scenario);
    // Only the per-section results are reported: drop the per-question detail at once, so
    // 1,000 scenarios of a 2,000-question bank do not hold two million outcomes in memory.
    return { scenario, mismatches, result: { ...result, questions: [] }, seconds: (performance.now() - t0) / 1000 };
  });

  // A report written to a file never carries colour codes.
  const style = opts.output === undefined ? styleFor(deps.stdout, deps, opts.color) : createStyle(false);
  const report =
    opts.reporter === "junit"
      ? renderJunit({ name: `${bank.id} ${bank.version}`, timestamp: startedAt, cases: toJunitCases(outcomes) })
      : opts.reporter === "json"
        ? `${escapeJsonText(JSON.stringify(toJson(outcomes, { id: bank.id, version: bank.version }), null, 2))}\n`
        : `${renderPretty(outcomes, style)}\n`;
  await writeOutput(report, opts.output, opts.force === true, deps);
  if (opts.output !== undefined) {
    const failed = outcomes.filter((o) => o.mismatches.length > 0).length;
    deps.stderr.write(`${outcomes.length - failed} passed, ${failed} failed; report written to ${display(path.resolve(deps.cwd, opts.output))}\n`);
  }
  return outcomes.every((o) => o.mismatches.length === 0) ? EXIT.ok : EXIT.negative;
}
