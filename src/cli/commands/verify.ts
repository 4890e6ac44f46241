import type { Command } from "commander";
import type { VerifyCommandOptions } from "../actions/verify.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck verify`; the work is imported only when the command runs. */
export function registerVerify(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("verify")
    .description("check signed summaries against an allowed_signers file")
    .argument("<files...>", "signed summary files")
    .requiredOption(
      "--allowed-signers <file>",
      "OpenSSH allowed_signers file: who may sign, with which key",
    )
    .option(
      "--at <date>",
      "judge expiry and key validity at this date (YYYY-MM-DD, or an ISO time with a zone such as 2026-11-24T09:30Z; default: now)",
    )
    .option(
      "--trainer <principal>",
      "a signer who may attest for anyone (repeatable; allowed_signers patterns like *@school.example)",
      collect,
      [],
    )
    .option("--bank <dir>", "also require each summary to be for exactly this bank's content")
    .option("--json", "print the results as JSON")
    .addHelpText(
      "after",
      `
A summary verifies when its signature is valid, made by a key that allowed_signers lists for
the summary's signer principal (within the key's valid-after/valid-before and namespaces), and
it has not expired. The key inside a summary is never trusted by itself. A signature counts
for a person only when the signer is that person (the signer principal is the summary's email)
or a trainer named with --trainer: a colleague's key cannot attest for someone else.

Exit codes: 0 every file verified, 1 a file did not verify, 2 a file or allowed_signers is
unreadable or not a summary at all.

Examples:
  $ selfcheck verify selfcheck-sam-patel-2026-11-24.json --allowed-signers allowed_signers
  $ selfcheck verify summaries/*.json --allowed-signers allowed_signers --trainer trainer@school.example
  $ selfcheck verify summaries/*.json --allowed-signers allowed_signers --at 2027-06-01
  $ selfcheck verify s.json --allowed-signers allowed_signers --bank ./questions --json`,
    )
    .action((files: string[], opts: Omit<VerifyCommandOptions, "files">) =>
      run(import("../actions/verify.js").then((m) => m.runVerify({ ...opts, files }, deps))),
    );
}

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
