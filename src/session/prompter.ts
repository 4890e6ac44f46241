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
  select(request: ListRequest & { default?: string }): Promise<string>;
  checkbox(request: ListRequest & { default?: readonly string[] }): Promise<string[]>;
  /** Waits for Enter, so what was just shown can be read before the screen moves on. */
  pause(request: { key: string; message: string }): Promise<void>;
  /** Hidden input, for key passphrases. */
  password(request: { key: string; message: string }): Promise<string>;
  input(request: {
    key: string;
    message: string;
    validate?: (value: string) => string | true;
  }): Promise<string>;
}

/**
 * A list prompt. `default` is the current answer when a question is asked again (the cursor
 * starts on it, or its options are ticked). `transient`: the prompt is cleared once answered,
 * because the caller shows the answer itself (with a mark that tells the truth about it).
 */
export interface ListRequest {
  key: string;
  message: string;
  choices: ChoiceItem[];
  transient?: boolean;
}

/** Thrown when the person presses Ctrl-C at a prompt; the CLI turns it into exit code 130. */
export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
    this.name = "InterruptedError";
  }
}
