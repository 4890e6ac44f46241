import { Option, type Command } from "commander";
import type { TestOptions } from "../actions/test.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck test`; the work is imported only when the command runs. */
export function registerTest(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("test")
    .description("run regression scenarios (answers + expected results) against a bank")
    .argument("[paths...]", "scenario files or folders (default: the bank's scenarios/)")
    .option("--bank <dir>", "bank folder (default: the bank shipped with the tool)")
    .option("--filter <text>", "only scenarios whose name or file contains this text (case-insensitive)")
    .addOption(new Option("--reporter <name>", "output format").choices(["pretty", "json", "junit"]).default("pretty"))
    .option("--output <file>", "write the report to a file instead of stdout")
    .option("--force", "replace an existing --output file")
    .addHelpText(
      "after",
      `
A scenario file:
  name: accepting a current pupil's friend request fails safeguarding
  base: all-correct          # or all-wrong, or none
  role: teacher              # optional
  answers:
    safeguarding-current-pupil-request: accept
  expect:
    overall: fail
    sections: { safeguarding: fail, scope: pass }
    missed: [safeguarding-current-pupil-request]   # optional, exact
    criticalMissed: [safeguarding-current-pupil-request]
    flagged: false

Scenarios are scored by the same code as selfcheck run. Exit codes: 0 all passed, 1 a scenario
failed, 2 an unusable scenario or bank (every problem as file:line:col).

Examples:
  $ selfcheck test
  $ selfcheck test --bank ./my-bank --reporter junit --output junit.xml
  $ selfcheck test questions/scenarios/critical-*.yaml --filter safeguarding`,
    )
    .action((paths: string[], opts: Omit<TestOptions, "paths">) =>
      run(import("../actions/test.js").then((m) => m.runTest({ ...opts, paths }, deps))),
    );
}
