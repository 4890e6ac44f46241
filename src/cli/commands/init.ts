import type { Command } from "commander";
import type { InitOptions } from "../actions/init.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck init`; the work is imported only when the command runs. */
export function registerInit(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("init")
    .description("scaffold a new bank for another policy")
    .argument("<dir>", "folder to create (must not exist, or be empty)")
    .option("--id <id>", "bank id, kebab-case (default: the folder's name)")
    .option("--title <text>", "the policy's title (default: the first line of --from, else Policy)")
    .option("--from <file>", "draft the bank from the policy's text: plain text or Markdown, UTF-8")
    .option("--organisation <text>", "who the policy belongs to", "Our school")
    .addHelpText(
      "after",
      `
Without --from: an example bank, a short sample policy with one annotated question of every
type (single, multi, yesno, public-test), critical and roles, and two scenarios. It passes
validate, test and coverage as it is; comments in each file say what to change.

With --from: your policy split into policy.yaml clauses (one per sentence or bullet, verbatim,
numbered by the policy's own numbering where it has one), one section file per heading with a
single example question, and policy.txt. It passes validate; TODOs are listed as warnings until
they are filled in. Save a Word document as "Plain Text (.txt)" with UTF-8 encoding; for a
PDF, run: pdftotext -layout policy.pdf policy.txt. Guide: docs/writing-a-bank.md

Examples:
  $ selfcheck init fire-safety-bank --title "Fire Safety Policy" --organisation "Hill Primary"
  $ selfcheck init online-safety --from online-safety-policy.txt --organisation "Hill Primary"
  $ selfcheck validate --bank fire-safety-bank && selfcheck test --bank fire-safety-bank`,
    )
    .action((dir: string, opts: Omit<InitOptions, "dir">) =>
      run(import("../actions/init.js").then((m) => m.runInit({ ...opts, dir }, deps))),
    );
}
