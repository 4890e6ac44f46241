import { email, personName, principal, sessionLabel, staffId, bankTitle, type ValueRule } from "../bank/values.js";
import { type CurrentSummary, isRealInstant, LIMITS, SUMMARY_FORMAT } from "./summary.js";

/**
 * The quick check `verify` runs first on every file: the rules of a signed summary file in
 * format 2 (summary-schema.ts's `summaryFileSchema` around its `summarySchema`), as plain code.
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

/** The keys of a format-2 summary the quick check accepts (as summaryFileKeys does), or -1. */
export function summaryKeys(s: unknown): number {
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

/**
 * The canonical JSON (canonical-json.ts) of a summary summaryFileKeys accepted, written field by
 * field with the keys already in order: canonicalize's bytes without its sorting and checks, which
 * the quick check has made (every key known, every string plain, every number a small integer).
 * A test holds the two equal on every file the quick check accepts.
 */
export function canonicalSummaryText(s: CurrentSummary): string {
  // Free text (names, titles, labels) is quoted by JSON.stringify, as canonicalize does; the rest
  // (ids, times, versions, hashes, fixed words) is ASCII with nothing to escape, by its pattern.
  const q = JSON.stringify;
  const ids = (list: readonly string[]) => (list.length === 0 ? "[]" : `["${list.join('","')}"]`);
  const o = s.overall;
  const p = s.person;
  // A loop rather than map().join(): no array to make, and no closure whose array's shape differs
  // from file to file (which made V8 optimise this function twice per thread).
  let sections = "";
  for (const x of s.sections) {
    sections +=
      `${sections === "" ? "" : ","}{"correct":${x.correct},"criticalMissed":${ids(x.criticalMissed)},"id":"${x.id}","missed":${ids(x.missed)},` +
      `"percentage":${x.percentage},"result":"${x.result}","threshold":${x.threshold},"total":${x.total}}`;
  }
  return (
    `{"bank":{"id":"${s.bank.id}","sha256":"${s.bank.sha256}","version":"${s.bank.version}"},` +
    `"finishedAt":"${s.finishedAt}","format":"${s.format}","mode":"${s.mode}",` +
    `"overall":{"correct":${o.correct},"percentage":${o.percentage},"result":"${o.result}","total":${o.total}},` +
    `"person":{"email":${q(p.email)},"name":${q(p.name)},"role":${q(p.role)},"staffId":${q(p.staffId)}},` +
    `"policy":{"organisation":${q(s.policy.organisation)},"title":${q(s.policy.title)},"updated":"${s.policy.updated}"},` +
    `"publicTestCompleted":${s.publicTestCompleted},"sections":[${sections}],"seed":${s.seed},"session":${q(s.session)},` +
    `"signer":{"principal":${q(s.signer.principal)}},"startedAt":"${s.startedAt}",` +
    `"tool":{"name":"${s.tool.name}","version":"${s.tool.version}"},"validUntil":"${s.validUntil}"}`
  );
}
