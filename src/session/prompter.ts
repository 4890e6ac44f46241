/** One choice in a list prompt. */
export interface ChoiceItem {
  value: string;
  label: string;
}

/**
 * Every question the tool asks goes through this seam. `key` names what is being asked
 * (`name`, `role`, a question id, or `question-id/part-id` for a public-test part) so a
 * scripted prompter can answer from a file and never falls back to the terminal.
 */
export interface Prompter {
  select(request: { key: string; message: string; choices: ChoiceItem[] }): Promise<string>;
  checkbox(request: { key: string; message: string; choices: ChoiceItem[] }): Promise<string[]>;
  /** Hidden input, for key passphrases. */
  password(request: { key: string; message: string }): Promise<string>;
  input(request: {
    key: string;
    message: string;
    validate?: (value: string) => string | true;
  }): Promise<string>;
}

/** Thrown when the person presses Ctrl-C at a prompt; the CLI turns it into exit code 130. */
export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
    this.name = "InterruptedError";
  }
}
