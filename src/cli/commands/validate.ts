import type { Command } from "commander";
import type { ValidateOptions } from "../actions/validate.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck validate`; the work is imported only when the command runs (fast start-up). */
export function registerValidate(
  program: Command,
  deps: Deps,
  run: (code: Promise<number>) => void,
) {
  program
    .command("validate")
    .description("check a question bank: schema, ids, keyed answers, clauses, sections, quotes")
    .option("--bank <dir>", "bank folder (default: the bank shipped with the tool)")
    .option("--json", "print {ok, diagnostics} as JSON")
    .option("--strict", "treat warnings as errors")
    .addHelpText(
      "after",
      `
Every problem is printed as file:line:col severity message.
Exit codes: 0 valid, 2 invalid (or unreadable).

Examples:
  $ selfcheck validate
  $ selfcheck validate --bank ./my-policy-bank
  $ selfcheck validate --bank ./my-policy-bank --json | jq '.diagnostics[]'`,
    )
    .action((opts: ValidateOptions) =>
      run(import("../actions/validate.js").then((m) => m.runValidate(opts, deps))),
    );
}
