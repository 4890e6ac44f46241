import { removeTempFiles } from "../util/cleanup.js";
import type { Deps } from "./deps.js";

const NOTHING_SAVED = "nothing was saved.";
let stopNote = NOTHING_SAVED;

/**
 * What is said when a command is stopped: "nothing was saved." unless a run keeps its progress
 * (then how to resume). Process-wide, as signals are; `undefined` restores the default.
 */
export function setStopNote(note: string | undefined): void {
  stopNote = note ?? NOTHING_SAVED;
}

export function currentStopNote(): string {
  return stopNote;
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Stopped by a signal (Ctrl-C outside a prompt, `kill`, a closed terminal): remove any
 * half-written temporary file, show the cursor again (prompts hide it), say so, and exit with
 * 128 + the signal number. Ctrl-C typed at a prompt arrives as a keypress instead and is
 * handled where the prompt is (exit 130 as well).
 */
export function installSignalHandlers(deps: Pick<Deps, "stderr" | "stdout">): void {
  for (const [signal, code] of Object.entries(EXIT_CODES) as [NodeJS.Signals, number][]) {
    process.on(signal, () => {
      removeTempFiles();
      for (const stream of [deps.stdout, deps.stderr]) {
        if (stream.isTTY) stream.write("\u001b[?25h");
      }
      deps.stderr.write(`\n${signal === "SIGINT" ? "Interrupted" : "Stopped"}: ${stopNote}\n`);
      process.exit(code);
    });
  }
}
