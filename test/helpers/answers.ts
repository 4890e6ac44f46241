import type { Bank } from "../../src/bank/bank.js";
import { baseAnswers } from "../../src/engine/scenario.js";

/** An answers file's content answering every question with its key (the scenario engine's all-correct). */
export function keyedAnswers(bank: Bank, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { ...Object.fromEntries(baseAnswers(bank, "all-correct")), ...overrides };
}
