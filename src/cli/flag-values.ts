import type { ValueRule } from "../bank/values.js";
import { UsageError } from "./errors.js";

/**
 * Checks a flag against its value rule (bank/values.ts) before any question is asked, so a run
 * never collects answers it cannot then write: `--name must not contain control … characters`.
 */
export function checkFlagValue<T extends string | undefined>(flag: string, rule: ValueRule, value: T): T {
  if (value === undefined) return value;
  const problem = rule.problem(value);
  if (problem !== undefined) throw new UsageError(`${flag} ${problem}`);
  return value;
}
