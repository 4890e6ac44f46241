import { type Bank, unknownRole } from "../bank/bank.js";
import { MAX_SEED } from "../engine/shuffle.js";
import { parseIsoDate } from "../util/dates.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";

/** A date flag (`--at`, `--since`): YYYY-MM-DD (midnight UTC) or an ISO time with a zone; strict. */
export function parseDate(value: string, flag: string): Date {
  const date = parseIsoDate(value);
  if (date === undefined) {
    throw new UsageError(
      `${flag} "${value}" is not a date (use YYYY-MM-DD, or an ISO time such as 2026-11-24T09:30:00Z)`,
    );
  }
  return date;
}

/** --seed: a whole number in the shuffle's range; a fresh random one when not given. */
export function parseSeed(value: string | undefined, deps: Deps): number {
  if (value === undefined) return deps.randomSeed();
  if (!/^\d+$/.test(value) || Number(value) > MAX_SEED) {
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, got "${value}"`);
  }
  return Number(value);
}

/** --role: one of the bank's roles (the rule is bank/bank.ts unknownRole). */
export function checkRoleFlag(bank: Bank, role: string): void {
  const problem = unknownRole(bank.roles.map((r) => r.id), role);
  if (problem !== undefined) throw new UsageError(problem);
}
