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
    .option("--roster <file>", "staff list (CSV: name, role, staff id and/or email): everyone who must have done it")
    .option("--expiring-within <days>", "a pass that runs out within this many days is 'expiring'", "30")
    .option("--only <statuses>", "list only people with these statuses (valid, expiring, expired, not-passed, missing), e.g. missing,expiring")
    .addHelpText(
      "after",
      `
The compliance register. Every file (or every *.json in a folder) is verified as selfcheck verify
does; files that do not verify are listed with the reason and never counted. A summary counts for
a person only when its signer is that person (signer principal = the summary's email) or a
--trainer. Copies of one summary count as one attempt.

With --roster, everyone on the staff list appears once, matched to their summaries by staff id,
then email, then name (a name that fits two people is reported, never guessed); people with
summaries who are not on the roster are listed apart. Without it, everyone with a summary
appears. Each person's latest attempt decides their status: valid, expiring (within
--expiring-within days, default 30), expired, not passed, or missing (no verified summary).
Compliant = valid or expiring. The CSV (UTF-8 with a BOM, for Excel) has one row per person with
a next_action column for a mail merge; --only narrows every format to some statuses.

Exit codes: 0 every file verified, 1 some file did not verify, 2 unusable input.

Examples:
  $ selfcheck report summaries/ --allowed-signers allowed_signers --trainer trainer@school.example
  $ selfcheck report summaries/ --allowed-signers allowed_signers --roster staff.csv --format html --output register.html
  $ selfcheck report summaries/ --allowed-signers allowed_signers --roster staff.csv --only missing,expired,expiring --format csv --output chase.csv
  $ selfcheck report summaries/*.json --allowed-signers allowed_signers --format csv --session "Induction 2026-11"
  $ selfcheck report summaries/ --allowed-signers allowed_signers --at 2027-09-01 --format json`,
    )
    .action((paths: string[], opts: Omit<ReportOptions, "paths">) =>
      run(import("../actions/report.js").then((m) => m.runReport({ ...opts, paths }, deps))),
    );
}
