import type { FileOutcome } from "../summary/verify-file.js";
import { registerEntryOf } from "./attempt.js";
import { createStyle } from "./style.js";
import { renderVerifyOutcome } from "./verify-text.js";

/** What a view may know besides the outcome: plain data, so it can travel to a worker thread. */
export interface ViewConfig {
  color: boolean;
}

/** Made once: a view runs for every file. */
const STYLES = { color: createStyle(true), plain: createStyle(false) };

/**
 * What each command needs of a file's verify outcome, by name. On worker threads the view runs
 * in the worker, so the main thread receives only that (a line of text is far cheaper to send
 * and to receive than a summary); in one thread it runs there. The name travels, not the
 * function: a worker looks it up here.
 */
export const VERIFY_VIEWS = {
  /** Everything the outcome says, for `verify --json`. */
  outcome: ({ contentId: _, ...outcome }: FileOutcome, _config: ViewConfig) => outcome,
  /** `verify` on a terminal, a pipe or a file: the outcome's lines, and its status to count. */
  text: (outcome: FileOutcome, config: ViewConfig) => ({
    status: outcome.status,
    text: renderVerifyOutcome(outcome, STYLES[config.color ? "color" : "plain"]),
  }),
  /** `report`: a verified summary's compact record for the register (attempt.ts), or why a file is not counted. */
  register: (outcome: FileOutcome, _config: ViewConfig) => registerEntryOf(outcome),
} satisfies Record<string, (outcome: FileOutcome, config: ViewConfig) => unknown>;

export type VerifyView = keyof typeof VERIFY_VIEWS;
export type ViewResult<V extends VerifyView> = ReturnType<(typeof VERIFY_VIEWS)[V]>;
