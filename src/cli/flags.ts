import { UsageError } from "./errors.js";

/** A date flag (`--at`, `--since`): YYYY-MM-DD (midnight UTC) or an ISO time. */
export function parseDate(value: string, flag: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new UsageError(`${flag} "${value}" is not a date (use YYYY-MM-DD or an ISO time)`);
  }
  return date;
}
