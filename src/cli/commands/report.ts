import { type Command, Option } from "commander";
import type { ReportOptions } from "../actions/report.js";
import type { Deps } from "../deps.js";
import { collect } from "./verify.js";

/** Registers `selfcheck report`; the work is imported only when the command runs. */
export function registerReport(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("report")
    .description("aggregate many signed summaries for a trainer: people, pass rates, compliance")
    .argument("<paths...>", "summary files, or folders of them (*.json)")
    .requiredOption("--allowed-signers <file>", "OpenSSH allowed_signers file: whose signatures count")
    .option("--trainer <principal>", "a signer who may attest for anyone (repeatable; allowed_signers patterns)", collect, [])
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json", "html"]).default("table"))
    .option("--output <file>", "write the report to a file (atomically) instead of stdout")
    .option("--force", "replace an existing --output file")
    .option("--at <date>", "judge compliance at this date (default: now)")
    .option("--session <label>", "only summaries from this session")
    .option("--since <date>", "only summaries finished on or after this date")
    .option("--bank <dir>", "bank for section titles and question text (default: the shipped bank)")
    .addHelpText(
      "after",
      `
Every file is verified as selfcheck verify does; files that do not verify are listed with the
reason and never counted. A summary counts for a person only when its signer is that
person (signer principal = the summary's email) or a --trainer. Each person appears once, with their latest attempt (grouped by staff
id or email when the summary has one, else by name) and their number of attempts. Status:
valid, expires within 30 days, expired, or not passed.

Exit codes: 0 every file verified, 1 some file did not verify, 2 unusable input.

Examples:
  $ selfcheck report summaries/ --allowed-signers allowed_signers --trainer trainer@school.example
  $ selfcheck report summaries/ --allowed-signers allowed_signers --format html --output report.html
  $ selfcheck report summaries/*.json --allowed-signers allowed_signers --format csv --session "Induction 2026-11"
  $ selfcheck report summaries/ --allowed-signers allowed_signers --at 2027-09-01 --format json`,
    )
    .action((paths: string[], opts: Omit<ReportOptions, "paths">) =>
      run(import("../actions/report.js").then((m) => m.runReport({ ...opts, paths }, deps))),
    );
}
