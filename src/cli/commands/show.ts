import type { Command } from "commander";
import type { ShowOptions } from "../actions/show.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck show`; the work is imported only when the command runs (fast start-up). */
export function registerShow(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("show")
    .description("print the resolved bank: sections, questions, options and keyed answers")
    .option("--bank <dir>", "bank folder (default: the bank shipped with the tool)")
    .option("--role <id>", "only the questions that apply to this role")
    .option("--json", "print the bank as JSON, for tools")
    .addHelpText(
      "after",
      `
Keyed (correct) options are marked with ✓ and "(keyed)". Critical questions fail their
section when answered wrongly.

Examples:
  $ selfcheck show
  $ selfcheck show --role volunteer
  $ selfcheck show --json | jq '.sections[].questions[] | select(.critical) | .id'`,
    )
    .action((opts: ShowOptions) =>
      run(import("../actions/show.js").then((m) => m.runShow(opts, deps))),
    );
}
