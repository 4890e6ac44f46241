import path from "node:path";
import type { RegisterEntry } from "../../report/attempt.js";
import { createReportAggregator, type ReportAggregator } from "../../report/aggregate-report.js";
import { bankLabels } from "../../report/bank-labels.js";
import { type ReportFormat, renderReport } from "../../report/render-report.js";
import { verifyFiles } from "../../report/verify-files.js";
import { outputWidth } from "../../util/text.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { parseDate } from "../flags.js";
import { bankFor, collectFiles, parseDays, parseOnly, readRoster } from "../report-input.js";
import { displayFor, loadAllowedSignersOrFail, styleFor, threadsFor } from "../shared.js";
import { writeOutput } from "../write-output.js";

export interface ReportOptions {
  paths: string[];
  allowedSigners: string;
  format: ReportFormat;
  output?: string;
  force?: boolean;
  at?: string;
  session?: string;
  since?: string;
  bank?: string;
  trainer?: string[];
  roster?: string;
  expiringWithin?: string;
  only?: string;
  color?: boolean;
}

export async function runReport(opts: ReportOptions, deps: Deps): Promise<number> {
  const at = opts.at === undefined ? deps.now() : parseDate(opts.at, "--at");
  const since = opts.since === undefined ? undefined : parseDate(opts.since, "--since");
  const show = displayFor(deps);
  const expiringWithinDays = parseDays(opts.expiringWithin);
  const only = parseOnly(opts.only);

  const signers = await loadAllowedSignersOrFail(opts.allowedSigners, deps);

  const files = await collectFiles(opts.paths.map((p) => path.resolve(deps.cwd, p)), show);
  // With a roster, an empty folder is a real answer: everyone is missing.
  if (files.length === 0 && opts.roster === undefined) {
    throw new UsageError(`no summary files (*.json) in ${opts.paths.join(", ")}`);
  }

  // The bank and roster first: the register matches each summary to a roster person as it comes.
  const bank = await bankFor(opts.bank, deps);
  const roster = opts.roster === undefined ? undefined : await readRoster(opts.roster, bank, deps);
  const register = createReportAggregator({
    at,
    expiringWithinDays,
    ...(opts.session === undefined ? {} : { session: opts.session }),
    ...(since === undefined ? {} : { since }),
    ...(roster ? { roster } : {}),
    ...(only ? { only } : {}),
  });
  // Each outcome goes straight into the register as a compact record; no summary is kept.
  const toVerify = files.map((abs) => ({ abs, shown: show(abs) }));
  const options = { signers: signers, at, allowExpired: true, trainers: opts.trainer ?? [] };
  for await (const batch of verifyFiles(toVerify, options, { threads: threadsFor(deps), view: "register" })) {
    addToRegister(register, batch);
  }
  const report = register.finish(bank ? bankLabels(bank, register.bankIds, opts.bank !== undefined) : undefined);

  const toTerminal = opts.output === undefined;
  const text = await renderReport(report, opts.format, {
    style: styleFor(toTerminal ? deps.stdout : { isTTY: false, write: () => true }, deps, opts.color),
    // A terminal gets its own width; a pipe or file gets room for the whole table.
    width: toTerminal && deps.stdout.isTTY ? outputWidth(deps.stdout) : 160,
  });
  await writeOutput(text, opts.output, opts.force === true, deps);
  if (opts.output !== undefined) {
    deps.stderr.write(
      `${report.people.length} ${report.people.length === 1 ? "person" : "people"}, ${report.files.verified} verified, ${report.files.notVerified} not verified; report written to ${show(path.resolve(deps.cwd, opts.output))}\n`,
    );
  }
  return report.files.notVerified > 0 ? EXIT.negative : EXIT.ok;
}

/**
 * A batch of files into the register. Apart from runReport so that V8 optimises this small loop
 * (it runs once per file) rather than compiling the whole command on the stack.
 */
function addToRegister(register: ReportAggregator, entries: readonly RegisterEntry[]): void {
  for (const entry of entries) {
    if ("attempt" in entry) register.add(entry.attempt);
    else register.reject(entry.rejected.file, entry.rejected.reason);
  }
}
