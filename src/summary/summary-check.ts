import { email, personName, principal, sessionLabel, staffId, bankTitle, type ValueRule } from "../bank/values.js";
import { isRealInstant, LIMITS, SUMMARY_FORMAT } from "./summary.js";

/**
 * The quick check `verify` runs first on every file: the rules of a signed summary file in
 * format 2 (verify-summary.ts's file schema around summary.ts's `summarySchema`), as plain code.
 * It only ever says yes or no. Yes means zod would accept the value unchanged, so zod (about a
 * tenth of the time of a verify of 10,000 files, on two cores) runs only on a file this says no
 * to, to name what is wrong, and on format-1 files. A property test holds it to the schema: any
 * value it accepts, the schema accepts.
 *
 * It also counts the keys of every object, which the strict-JSON proof needs (strict-json.ts's
 * keysWritten): a value it accepts has exactly the keys the format names, all present.
 *
 * Returns the number of keys in the file's objects, or -1 when any rule is not met.
 */
export function summaryFileKeys(file: unknown): number {
  if (!isRecord(file) || ownKeys(file) !== 2) return -1;
  const { signature } = file;
  if (!isRecord(signature) || ownKeys(signature) !== 2) return -1;
  if (typeof signature.namespace !== "string" || typeof signature.sshsig !== "string" || signature.sshsig.length > LIMITS.sshsig) {
    return -1;
  }
  const summary = summaryKeys(file.summary);
  return summary < 0 ? -1 : 4 + summary;
}

/** The keys of a format-2 summary, or -1. */
function summaryKeys(s: unknown): number {
  if (!isRecord(s) || ownKeys(s) !== 15 || s.format !== SUMMARY_FORMAT) return -1;
  const { tool, bank, policy, person, signer, overall, sections } = s;
  const ok =
    isRecord(tool) && ownKeys(tool) === 2 && tool.name === "policy-selfcheck" && matches(tool.version, LIMITS.version) &&
    isRecord(bank) && ownKeys(bank) === 3 && isKebab(bank.id) && matches(bank.version, LIMITS.version) && matches(bank.sha256, LIMITS.sha256) &&
    isRecord(policy) && ownKeys(policy) === 3 && follows(policy.title, bankTitle) && follows(policy.organisation, bankTitle) && matches(policy.updated, LIMITS.updated) &&
    isRecord(person) && ownKeys(person) === 4 && follows(person.name, personName) &&
    (person.role === null || isKebab(person.role)) &&
    (person.staffId === null || follows(person.staffId, staffId)) &&
    (person.email === null || follows(person.email, email)) &&
    isRecord(signer) && ownKeys(signer) === 1 && follows(signer.principal, principal) &&
    (s.session === null || follows(s.session, sessionLabel)) &&
    (s.mode === "self" || s.mode === "training") &&
    isInstant(s.startedAt) && isInstant(s.finishedAt) && isInstant(s.validUntil) &&
    isInteger(s.seed, LIMITS.seed) &&
    isRecord(overall) && ownKeys(overall) === 4 && isRecorded(overall.result) && isInteger(overall.correct, LIMITS.count) && isInteger(overall.total, LIMITS.count) && isInteger(overall.percentage, 100) &&
    typeof s.publicTestCompleted === "boolean" &&
    Array.isArray(sections) && sections.length >= 1 && sections.length <= LIMITS.sections;
  if (!ok) return -1;
  // The summary's own 15, then tool, bank, policy, person, signer and overall.
  let keys = 15 + 2 + 3 + 3 + 4 + 1 + 4;
  for (const x of sections as unknown[]) {
    if (
      !isRecord(x) || ownKeys(x) !== 8 || !isKebab(x.id) || !isRecorded(x.result) ||
      !isInteger(x.correct, LIMITS.count) || !isInteger(x.total, LIMITS.count) ||
      !isInteger(x.percentage, 100) || !isInteger(x.threshold, 100) ||
      !areKebabs(x.criticalMissed) || !areKebabs(x.missed)
    ) {
      return -1;
    }
    keys += 8;
  }
  return keys;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Own keys, counted without making an array of them (JSON.parse objects inherit none). */
function ownKeys(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function matches(v: unknown, pattern: RegExp): boolean {
  return typeof v === "string" && pattern.test(v);
}

function isKebab(v: unknown): boolean {
  return typeof v === "string" && v.length <= LIMITS.kebabMax && LIMITS.kebab.test(v);
}

function areKebabs(v: unknown): boolean {
  return Array.isArray(v) && v.length <= LIMITS.ids && v.every(isKebab);
}

function follows(v: unknown, rule: ValueRule): boolean {
  return typeof v === "string" && rule.problem(v) === undefined;
}

function isInstant(v: unknown): boolean {
  return typeof v === "string" && LIMITS.instant.test(v) && isRealInstant(v);
}

/** A whole number from 0 to max; never -0, which strict JSON refuses. */
function isInteger(v: unknown, max: number): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max && !Object.is(v, -0);
}

function isRecorded(v: unknown): boolean {
  return v === "pass" || v === "fail";
}
