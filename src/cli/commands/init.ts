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
    .option("--title <text>", "the policy's title", "Policy")
    .option("--organisation <text>", "who the policy belongs to", "Our school")
    .addHelpText(
      "after",
      `
Creates bank.yaml, policy.txt, policy.yaml (one sample clause), sections/01-general.yaml (one
question), two scenarios and schema.json. The new bank passes validate, test and coverage as
it is; comments in each file say what to fill in.

Examples:
  $ selfcheck init fire-safety-bank --title "Fire Safety Policy" --organisation "Hill Primary"
  $ selfcheck validate --bank fire-safety-bank && selfcheck test --bank fire-safety-bank`,
    )
    .action((dir: string, opts: Omit<InitOptions, "dir">) =>
      run(import("../actions/init.js").then((m) => m.runInit({ ...opts, dir }, deps))),
    );
}
