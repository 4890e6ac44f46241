import type { Command } from "commander";
import type { CoverageOptions } from "../actions/coverage.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck coverage`; the work is imported only when the command runs. */
export function registerCoverage(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("coverage")
    .description("which policy clauses no question tests")
    .option("--bank <dir>", "bank folder (default: the bank shipped with the tool)")
    .option("--min <percent>", "exit 1 when fewer than this percentage of clauses are tested")
    .option("--json", "print the coverage as JSON")
    .addHelpText(
      "after",
      `
Lists every clause of policy.yaml with the questions that cite it, then the uncovered ones.
Exit codes: 0 (at or above --min), 1 below --min, 2 an invalid bank or --min.

Examples:
  $ selfcheck coverage
  $ selfcheck coverage --bank ./my-bank --min 100
  $ selfcheck coverage --json | jq -r '.uncovered[]'`,
    )
    .action((opts: CoverageOptions) =>
      run(import("../actions/coverage.js").then((m) => m.runCoverage(opts, deps))),
    );
}
