import type { Command } from "commander";
import type { PresentCommandOptions } from "../actions/present.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck present`; the work is imported only when the command runs. */
export function registerPresent(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("present")
    .description("facilitator mode for group sessions: one question per screen, discuss, reveal")
    .option("--bank <dir>", "bank folder (default: the bank shipped with the tool)")
    .option("--section <id>", "present one section only")
    .option("--export <file>", "write the session's counts (no names) as JSON at the end")
    .option("--html <file>", "write the session as one self-contained HTML deck for a browser on the projector")
    .option("--force", "replace an existing --export or --html file")
    .addHelpText(
      "after",
      `
For a projector: each question on its own screen with its section and progress; the room
discusses; a key press reveals the keyed answer, the explanation and the policy's words.
Optionally type the room's show of hands per option to see the distribution and, at the end,
the sections the room found hardest. The policy's reflective test is a discussion exercise.

Examples:
  $ selfcheck present
  $ selfcheck present --section safeguarding
  $ selfcheck present --export session-2026-11-24.json
  $ selfcheck present --html deck.html          # then open deck.html on the projector PC

The --html deck needs no network and no install: one question per screen, discuss, then reveal
(→ or Space; R reveals, H types a show of hands in a dialog that closes, E ends, ← goes back).
At the end it shows the hardest sections and downloads the counts (the --export JSON).`,
    )
    .action((opts: PresentCommandOptions) =>
      run(import("../actions/present.js").then((m) => m.runPresent(opts, deps))),
    );
}
