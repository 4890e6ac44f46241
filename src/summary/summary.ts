import type { CurrentSummary, SummaryFormat1 } from "./summary-schema.js";

/**
 * The signed summary: counts, ids and results only — never free text. Every value is
 * restricted so that `jq -cS .summary` reproduces the signed bytes: ASCII keys, integers in
 * range, strings without control characters (values.ts). Its schema (summary-schema.ts, zod)
 * checks summaries on the way in, with a message for what is wrong; its quick check
 * (summary-check.ts) checks the ones that are right, without loading zod. This module is the
 * format itself, and loads neither.
 *
 * Format 2 keeps the public-knowledge test private: it records only that the test was completed,
 * and no section result depends on how it was answered. Format 1 recorded a flag; format-1 files
 * still verify and are read as format 2 sees them (see readSummary).
 */
export const SUMMARY_FORMAT = "selfcheck-summary/2";
export const SUMMARY_FORMAT_1 = "selfcheck-summary/1";
export const NAMESPACE = "selfcheck-summary-v1";

/**
 * The patterns and limits of the format, named: the schema below uses them, and so does the quick
 * check that `verify` runs first on every file (summary-check.ts).
 */
export const LIMITS = {
  kebab: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  kebabMax: 80,
  version: /^\d+\.\d+\.\d+$/,
  sha256: /^[0-9a-f]{64}$/,
  updated: /^\d{4}-\d{2}(-\d{2})?$/,
  instant: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
  count: 100_000,
  seed: 0xffffffff,
  ids: 1000,
  sections: 100,
  sshsig: 4096,
} as const;

/**
 * A UTC time to the second (LIMITS.instant) that names a real moment: no 30 February, no 24:00:00,
 * no 60th second. Arithmetic on the digits, which the date parser and toISOString would take a
 * microsecond for; a test holds it to `new Date(s).toISOString()` giving `s` back.
 */
export function isRealInstant(s: string): boolean {
  if (!LIMITS.instant.test(s)) return false;
  /** The two digits at `at` (the pattern has made sure they are digits). */
  const two = (at: number) => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
  const [year, month, day, hour, minute, second] = [two(0) * 100 + two(2), two(5), two(8), two(11), two(14), two(17)];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}

export type { CurrentSummary, SummaryFormat1 };

/**
 * A verified summary as every reader (verify, report) sees it, whatever its format: format 2's
 * fields, with `publicTestCompleted` null where a format-1 file did not record it.
 */
export type Summary = Omit<CurrentSummary, "format" | "publicTestCompleted"> & {
  format: typeof SUMMARY_FORMAT | typeof SUMMARY_FORMAT_1;
  publicTestCompleted: boolean | null;
};

/**
 * Reads a checked summary of either format as format 2 sees it. A format-1 file's public-test
 * flag is dropped, and its `review` results read as `pass`: in format 1 a review came only from
 * a "yes" in that test, on a section that had passed, so no reader learns how it was answered.
 */
export function readSummary(s: CurrentSummary | SummaryFormat1): Summary {
  if (s.format === SUMMARY_FORMAT) return s;
  const { publicTestFlagged: _private, sections, overall, ...rest } = s;
  const unflag = (result: SummaryFormat1["overall"]["result"]) => (result === "review" ? "pass" : result);
  return {
    ...rest,
    overall: { ...overall, result: unflag(overall.result) },
    sections: sections.map(({ flagged: _flag, ...x }) => ({ ...x, result: unflag(x.result) })),
    publicTestCompleted: null,
  };
}

/**
 * Whether the numbers agree with each other. Checked after the signature, so an edited score
 * reads as "changed after signing" rather than as an unreadable file.
 */
export function summaryInconsistency(s: Summary): string | undefined {
  for (const x of s.sections) {
    if (x.correct > x.total) return `section ${x.id}: correct exceeds total`;
    if (x.percentage !== (x.total === 0 ? 100 : Math.floor((x.correct * 100) / x.total))) {
      return `section ${x.id}: percentage does not match correct/total`;
    }
  }
  const correct = s.sections.reduce((n, x) => n + x.correct, 0);
  const total = s.sections.reduce((n, x) => n + x.total, 0);
  if (s.overall.correct !== correct || s.overall.total !== total)
    return "overall counts do not add up";
  if (!(s.startedAt <= s.finishedAt && s.finishedAt < s.validUntil))
    return "times are out of order";
  return undefined;
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
