import { Command, CommanderError } from "commander";
import { InterruptedError } from "../session/prompter.js";
import { registerKeygen } from "./commands/keygen.js";
import { registerRun } from "./commands/run.js";
import { registerShow } from "./commands/show.js";
import { registerValidate } from "./commands/validate.js";
import { registerVerify } from "./commands/verify.js";
import { registerTest } from "./commands/test.js";
import { registerCoverage } from "./commands/coverage.js";
import { registerDiff } from "./commands/diff.js";
import { registerInit } from "./commands/init.js";
import { registerReport } from "./commands/report.js";
import { registerPresent } from "./commands/present.js";
import { type Deps, processDeps } from "./deps.js";
import { escapeControl, escapeControlLines } from "../util/escape.js";
import { EXIT, UsageError } from "./errors.js";
import { currentStopNote, installSignalHandlers, setStopNote } from "./signals.js";
import { TOOL_VERSION } from "./version.js";

/**
 * Runs the CLI and returns its exit code. This is the only place that turns errors into exit
 * codes: commands return 0/1 and throw UsageError (2) or InterruptedError (130); anything else is
 * an internal error (70).
 */
export async function main(argv: readonly string[], deps: Deps = processDeps(), options: { signals?: boolean } = {}): Promise<number> {
  if (options.signals !== false) installSignalHandlers(deps);
  setStopNote(undefined);
  endQuietlyOnClosedPipe(deps);
  let pending: Promise<number> | undefined;
  const program = new Command()
    .name("selfcheck")
    .description(
      "A compliance self-check on a school policy (default: the William Austin Junior School Policy on Social Media).",
    )
    .version(TOOL_VERSION, "-V, --version")
    .showHelpAfterError("(run selfcheck --help for usage)")
    .configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      // commander quotes what was typed ("unknown option '--…'"): never terminal control.
      writeErr: (s) => deps.stderr.write(escapeControlLines(s)),
    })
    .exitOverride()
    .addHelpText(
      "after",
      `
Exit codes: 0 success, 1 a negative result (a section failed), 2 unusable input,
70 internal error (a bug: please report it), 130 Ctrl-C, 129/143 when stopped
by SIGHUP/SIGTERM.

Examples:
  $ selfcheck run                           take the self-check on this terminal
  $ selfcheck run --answers answers.yaml    a scripted run, e.g. in CI
  $ selfcheck validate --bank ./questions   check a bank
  $ selfcheck show --json                   the bank as JSON
  $ selfcheck keygen -f my.key --principal me@school.example
  $ selfcheck run --export --key my.key     sign a summary of your result
  $ selfcheck verify *.json --allowed-signers allowed_signers`,
    );
  const run = (code: Promise<number>) => {
    pending = code;
  };
  registerRun(program, deps, run);
  registerValidate(program, deps, run);
  registerShow(program, deps, run);
  registerKeygen(program, deps, run);
  registerVerify(program, deps, run);
  registerTest(program, deps, run);
  registerCoverage(program, deps, run);
  registerDiff(program, deps, run);
  registerInit(program, deps, run);
  registerReport(program, deps, run);
  registerPresent(program, deps, run);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      // commander quotes what was typed ("unknown option '--…'"): never terminal control.
      writeErr: (s) => deps.stderr.write(escapeControlLines(s)),
    });
    command.option("--no-color", "plain output without colour (also NO_COLOR=1)");
    command.showHelpAfterError(`(run selfcheck ${command.name()} --help for usage)`);
    command.addHelpText(
      "after",
      "\nEvery command: 70 internal error (a bug: please report it with the command\nyou ran), 130 Ctrl-C, 129/143 stopped by SIGHUP/SIGTERM; nothing half-written\nis left.",
    );
  }

  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.unusable;
    }
    await program.parseAsync([...argv], { from: "user" });
    return pending === undefined ? EXIT.ok : await pending;
  } catch (error) {
    return handleError(error, deps);
  }
}

function handleError(error: unknown, deps: Deps): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; commander has already printed what it needed to.
    if (["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code)) {
      return EXIT.ok;
    }
    return EXIT.unusable;
  }
  if (error instanceof UsageError) {
    // Messages quote flags and file contents: shown with control characters escaped.
    for (const line of error.details) deps.stderr.write(`${escapeControl(line)}\n`);
    deps.stderr.write(`selfcheck: ${escapeControl(error.message)}\n`);
    return EXIT.unusable;
  }
  if (error instanceof InterruptedError) {
    deps.stderr.write(`\nInterrupted: ${currentStopNote()}\n`);
    return EXIT.interrupted;
  }
  return reportInternalError(error, deps);
}

/**
 * An error no rule above maps is a bug: two lines and exit 70 (EX_SOFTWARE), never a stack trace
 * unless SELFCHECK_DEBUG=1, so a user sees what to do and CI never reads it as "a section failed".
 */
export function reportInternalError(error: unknown, deps: Pick<Deps, "stderr" | "env">): number {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = message.split("\n")[0] ?? "";
  deps.stderr.write(
    `selfcheck: internal error: ${escapeControl(firstLine.slice(0, 500))}\nselfcheck: this is a bug; please report it with the command you ran (SELFCHECK_DEBUG=1 shows the details)\n`,
  );
  if (deps.env.SELFCHECK_DEBUG === "1" && error instanceof Error && error.stack) deps.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

/**
 * `selfcheck show --json | head -c 10`: the reader has gone, so the rest of the output has
 * nowhere to go. Like cat and git, stop quietly: the failed write is not an error to report.
 * (Node emits the EPIPE once, on the stream; later writes to the destroyed stream are dropped.)
 */
function endQuietlyOnClosedPipe(deps: Deps): void {
  for (const stream of [deps.stdout, deps.stderr]) {
    if (typeof stream.on !== "function" || stream.listenerCount("error") > 0) continue;
    // EPIPE, or EIO from a terminal that has gone: either way there is no one left to tell.
    stream.on("error", () => undefined);
  }
}
