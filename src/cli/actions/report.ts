import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describeFsError, readInput } from "../../bank/read-input.js";
import {
  aggregateReport,
  COMPLIANCE,
  type Compliance,
  type RejectedFile,
  type VerifiedSummary,
} from "../../report/aggregate-report.js";
import { renderReportCsv } from "../../report/report-csv.js";
import { outputWidth } from "../../util/text.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import type { Bank } from "../../bank/bank.js";
import { displayFor, formatLocated, loadAllowedSignersOrFail, loadBankOrFail, styleFor, threadsFor } from "../shared.js";
import { verifyFiles } from "../../summary/verify-files.js";
import { parseDate } from "../flags.js";
import { escapeJsonText } from "../../util/escape.js";
import { writeOutput } from "../write-output.js";

export interface ReportOptions {
  paths: string[];
  allowedSigners: string;
  format: "table" | "csv" | "json" | "html";
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

  const verified: VerifiedSummary[] = [];
  const notVerified: RejectedFile[] = [];
  const toVerify = files.map((abs) => ({ abs, shown: show(abs) }));
  const options = { signers: signers, at, allowExpired: true, trainers: opts.trainer ?? [] };
  let i = 0;
  for await (const outcome of verifyFiles(toVerify, options, { threads: threadsFor(deps) })) {
    const shown = (toVerify[i++] as { shown: string }).shown;
    if (outcome.status === "verified" && outcome.summary) {
      verified.push({ file: shown, summary: outcome.summary, keyFingerprint: outcome.keyFingerprint ?? "" });
    } else {
      const where = outcome.line !== undefined ? `:${outcome.line}:${outcome.col}` : "";
      notVerified.push({ file: `${shown}${where}`, reason: outcome.reason });
    }
  }
  notVerified.sort((a, b) => a.file.localeCompare(b.file));

  const bank = await bankFor(opts.bank, deps);
  const labelBank = bank && madeWith(bank, verified, opts.bank !== undefined) ? bank : undefined;
  const roster = opts.roster === undefined ? undefined : await readRoster(opts.roster, bank, deps);
  const report = aggregateReport({
    verified,
    notVerified,
    at,
    expiringWithinDays,
    ...(opts.session === undefined ? {} : { session: opts.session }),
    ...(since === undefined ? {} : { since }),
    ...(labelBank ? { labels: labelsOf(labelBank), fallback: { organisation: labelBank.policy.organisation, policy: labelBank.policy.title, bank: { id: labelBank.id, version: labelBank.version } } } : {}),
    ...(roster ? { roster } : {}),
    ...(only ? { only } : {}),
  });

  let text: string;
  switch (opts.format) {
    case "json":
      text = `${escapeJsonText(JSON.stringify(report, null, 2))}\n`;
      break;
    case "csv":
      text = renderReportCsv(report);
      break;
    case "html": {
      const { renderReportHtml } = await import("../../report/report-html.js");
      text = renderReportHtml(report);
      break;
    }
    default: {
      const toTerminal = opts.output === undefined;
      const style = styleFor(toTerminal ? deps.stdout : { isTTY: false, write: () => true }, deps, opts.color);
      // A terminal gets its own width; a pipe or file gets room for the whole table.
      const width = toTerminal && deps.stdout.isTTY ? outputWidth(deps.stdout) : 160;
      // Display-width measuring (string-width) is slow to load; only the table needs it.
      const { renderReportText } = await import("../../report/report-text.js");
      text = `${renderReportText(report, style, width)}\n`;
    }
  }
  await writeOutput(text, opts.output, opts.force === true, deps);
  if (opts.output !== undefined) {
    deps.stderr.write(
      `${report.people.length} ${report.people.length === 1 ? "person" : "people"}, ${report.files.verified} verified, ${report.files.notVerified} not verified; report written to ${show(path.resolve(deps.cwd, opts.output))}\n`,
    );
  }
  return notVerified.length > 0 ? EXIT.negative : EXIT.ok;
}

async function collectFiles(paths: string[], show: (p: string) => string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    // An unreadable folder (EACCES for a non-root user) is unusable input, named, never a trace.
    const unusable = (error: unknown): never => {
      throw new UsageError(`${show(p)}: ${describeFsError(error)}`);
    };
    const info = await stat(p).catch(unusable);
    if (info.isDirectory()) {
      const names = (await readdir(p).catch(unusable)).filter((n) => n.endsWith(".json")).sort();
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return [...new Set(files)];
}

/** The bank for labels; the shipped one when none is named, and none when it does not load. */
async function bankFor(bankOption: string | undefined, deps: Deps): Promise<Bank | undefined> {
  try {
    return await loadBankOrFail(bankOption, deps);
  } catch (error) {
    // The shipped bank only adds labels; a bank the trainer names must be valid.
    if (bankOption === undefined) return undefined;
    throw error;
  }
}

/**
 * Whether the summaries were made with this bank, so its titles and prompts label them: every
 * verified summary names its id (a newer version of the same bank keeps its ids' meaning). The
 * shipped bank, used when no --bank is given, must also be named by at least one summary; another
 * school's summaries are shown by their ids rather than under the default bank's titles.
 */
function madeWith(bank: Bank, verified: readonly VerifiedSummary[], named: boolean): boolean {
  if (!named && verified.length === 0) return false;
  return verified.every((v) => v.summary.bank.id === bank.id);
}

/** Section titles, question prompts and role labels for the report. */
function labelsOf(bank: Bank) {
  return {
    sections: new Map(bank.sections.map((s) => [s.id, s.title])),
    questions: new Map(bank.sections.flatMap((s) => s.questions.map((q) => [q.id, q.prompt] as const))),
    roles: new Map(bank.roles.map((r) => [r.id, r.label])),
  };
}

/** The staff list; csv-parse is loaded only here, when a roster is given. */
async function readRoster(file: string, bank: Bank | undefined, deps: Deps) {
  const show = displayFor(deps);
  const abs = path.resolve(deps.cwd, file);
  const read = await readInput(abs, show(abs), { maxBytes: 16 * 1024 * 1024 });
  if (!read.ok) throw new UsageError("cannot use the roster", [formatLocated(read.diagnostic)]);
  const { parseRoster, RosterError } = await import("../../report/roster.js");
  try {
    return { file: show(abs), people: parseRoster(read.bytes, show(abs), bank?.roles ?? []) };
  } catch (error) {
    if (error instanceof RosterError) throw new UsageError("cannot use the roster", error.problems);
    throw error;
  }
}

function parseDays(value: string | undefined): number {
  if (value === undefined) return 30;
  if (!/^\d{1,4}$/.test(value.trim())) throw new UsageError(`--expiring-within "${value}" is not a number of days (e.g. 30)`);
  return Number(value.trim());
}

function parseOnly(value: string | undefined): Compliance[] | undefined {
  if (value === undefined) return undefined;
  const wanted = value.split(",").map((v) => v.trim().toLowerCase().replace(/\s+/g, "-"));
  const unknown = wanted.filter((v) => !(COMPLIANCE as readonly string[]).includes(v));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new UsageError(`--only "${value}": use any of ${COMPLIANCE.join(", ")}, separated by commas`);
  }
  return wanted as Compliance[];
}
