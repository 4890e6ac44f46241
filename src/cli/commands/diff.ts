import type { Command } from "commander";
import type { DiffOptions } from "../actions/diff.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck diff`; the work is imported only when the command runs. */
export function registerDiff(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("diff")
    .description("what changed between two versions of a bank, and which sections must be redone")
    .argument("<old-bank>", "the bank folder before")
    .argument("<new-bank>", "the bank folder after")
    .option("--json", "print the differences as JSON")
    .addHelpText(
      "after",
      `
Lists clauses added, removed or reworded; questions added, removed or changed (prompt, options,
keyed answers, critical, ...); and the sections whose existing summaries should be redone.
Explanation-only edits are listed but do not ask anyone to redo a section.
Exit codes, as diff(1): 0 identical, 1 different, 2 an invalid bank.

Examples:
  $ selfcheck diff ../bank-2025 ./questions
  $ git worktree add /tmp/old v1.0.0 && selfcheck diff /tmp/old/questions ./questions --json`,
    )
    .action((oldBank: string, newBank: string, opts: Omit<DiffOptions, "oldBank" | "newBank">) =>
      run(import("../actions/diff.js").then((m) => m.runDiff({ ...opts, oldBank, newBank }, deps))),
    );
}
