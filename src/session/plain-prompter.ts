import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { escapeControl } from "../util/escape.js";
import { truncateDisplay } from "../util/display-width.js";
import { wrap } from "../util/text.js";
import { type ChoiceItem, InterruptedError, type Prompter } from "./prompter.js";

/**
 * Prompts as plain lines of text: numbered choices and a typed answer, with no colour and no
 * cursor movement, so screen readers, braille displays and TERM=dumb terminals read them as
 * they come. Used whenever colour is off (NO_COLOR, --no-color, TERM=dumb).
 *
 * One readline interface serves every prompt, so answers typed ahead or piped in are queued,
 * never lost between questions. Ctrl-C or the end of input ends the session (exit 130).
 */
export function createPlainPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  let muted = false;
  // readline echoes what is typed through this stream; muting it hides a passphrase.
  const echo = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const isTTY = (input as { isTTY?: boolean }).isTTY === true;
  let rl: ReturnType<typeof createInterface> | undefined;
  const lines: string[] = [];
  let waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  let ended = false;

  const start = () => {
    if (rl) return;
    rl = createInterface({ input, output: echo, terminal: isTTY });
    rl.on("line", (line) => {
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w.resolve(line);
      } else {
        lines.push(line);
      }
    });
    const stop = () => {
      ended = true;
      waiting?.reject(new InterruptedError());
      waiting = undefined;
    };
    rl.on("SIGINT", () => {
      stop();
      rl?.close();
    });
    rl.on("close", stop);
  };

  const ask = (question: string, hidden = false): Promise<string> => {
    start();
    output.write(question);
    const queued = lines.shift();
    if (queued !== undefined) {
      if (!hidden) output.write(`${queued}\n`);
      else output.write("\n");
      return Promise.resolve(queued);
    }
    if (ended) return Promise.reject(new InterruptedError());
    muted = hidden;
    return new Promise<string>((resolve, reject) => {
      waiting = {
        resolve: (line) => {
          if (hidden) output.write("\n");
          muted = false;
          resolve(line);
        },
        reject: (error) => {
          muted = false;
          reject(error);
        },
      };
    });
  };

  // Wrapped to the terminal by words, so nothing is broken mid-word at 40 columns.
  const width = Math.max(20, (output as { columns?: number }).columns || 80);
  const list = (message: string, choices: ChoiceItem[]) => {
    output.write(`\n${wrap(message, width)}\n`);
    // A label that already starts with its own number (the review list's "12. …") is not numbered twice.
    choices.forEach((c, i) => {
      const line = c.label.startsWith(`${i + 1}. `) ? c.label : `${i + 1}. ${c.label}`;
      output.write(`${wrap(line, width, "  ")}\n`);
    });
  };
  // The numbers of the current answer, when a question is asked again.
  const current = (choices: ChoiceItem[], values: readonly string[]) => {
    const shown = choices.flatMap((c, i) => (values.includes(c.value) ? [String(i + 1)] : []));
    if (shown.length > 0) output.write(`Your answer now: ${shown.join(" ")}. Press Enter alone to keep it.\n`);
    return shown.length > 0;
  };

  return {
    async select({ message, choices, default: now }) {
      list(message, choices);
      const keep = now !== undefined && current(choices, [now]);
      for (;;) {
        const line = await ask(`Number (1 to ${choices.length}), then Enter: `);
        if (keep && line.trim() === "") return now;
        const picked = parseNumbers(line, choices.length);
        if (typeof picked === "string") output.write(`${picked}\n`);
        else if (picked.length !== 1) output.write(`Please type one number from 1 to ${choices.length}.\n`);
        else return (choices[(picked[0] as number) - 1] as ChoiceItem).value;
      }
    },
    async checkbox({ message, choices, default: now }) {
      list(message, choices);
      const keep = now !== undefined && current(choices, now);
      for (;;) {
        const line = await ask("Numbers of all that apply, with spaces between, then Enter: ");
        if (keep && line.trim() === "") return choices.filter((c) => now.includes(c.value)).map((c) => c.value);
        const picked = parseNumbers(line, choices.length);
        if (typeof picked === "string") output.write(`${picked}\n`);
        else if (picked.length === 0) output.write(`Please type at least one number from 1 to ${choices.length}.\n`);
        else return [...new Set(picked)].sort((a, b) => a - b).map((n) => (choices[n - 1] as ChoiceItem).value);
      }
    },
    async pause({ message }) {
      await ask(`${message} `);
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
      return ask(`${message} (not shown as you type): `, true);
    },
  };
}

/**
 * The numbers typed for a list, or what is wrong with them. A number outside the list is refused
 * with the valid range, never dropped: "0 1" or "2,3 9" must not quietly become "1" or "2 3".
 */
export function parseNumbers(text: string, max: number): number[] | string {
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  const bad = tokens.find((t) => !/^\d+$/.test(t) || Number(t) < 1 || Number(t) > max);
  if (bad !== undefined) {
    const what = /^\d+$/.test(bad) ? `${bad} is not one of the choices` : `"${escapeControl(truncateDisplay(bad, 20))}" is not a number`;
    return `${what}: please type numbers from 1 to ${max} only.`;
  }
  return tokens.map(Number);
}
