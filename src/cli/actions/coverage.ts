import { computeCoverage, meetsMinimum } from "../../bank/coverage.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { loadBankOrFail, styleFor, writeJson } from "../shared.js";

export interface CoverageOptions {
  bank?: string;
  min?: string;
  json?: boolean;
  color?: boolean;
}

export async function runCoverage(opts: CoverageOptions, deps: Deps): Promise<number> {
  const min = opts.min === undefined ? undefined : Number(opts.min);
  if (min !== undefined && (!/^\d+(\.\d+)?$/.test(opts.min ?? "") || min > 100)) {
    throw new UsageError(`--min must be a percentage from 0 to 100, got "${opts.min}"`);
  }
  const bank = await loadBankOrFail(opts.bank, deps);
  const coverage = computeCoverage(bank);
  const ok = min === undefined || meetsMinimum(coverage, min);
  if (opts.json) {
    writeJson(deps.stdout, { bank: { id: bank.id, version: bank.version }, ...coverage, min: min ?? null, ok });
    return ok ? EXIT.ok : EXIT.negative;
  }
  const style = styleFor(deps.stdout, deps, opts.color);
  const width = Math.max(...coverage.clauses.map((c) => c.id.length), 6);
  const lines = coverage.clauses.map((c) =>
    c.questions.length === 0
      ? `${style.bad(c.id.padEnd(width))}  ${style.bad("NOT TESTED")}`
      : `${c.id.padEnd(width)}  ${c.questions.join(", ")}`,
  );
  lines.push(
    "",
    `Clause coverage: ${coverage.covered} of ${coverage.total} clauses tested (${coverage.percentage.toFixed(1)}%)${min === undefined ? "" : `, minimum ${min}%`}`,
    coverage.uncovered.length === 0 ? style.good("Every clause is tested.") : `${style.bad("Not tested:")} ${coverage.uncovered.join(", ")}`,
  );
  if (!ok) lines.push(style.bad(`✗ below the minimum of ${min}%`));
  deps.stdout.write(`${lines.join("\n")}\n`);
  return ok ? EXIT.ok : EXIT.negative;
}
