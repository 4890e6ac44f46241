import { type Command, Option } from "commander";
import type { RunOptions } from "../actions/run.js";
import type { Deps } from "../deps.js";
import { MODES } from "../../engine/mode.js";


/** Registers `selfcheck run`; the work is imported only when the command runs (fast start-up). */
export function registerRun(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("run")
    .description("take the self-check: interactive on a terminal, or scripted with --answers")
    .option("--bank <dir>", "bank folder (default: the bank shipped with the tool)")
    .option(
      "--answers <file>",
      "answer from a YAML or JSON file instead of asking (question id: option id)",
    )
    .option("--name <name>", "your name (asked when not given)")
    .option("--role <id>", "your role; only questions for it are asked (asked when not given)")
    .addOption(
      new Option(
        "--mode <mode>",
        "self: feedback at the end; training: explanation after each answer",
      )
        .choices(MODES)
        .default("self"),
    )
    .option(
      "--seed <n>",
      "seed for the option order (recorded in the result, so a run can be replayed)",
    )
    .option("--json", "print the result as JSON on stdout (prompts go to stderr)")
    .option("--no-resume", "start afresh, even when an unfinished run of this bank was saved")
    .option(
      "--export [file]",
      "write a signed summary (default file: selfcheck-NAME-DATE.json; a same-day retake adds -2, -3 …)",
    )
    .option("--key <file>", "OpenSSH Ed25519 private key to sign with (or SELFCHECK_KEY)")
    .option(
      "--principal <id>",
      "signer principal, as listed in allowed_signers (default: the key's comment)",
    )
    .option("--staff-id <id>", "staff id recorded in the summary")
    .option("--email <address>", "email recorded in the summary")
    .option("--session <label>", 'session label recorded in the summary, e.g. "Induction 2026-11"')
    .option("--force", "replace an existing summary file (--export FILE, or the day's first default file)")
    .addHelpText(
      "after",
      `
Exit codes: 0 every section passed (or passed with a review flag), 1 a section failed,
2 unusable input (bad flags, bank or answers file; no terminal and no --answers), 130 Ctrl-C.

Answers file (YAML or JSON): question id → option id, or a list of ids for "select all that
apply"; a public-test question (the policy's reflective test) takes no, yes, or a list of
the parts answered yes.
  safeguarding-current-pupil-request: decline-and-alert
  scope-what-counts: [whatsapp-group, text-messages, dating-gambling, blog-youtube]
  personal-use-public-test: no
The ids are in \`selfcheck show\`.

Interrupted? An interactive run keeps its progress after every answer (question and option ids,
name, role, mode, seed; never the public-test answers) in your state folder (%LOCALAPPDATA% on
Windows, $XDG_STATE_HOME or ~/.local/state elsewhere); the next run offers "Resume from question
N of M?". It is deleted when the run finishes; --no-resume starts afresh.

Examples:
  $ selfcheck run
  $ selfcheck run --name "Sam Patel" --role teaching-assistant --mode training
  $ selfcheck run --answers answers.yaml --role teacher --json
  $ selfcheck run --seed 1234
  $ selfcheck run --no-resume                   # start again, dropping an unfinished run
  $ selfcheck run --export --key ~/.ssh/selfcheck_ed25519
  $ selfcheck run --name "Sam Patel" --role teacher --export sam.json --key trainer.key \\
      --principal trainer@school.example --session "Induction 2026-11"

A signed summary holds results only (no answers typed, no free text; of the policy's reflective
test (public-test) only that it was completed, never how); the key's passphrase
comes from SELFCHECK_KEY_PASSPHRASE or is asked for on the terminal. See selfcheck verify.`,
    )
    .action((opts: RunOptions) =>
      run(import("../actions/run.js").then((m) => m.runRun(opts, deps))),
    );
}
