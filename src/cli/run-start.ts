import type { Bank } from "../bank/bank.js";
import { renderWelcome } from "../report/run-result.js";
import type { Style } from "../report/style.js";
import { askToResume, type Progress } from "../session/progress.js";
import type { Prompter } from "../session/prompter.js";
import type { Mode } from "../engine/mode.js";
import { wrap } from "../util/text.js";
import type { Deps, OutStream } from "./deps.js";
import { UsageError } from "./errors.js";
import type * as ExportModule from "./export-summary.js";
import type { ExportFlags, ExportPlan } from "./export-summary.js";

/** The signing code, loaded by `run` only when a summary is wanted. */
type ExportCode = typeof ExportModule;
import { openRunProgress, type RunProgress } from "./progress-file.js";
import { validateName } from "./run-input.js";
import { hasTerminal, terminalPrompter } from "./shared.js";

export interface InteractiveStart {
  prompter: Prompter;
  person: { name: string; role: string };
  plan: ExportPlan | undefined;
  progress: RunProgress;
  /** The saved run being resumed: its person, mode, seed and start time are the run's. */
  resumed: Progress | undefined;
}

/**
 * The start of an interactive run, in the order a person meets it: the welcome, the offer to
 * resume an unfinished run, the key's passphrase (before any question, so a wrong one wastes
 * nothing), then name and role unless given or resumed.
 */
export async function startInteractiveRun(input: {
  opts: ExportFlags & { mode: Mode; resume?: boolean; role?: string; color?: boolean };
  name: string | undefined;
  bank: Bank;
  deps: Deps;
  talk: OutStream & NodeJS.WritableStream;
  style: Style;
  width: number;
  exportCode: ExportCode | undefined;
}): Promise<InteractiveStart> {
  const { opts, bank, deps, talk, style, width } = input;
  if (!hasTerminal(deps, talk)) {
    throw new UsageError(
      "no terminal to ask the questions on; for a scripted run pass --answers FILE (see selfcheck run --help)",
    );
  }
  const prompter = await terminalPrompter(deps, talk, opts.color);
  talk.write(`${renderWelcome(bank, opts.mode, style, width, opts.role)}\n\n`);
  const progress = await openRunProgress({
    env: deps.env,
    bank,
    resume: opts.resume !== false,
    ask: (saved) => askToResume(saved, { bank, prompter, out: talk, width }),
    warn: (text) => talk.write(`${style.warn(wrap(text, width))}\n`),
  });
  const resumed = progress.resumed;
  const plan = await input.exportCode?.prepareExport(opts, deps, prompter);
  const person = resumed
    ? { name: resumed.name, role: resumed.role }
    : {
        name: input.name ?? (await prompter.input({ key: "name", message: "Your name", validate: validateName })).trim(),
        role:
          opts.role ??
          (await prompter.select({
            key: "role",
            message: "Your role",
            choices: bank.roles.map((r) => ({ value: r.id, label: r.label })),
          })),
      };
  return { prompter, person, plan, progress, resumed };
}
