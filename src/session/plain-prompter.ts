import { createInterface } from "node:readline";
import { wrap } from "../report/text.js";
import { type ChoiceItem, InterruptedError, type Prompter } from "./prompter.js";

/**
 * Prompts as plain lines of text: numbered choices and a typed answer, with no colour and no
 * cursor movement, so screen readers, braille displays and TERM=dumb terminals read them as
 * they come. Used whenever colour is off (NO_COLOR, --no-color, TERM=dumb).
 */
export function createPlainPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const ask = (question: string, hidden = false) =>
    new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input, output: hidden ? undefined : output, terminal: !hidden && (input as { isTTY?: boolean }).isTTY === true });
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        rl.close();
        fn();
      };
      if (hidden) output.write(question);
      rl.on("SIGINT", () => finish(() => reject(new InterruptedError())));
      rl.on("close", () => finish(() => reject(new InterruptedError())));
      const onLine = (line: string) => finish(() => resolve(line));
      if (hidden) rl.once("line", (line) => {
        output.write("\n");
        onLine(line);
      });
      else rl.question(question, onLine);
    });

  // Wrapped to the terminal by words, so nothing is broken mid-word at 40 columns.
  const width = Math.max(20, (output as { columns?: number }).columns ?? 80);
  const list = (message: string, choices: ChoiceItem[], hint: string) => {
    output.write(`\n${wrap(message, width)}\n`);
    choices.forEach((c, i) => output.write(`${wrap(`${i + 1}. ${c.label}`, width, "  ")}\n`));
    return hint;
  };
  const numbers = (text: string, max: number) =>
    text
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= max);

  return {
    async select({ message, choices }) {
      const hint = list(message, choices, `Number (1 to ${choices.length}), then Enter: `);
      for (;;) {
        const picked = numbers(await ask(hint), choices.length);
        const choice = picked.length === 1 ? choices[(picked[0] as number) - 1] : undefined;
        if (choice) return choice.value;
        output.write(`Please type one number from 1 to ${choices.length}.\n`);
      }
    },
    async checkbox({ message, choices }) {
      const hint = list(message, choices, "Numbers of all that apply, with spaces between, then Enter: ");
      for (;;) {
        const picked = [...new Set(numbers(await ask(hint), choices.length))];
        if (picked.length > 0) return picked.sort((a, b) => a - b).map((n) => (choices[n - 1] as ChoiceItem).value);
        output.write(`Please type at least one number from 1 to ${choices.length}.\n`);
      }
    },
    async input({ message, validate }) {
      for (;;) {
        const answer = await ask(`${message}: `);
        const verdict = validate ? validate(answer) : true;
        if (verdict === true) return answer;
        output.write(`${verdict}\n`);
      }
    },
    async password({ message }) {
      // No echo: the line is read without writing it back to the terminal.
      return ask(`${message} (not shown as you type): `, true);
    },
  };
}
