import { createInterface } from "node:readline";
import type { Deps } from "../deps.js";
import { EXIT } from "../errors.js";

/**
 * Whether the executable was double-clicked in Windows Explorer. Explorer starts a console
 * program with no arguments in a console window of its own, which closes the moment the program
 * ends. Windows offers no portable way to ask "is this console mine?" without native code
 * (GetConsoleProcessList), so this takes the reasonable reading: on Windows, no arguments at all
 * means a person who wants the questionnaire, not a script. Typing the bare name in a Command
 * Prompt gets the same (harmless) treatment, and the prompt at the end says how to leave.
 * Elsewhere, and with any argument, the executable behaves exactly like the `selfcheck` command.
 */
export function isDoubleClickStart(argv: readonly string[], platform: NodeJS.Platform): boolean {
  return platform === "win32" && argv.length === 0;
}

/**
 * The double-click flow: the questionnaire (`selfcheck run`), then, whatever the result (a
 * failed section, an unusable input, an internal error), a pause before the window closes so the
 * person can read it. Ctrl-C (exit 130) is the person leaving on purpose: no pause.
 */
export async function runDoubleClicked(
  deps: Pick<Deps, "stdin" | "stdout">,
  runMain: (argv: readonly string[]) => Promise<number>,
): Promise<number> {
  const code = await runMain(["run"]);
  if (code === EXIT.interrupted) return code;
  deps.stdout.write("\nPress Enter to close this window.\n");
  await waitForEnter(deps.stdin);
  return code;
}

/** Resolves on the next line typed, or when input ends (a closed console, or no input at all). */
export function waitForEnter(stdin: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: stdin, terminal: false });
    const done = () => {
      lines.close();
      resolve();
    };
    lines.once("line", done);
    lines.once("close", done);
  });
}
