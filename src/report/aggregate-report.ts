import type { Summary } from "../summary/summary.js";
import { type Attempt, type AttemptSection, attemptOf } from "./attempt.js";
import { rosterMatcher } from "./match-roster.js";
import type { RosterPerson } from "./roster.js";
import { idRecord } from "../util/records.js";

/** Where a person stands: in date (valid, or expiring soon), out of date, failed, or never done. */
export type Compliance = "valid" | "expiring" | "expired" | "not-passed" | "missing";

export const COMPLIANCE: readonly Compliance[] = ["valid", "expiring", "expired", "not-passed", "missing"];

export const COMPLIANCE_LABEL: Record<Compliance, string> = {
  valid: "valid",
  expiring: "expiring",
  expired: "expired",
  "not-passed": "not passed",
  missing: "missing",
};

export interface VerifiedSummary {
  file: string;
  summary: Summary;
  keyFingerprint: string;
}

export interface RejectedFile {
  file: string;
  reason: string;
}

export interface PersonRow {
  /** What attempts are grouped by: the roster line, else staff id, else email, else name. */
  key: string;
  name: string;
  role: string | null;
  roleLabel: string | null;
  staffId: string | null;
  email: string | null;
  /** The roster line this person is on; null for people not on the roster (or no roster). */
  rosterLine: number | null;
  /** Distinct attempts: copies of one summary count once. */
  attempts: number;
  latest: {
    file: string;
    finishedAt: string;
    overall: Summary["overall"];
    /** Only for a pass: a failed attempt makes nobody valid until anything. */
    validUntil: string | null;
    session: string | null;
    signer: string;
  } | null;
  sections: Record<string, Summary["sections"][number]["result"]>;
  compliance: Compliance;
  /** Why the latest attempt failed: the sections failed and the critical questions missed. */
  failed: { sections: { id: string; title: string }[]; criticalMissed: { id: string; prompt: string }[] } | null;
  /** What the person must do next; null when nothing. */
  action: string | null;
}

export interface ComplianceSummary {
  compliant: number;
  of: number;
  percentage: number;
  counts: Record<Compliance, number>;
}

export interface ReportData {
  at: string;
  /** What the register is about, so a printed copy stands on its own. */
  context: {
    organisation: string | null;
    policy: string | null;
    banks: { id: string; version: string }[];
    roster: string | null;
    expiringWithinDays: number;
  };
  filters: { session: string | null; since: string | null; only: Compliance[] | null };
  files: { read: number; verified: number; notVerified: number; filteredOut: number; duplicates: number };
  notVerified: RejectedFile[];
  /** Everyone on the roster in its order (without one, everyone with a summary, by name), filtered by `only`. */
  people: PersonRow[];
  /** People with verified summaries whom the roster does not list (only with a roster). */
  notOnRoster: PersonRow[];
  /** Summaries whose name fits more than one roster person, and who those are. */
  ambiguous: { file: string; name: string; candidates: { line: number; name: string }[] }[];
  attempts: number;
  overall: ComplianceSummary;
  byRole: ({ role: string | null; label: string } & ComplianceSummary)[];
  sections: { id: string; title: string; passed: number; total: number; percentage: number }[];
  mostMissed: { id: string; prompt: string | null; section: string; missedBy: number; of: number }[];
}

/** What the register is asked for: the moment, the filters, the roster. */
export interface ReportOptions {
  at: Date;
  session?: string;
  since?: Date;
  roster?: { file: string; people: readonly RosterPerson[] };
  /** A pass that runs out within this many days is `expiring`. */
  expiringWithinDays?: number;
  only?: Compliance[];
}

/** The bank's words for the register, known only once every summary is in (bank-labels.ts). */
export interface ReportWords {
  /** Section titles, question prompts and role labels, when the bank is at hand. */
  labels?: { sections: Map<string, string>; questions: Map<string, string>; roles?: Map<string, string> };
  /** Organisation, policy and bank when no summary names them (e.g. nobody has done it yet). */
  fallback?: { organisation: string; policy: string; bank: { id: string; version: string } };
}

export interface ReportInput extends ReportOptions, ReportWords {
  verified: VerifiedSummary[];
  notVerified: RejectedFile[];
}

export interface ReportAggregator {
  /** A verified summary, in the order the files were read. */
  add(attempt: Attempt): void;
  /** A file that did not verify, with why. */
  reject(file: string, reason: string): void;
  /** The bank ids of every verified summary so far (filtered out or not), for bankLabels. */
  readonly bankIds: ReadonlySet<string>;
  finish(words?: ReportWords): ReportData;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The compliance register of a whole set of summaries at once. Pure; the same as adding each to
 * createReportAggregator and finishing.
 */
export function aggregateReport(input: ReportInput): ReportData {
  const aggregator = createReportAggregator(input);
  for (const v of input.verified) aggregator.add(attemptOf(v.file, v));
  for (const r of input.notVerified) aggregator.reject(r.file, r.reason);
  return aggregator.finish(input);
}

/** Where a kept attempt stands in the order files are compared in: by name, then as they came. */
interface Place {
  file: string;
  arrival: number;
}

/** One person's attempts: how many distinct ones, the latest, and the first by file (see finish). */
interface Group {
  key: string;
  attempts: number;
  latest: { attempt: Attempt; arrival: number };
  first: Place;
}

/**
 * The compliance register, built one verified summary at a time (memory stays flat however many
 * files there are: per person only the latest attempt and a count, per signed content only the
 * file that represents it). Summaries are filtered (session, since), copies of one summary
 * counted once, and grouped by person: with a roster, by the roster person they match (staff id,
 * then email, then name); otherwise by staff id, email or name. Each person's latest attempt
 * decides their compliance. Pass rates and most-missed questions count each person once.
 *
 * Files may come in any order (a folder's names sorted by code unit, several paths one after
 * another); the result is as if they came sorted by name (`localeCompare`), each name's ties in
 * the order they came: among copies of one summary the first by that order is the one kept and
 * shown, and a person's latest attempt is the last finished, then the first by that order.
 */
export function createReportAggregator(options: ReportOptions): ReportAggregator {
  const at = options.at.getTime();
  const soonMs = (options.expiringWithinDays ?? 30) * DAY_MS;
  const since = options.since?.getTime();
  const roster = options.roster?.people;
  const match = roster ? rosterMatcher(roster) : undefined;
  const contents = new Map<string, Place>();
  const onRoster = new Map<number, Group>();
  const apart = new Map<string, Group>();
  const ambiguous = new Map<string, ReportData["ambiguous"][number] & Place>();
  const notVerified: RejectedFile[] = [];
  const bankIds = new Set<string>();
  const context = { organisations: new Set<string>(), policies: new Set<string>(), banks: new Set<string>() };
  let verified = 0;
  let inScope = 0;

  /** Files this attempt's person by the current file of its content; `fresh` when the content is new. */
  const place = (attempt: Attempt, arrival: number, fresh: boolean) => {
    const here = { file: attempt.file, arrival };
    const found = match?.(attempt.person);
    if (found?.kind === "ambiguous") {
      const candidates = found.candidates.map((i) => ({ line: (roster?.[i] as RosterPerson).line, name: (roster?.[i] as RosterPerson).name }));
      ambiguous.set(attempt.contentId, { file: attempt.file, name: attempt.person.name, candidates, arrival });
      return;
    }
    const key = found?.kind === "matched" ? undefined : personKey(attempt.person);
    const groups: Map<number | string, Group> = key === undefined ? onRoster : apart;
    const id = key ?? (found as { index: number }).index;
    const group = groups.get(id);
    if (!group) {
      groups.set(id, { key: key ?? "", attempts: 1, latest: { attempt, arrival }, first: here });
      return;
    }
    if (fresh) group.attempts++;
    const candidate = { attempt, arrival };
    if (isLater(candidate, group.latest)) group.latest = candidate;
    if (precedes(here, group.first)) group.first = here;
  };

  return {
    bankIds,
    add(attempt) {
      const arrival = verified++;
      bankIds.add(attempt.bank.id);
      if (options.session !== undefined && attempt.session !== options.session) return;
      if (since !== undefined && Date.parse(attempt.finishedAt) < since) return;
      inScope++;
      context.organisations.add(attempt.policy.organisation);
      context.policies.add(attempt.policy.title);
      context.banks.add(`${attempt.bank.id} ${attempt.bank.version}`);
      // The same summary handed in twice (copied, renamed) is one attempt: its signed content is the same.
      const seen = contents.get(attempt.contentId);
      const here = { file: attempt.file, arrival };
      if (seen === undefined) {
        contents.set(attempt.contentId, here);
        place(attempt, arrival, true);
      } else if (precedes(here, seen)) {
        // A copy whose name comes first stands for the content from now on.
        contents.set(attempt.contentId, here);
        place(attempt, arrival, false);
      }
    },
    reject(file, reason) {
      notVerified.push({ file, reason });
    },
    finish(words = {}) {
      // Each row with the attempt it stands on, which the pass rates and most-missed questions count.
      const rowOf = (key: string, group: Group | undefined, rosterPerson?: RosterPerson) => ({
        row: personRow(key, group, rosterPerson, words, at, soonMs),
        latest: group?.latest.attempt,
      });
      const byName = (a: PersonRow, b: PersonRow) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
      // Without a roster, people by name, and two that compare equal (names and keys the collator
      // cannot tell apart) in the order of their first file by name: one sort.
      const apartRows = () =>
        [...apart.values()]
          .map((g) => ({ first: g.first, ...rowOf(g.key, g) }))
          .sort((a, b) => byName(a.row, b.row) || (precedes(a.first, b.first) ? -1 : 1));
      // The roster's own order (HR's list, as they keep it); without one, by name.
      const rowsOfEveryone = roster ? roster.map((p, i) => rowOf(`roster:${p.line}`, onRoster.get(i), p)) : apartRows();
      const rowsNotOnRoster = roster ? apartRows() : [];
      const everyone = rowsOfEveryone.map((r) => r.row);
      const notOnRoster = rowsNotOnRoster.map((r) => r.row);
      const counted: Attempt[] = [];
      for (const r of [...rowsOfEveryone, ...rowsNotOnRoster]) if (r.latest) counted.push(r.latest);

      const roles = [...new Set(everyone.map((p) => p.role))].sort((a, b) => (a ?? "\uffff").localeCompare(b ?? "\uffff"));
      const byRole = roles.map((role) => {
        const people = everyone.filter((p) => p.role === role);
        return { role, label: people[0]?.roleLabel ?? "no role given", ...complianceSummary(people) };
      });
      const only = options.only && options.only.length > 0 ? options.only : null;
      const keep = (p: PersonRow) => only === null || only.includes(p.compliance);
      return {
        at: options.at.toISOString(),
        context: {
          ...contextOf(context, words.fallback),
          roster: options.roster?.file ?? null,
          expiringWithinDays: options.expiringWithinDays ?? 30,
        },
        filters: { session: options.session ?? null, since: options.since?.toISOString() ?? null, only },
        files: {
          read: verified + notVerified.length,
          verified,
          notVerified: notVerified.length,
          filteredOut: verified - inScope,
          duplicates: inScope - contents.size,
        },
        notVerified: [...notVerified].sort((a, b) => a.file.localeCompare(b.file)),
        people: everyone.filter(keep),
        notOnRoster: notOnRoster.filter(keep),
        ambiguous: [...ambiguous.values()]
          .sort((a, b) => (precedes(a, b) ? -1 : 1))
          .map(({ file, name, candidates }) => ({ file, name, candidates })),
        attempts: contents.size,
        overall: complianceSummary(everyone),
        byRole,
        ...sectionTallies(counted, words),
      };
    },
  };
}

/** Whether a file comes before another: by name (`localeCompare`), then in the order they came. */
function precedes(a: Place, b: Place): boolean {
  const byName = a.file.localeCompare(b.file);
  return byName < 0 || (byName === 0 && a.arrival < b.arrival);
}

/** Whether an attempt is a person's latest rather than another: finished later, then by file. */
function isLater(a: Group["latest"], b: Group["latest"]): boolean {
  const byTime = b.attempt.finishedAt.localeCompare(a.attempt.finishedAt);
  return byTime < 0 || (byTime === 0 && precedes({ file: a.attempt.file, arrival: a.arrival }, { file: b.attempt.file, arrival: b.arrival }));
}

function personRow(
  key: string,
  group: Group | undefined,
  rosterPerson: RosterPerson | undefined,
  words: ReportWords,
  at: number,
  soonMs: number,
): PersonRow {
  const s = group?.latest.attempt;
  const role = rosterPerson ? rosterPerson.role : (s?.person.role ?? null);
  const compliance = s ? complianceOf(s, at, soonMs) : "missing";
  const failed =
    s && s.overall.result === "fail"
      ? {
          sections: s.sections.filter((x) => x.result === "fail").map((x) => ({ id: x.id, title: words.labels?.sections.get(x.id) ?? x.id })),
          criticalMissed: s.sections.flatMap((x) => x.criticalMissed).map((id) => ({ id, prompt: words.labels?.questions.get(id) ?? id })),
        }
      : null;
  return {
    key,
    name: rosterPerson?.name ?? s?.person.name ?? "",
    role,
    roleLabel: role === null ? null : (words.labels?.roles?.get(role) ?? role),
    staffId: rosterPerson ? rosterPerson.staffId : (s?.person.staffId ?? null),
    email: rosterPerson ? rosterPerson.email : (s?.person.email ?? null),
    rosterLine: rosterPerson?.line ?? null,
    attempts: group?.attempts ?? 0,
    latest: s
      ? {
          file: s.file,
          finishedAt: s.finishedAt,
          overall: s.overall,
          validUntil: s.overall.result === "fail" ? null : s.validUntil,
          session: s.session,
          signer: s.signer,
        }
      : null,
    sections: sectionResults(s),
    compliance,
    failed,
    action: actionFor(compliance, s, failed),
  };
}

/** Each section's result in an attempt, by section id (none without an attempt). */
function sectionResults(s: Attempt | undefined): Record<string, AttemptSection["result"]> {
  const record = idRecord<AttemptSection["result"]>();
  for (const x of s?.sections ?? []) record[x.id] = x.result;
  return record;
}

/**
 * Pass rates per section, and the ten questions most people missed: each counted person once, by
 * their latest attempt. One pass over every attempt's sections; the Maps keep the order in which
 * each section id first appears.
 */
function sectionTallies(counted: readonly Attempt[], words: ReportWords): Pick<ReportData, "sections" | "mostMissed"> {
  const rates = new Map<string, { passed: number; total: number }>();
  const missedCount = new Map<string, { section: string; count: number }>();
  for (const s of counted) {
    for (const x of s.sections) {
      let rate = rates.get(x.id);
      if (rate === undefined) rates.set(x.id, (rate = { passed: 0, total: 0 }));
      rate.total++;
      if (x.result === "pass") rate.passed++;
      for (const q of x.missed) {
        const entry = missedCount.get(q);
        if (entry === undefined) missedCount.set(q, { section: x.id, count: 1 });
        else entry.count++;
      }
    }
  }
  return {
    sections: [...rates].map(([id, { passed, total }]) => ({ id, title: words.labels?.sections.get(id) ?? id, passed, total, percentage: percent(passed, total) })),
    mostMissed: [...missedCount.entries()]
      .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
      .slice(0, 10)
      .map(([id, { section, count }]) => ({ id, prompt: words.labels?.questions.get(id) ?? null, section, missedBy: count, of: counted.length })),
  };
}

function complianceSummary(people: readonly PersonRow[]): ComplianceSummary {
  const counts: Record<Compliance, number> = { valid: 0, expiring: 0, expired: 0, "not-passed": 0, missing: 0 };
  for (const p of people) counts[p.compliance]++;
  const compliant = counts.valid + counts.expiring;
  return { compliant, of: people.length, percentage: percent(compliant, people.length), counts };
}

/** The organisation, policy and banks the counted summaries name; the bank's own when none do. */
function contextOf(
  named: { organisations: ReadonlySet<string>; policies: ReadonlySet<string>; banks: ReadonlySet<string> },
  fallback: ReportWords["fallback"],
) {
  const organisations = [...named.organisations].sort();
  const policies = [...named.policies].sort();
  const banks = [...named.banks].sort().map((b) => {
    const [id = "", version = ""] = b.split(" ");
    return { id, version };
  });
  return {
    organisation: organisations.length > 0 ? organisations.join(" / ") : (fallback?.organisation ?? null),
    policy: policies.length > 0 ? policies.join(" / ") : (fallback?.policy ?? null),
    banks: banks.length > 0 ? banks : fallback ? [fallback.bank] : [],
  };
}

function personKey(person: Summary["person"]): string {
  if (person.staffId) return `staff:${person.staffId.toLowerCase()}`;
  if (person.email) return `email:${person.email.toLowerCase()}`;
  return `name:${person.name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim()}`;
}

function complianceOf(s: Attempt, at: number, soonMs: number): Compliance {
  if (s.overall.result === "fail") return "not-passed";
  const until = Date.parse(s.validUntil);
  if (until <= at) return "expired";
  if (until - at <= soonMs) return "expiring";
  return "valid";
}

function actionFor(compliance: Compliance, s: Attempt | undefined, failed: PersonRow["failed"]): string | null {
  switch (compliance) {
    case "missing":
      return "take the self-check";
    case "expired":
      return `renew: expired on ${s?.validUntil.slice(0, 10)}`;
    case "expiring":
      return `renew by ${s?.validUntil.slice(0, 10)}`;
    case "not-passed":
      return `retake: failed ${failed?.sections.map((x) => x.title).join(", ") || "the self-check"}`;
    default:
      return null;
  }
}

function percent(n: number, of: number): number {
  // Rounded down: a register never says 100% while someone is still missing.
  return of === 0 ? 0 : Math.floor((n * 100) / of);
}
