import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { formatDiagnostic } from "../../util/diagnostic.js";
import { readInput } from "../../bank/read-input.js";
import { aggregateReport, type RejectedFile, type VerifiedSummary } from "../../report/aggregate-report.js";
import { renderReportCsv } from "../../report/report-csv.js";
import { renderReportText } from "../../report/report-text.js";
import { outputWidth } from "../../util/text.js";
import { parseAllowedSigners } from "../../summary/allowed-signers.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import type { Bank } from "../../bank/bank.js";
import { displayFor, formatLocated, loadBankOrFail, styleFor } from "../shared.js";
import { verifyFile } from "../../summary/verify-file.js";
import { parseDate } from "../flags.js";
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
  color?: boolean;
}

/** Files are read and verified a few at a time: fast on 10,000 files, without opening them all at once. */
const CONCURRENCY = 32;

export async function runReport(opts: ReportOptions, deps: Deps): Promise<number> {
  const at = opts.at === undefined ? deps.now() : parseDate(opts.at, "--at");
  const since = opts.since === undefined ? undefined : parseDate(opts.since, "--since");
  const show = displayFor(deps);

  const signersPath = path.resolve(deps.cwd, opts.allowedSigners);
  const read = await readInput(signersPath, show(signersPath), { maxBytes: 4 * 1024 * 1024 });
  if (!read.ok) throw new UsageError("cannot use the allowed signers file", [formatLocated(read.diagnostic)]);
  const parsed = parseAllowedSigners(new TextDecoder().decode(read.bytes), show(signersPath));
  if (parsed.diagnostics.length > 0) throw new UsageError("cannot use the allowed signers file", parsed.diagnostics.map(formatDiagnostic));

  const files = await collectFiles(opts.paths.map((p) => path.resolve(deps.cwd, p)), show);
  if (files.length === 0) throw new UsageError(`no summary files (*.json) in ${opts.paths.join(", ")}`);

  const verified: VerifiedSummary[] = [];
  const notVerified: RejectedFile[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const abs = files[next++] as string;
      const outcome = await verifyFile(abs, show(abs), {
        signers: parsed.signers,
        at,
        allowExpired: true,
        trainers: opts.trainer ?? [],
      });
      if (outcome.status === "verified" && outcome.summary) {
        verified.push({ file: show(abs), summary: outcome.summary, keyFingerprint: outcome.keyFingerprint ?? "" });
      } else {
        const where = outcome.line !== undefined ? `:${outcome.line}:${outcome.col}` : "";
        notVerified.push({ file: `${show(abs)}${where}`, reason: outcome.reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  notVerified.sort((a, b) => a.file.localeCompare(b.file));

  const labels = await bankLabels(opts.bank, deps);
  const report = aggregateReport({
    verified,
    notVerified,
    at,
    ...(opts.session === undefined ? {} : { session: opts.session }),
    ...(since === undefined ? {} : { since }),
    ...(labels ? { labels } : {}),
  });

  let text: string;
  switch (opts.format) {
    case "json":
      text = `${JSON.stringify(report, null, 2)}\n`;
      break;
    case "csv":
      text = renderReportCsv(report);
      break;
    case "html": {
      const { renderReportHtml } = await import("../../report/report-html.js");
      text = renderReportHtml(report, "Policy self-check report");
      break;
    }
    default: {
      const toTerminal = opts.output === undefined;
      const style = styleFor(toTerminal ? deps.stdout : { isTTY: false, write: () => true }, deps, opts.color);
      // A terminal gets its own width; a pipe or file gets room for the whole table.
      const width = toTerminal && deps.stdout.isTTY ? outputWidth(deps.stdout) : 160;
      text = `${renderReportText(report, style, width)}\n`;
    }
  }
  await writeOutput(text, opts.output, opts.force === true, deps);
  if (opts.output !== undefined) {
    deps.stderr.write(
      `${report.people.length} people, ${report.files.verified} verified, ${report.files.notVerified} not verified; report written to ${show(path.resolve(deps.cwd, opts.output))}\n`,
    );
  }
  return notVerified.length > 0 ? EXIT.negative : EXIT.ok;
}

async function collectFiles(paths: string[], show: (p: string) => string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new UsageError(`${show(p)}: no such file or folder`);
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => n.endsWith(".json")).sort();
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return [...new Set(files)];
}

/** Titles and prompts for the report, from the bank when it loads; ids alone otherwise. */
async function bankLabels(bankOption: string | undefined, deps: Deps) {
  let bank: Bank;
  try {
    bank = await loadBankOrFail(bankOption, deps);
  } catch (error) {
    // The shipped bank only adds labels; a bank the trainer names must be valid.
    if (bankOption === undefined) return undefined;
    throw error;
  }
  return {
    sections: new Map(bank.sections.map((s) => [s.id, s.title])),
    questions: new Map(bank.sections.flatMap((s) => s.questions.map((q) => [q.id, q.prompt] as const))),
  };
}
