import type { Prompter } from "./prompter.js";
import { InterruptedError } from "./prompter.js";

interface ListConfig {
  message: string;
  choices: { value: string; name: string; checked?: boolean }[];
  default?: string;
  loop?: boolean;
  pageSize?: number;
  required?: boolean;
}

/** The three @inquirer/prompts functions we use, as a seam for @inquirer/testing. */
export interface PromptFunctions {
  select: (config: ListConfig, context?: object) => Promise<string>;
  checkbox: (config: ListConfig, context?: object) => Promise<string[]>;
  input: (
    config: { message: string; validate?: (value: string) => string | boolean },
    context?: object,
  ) => Promise<string>;
  password: (
    config: { message: string; mask?: string | boolean },
    context?: object,
  ) => Promise<string>;
}

export interface TerminalContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/**
 * The terminal prompter, on @inquirer/prompts. Loaded only for interactive runs: it is the
 * heaviest import we have. `output` lets `--json` keep stdout clean by prompting on stderr.
 */
export async function createInquirerPrompter(context: TerminalContext): Promise<Prompter> {
  const prompts = await import("@inquirer/prompts");
  return inquirerPrompter(prompts, context);
}

export function inquirerPrompter(prompts: PromptFunctions, context: TerminalContext): Prompter {
  const kept = { ...context, clearPromptOnDone: false };
  // A transient prompt is cleared once answered: the questionnaire shows the answer with its own mark.
  const cleared = { ...context, clearPromptOnDone: true };
  const list = (choices: { value: string; label: string }[], ticked: readonly string[] = []) =>
    choices.map((c) => ({ value: c.value, name: c.label, ...(ticked.includes(c.value) ? { checked: true } : {}) }));
  return {
    select: ({ message, choices, default: current, transient }) =>
      interruptible(() =>
        prompts.select(
          { message, choices: list(choices), loop: false, pageSize: 12, ...(current === undefined ? {} : { default: current }) },
          transient ? cleared : kept,
        ),
      ),
    checkbox: ({ message, choices, default: current, transient }) =>
      interruptible(() =>
        prompts.checkbox(
          { message, choices: list(choices, current), required: true, loop: false, pageSize: 12 },
          transient ? cleared : kept,
        ),
      ),
    pause: async ({ message }) => {
      await interruptible(() => prompts.input({ message }, cleared));
    },
    password: ({ message }) => interruptible(() => prompts.password({ message, mask: "*" }, kept)),
    input: ({ message, validate }) =>
      interruptible(() => prompts.input({ message, ...(validate ? { validate } : {}) }, kept)),
  };
}

/** Ctrl-C at an inquirer prompt rejects with ExitPromptError; we name it for the CLI (exit 130). */
async function interruptible<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && error.name === "ExitPromptError") throw new InterruptedError();
    throw error;
  }
}
