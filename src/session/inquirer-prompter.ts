import type { Prompter } from "./prompter.js";
import { InterruptedError } from "./prompter.js";

/**
 * The terminal prompter, on @inquirer/prompts. Loaded only for interactive runs (it is the
 * heaviest import we have). `output` lets `--json` keep stdout clean by prompting on stderr.
 */
export async function createInquirerPrompter(context: {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}): Promise<Prompter> {
  const { select, checkbox, input } = await import("@inquirer/prompts");
  const ctx = { ...context, clearPromptOnDone: false };
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (error) {
      if (error instanceof Error && error.name === "ExitPromptError") throw new InterruptedError();
      throw error;
    }
  };
  return {
    select: ({ message, choices }) =>
      guard(() =>
        select(
          { message, choices: choices.map((c) => ({ value: c.value, name: c.label })), loop: false, pageSize: 12 },
          ctx,
        ),
      ),
    checkbox: ({ message, choices }) =>
      guard(() =>
        checkbox(
          {
            message,
            choices: choices.map((c) => ({ value: c.value, name: c.label })),
            required: true,
            loop: false,
            pageSize: 12,
          },
          ctx,
        ),
      ),
    input: ({ message, validate }) =>
      guard(() => input({ message, ...(validate ? { validate } : {}) }, ctx)),
  };
}
