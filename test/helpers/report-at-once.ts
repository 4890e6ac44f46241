// The register as `report` built it before it streamed (issue 16): every verified summary in
// memory, then one pass. Kept verbatim as the oracle the streaming aggregator
// (src/report/aggregate-report.ts) must equal, byte for byte, on any input.
import type { Summary } from "../../src/summary/summary.js";
import { rosterMatcher } from "../../src/report/match-roster.js";
import type { RosterPerson } from "../../src/report/roster.js";
import { idRecord } from "../../src/util/records.js";
import type {
  Compliance,
  ComplianceSummary,
  PersonRow,
  ReportData,
  ReportInput,
  VerifiedSummary,
} from "../../src/report/aggregate-report.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The compliance register, all at once. Pure. Verified summaries are filtered (session, since), copies of one
 * summary counted once, and grouped by person: with a roster, by the roster person they match
 * (staff id, then email, then name); otherwise by staff id, email or name. Each person's latest
 * attempt decides their compliance. Pass rates and most-missed questions count each person once.
 */
export function aggregateReportAtOnce(input: ReportInput): ReportData {
  const at = input.at.getTime();
  const soonMs = (input.expiringWithinDays ?? 30) * DAY_MS;
  const inScope = input.verified.filter(
    (v) =>
      (input.session === undefined || v.summary.session === input.session) &&
      (input.since === undefined || Date.parse(v.summary.finishedAt) >= input.since.getTime()),
  );
  // The same summary handed in twice (copied, renamed) is one attempt: its signed content is the same.
  const seen = new Set<string>();
  const kept = [...inScope]
    .sort((a, b) => a.file.localeCompare(b.file))
    .filter((v) => {
      const content = JSON.stringify(v.summary);
      if (seen.has(content)) return false;
      seen.add(content);
      return true;
    });

  const roster = input.roster?.people;
  const match = roster ? rosterMatcher(roster) : undefined;
  const onRoster = new Map<number, VerifiedSummary[]>();
  const apart = new Map<string, VerifiedSummary[]>();
  const ambiguous: ReportData["ambiguous"] = [];
  for (const v of kept) {
    const found = match?.(v.summary.person);
    if (found?.kind === "matched") {
      onRoster.set(found.index, [...(onRoster.get(found.index) ?? []), v]);
    } else if (found?.kind === "ambiguous") {
      ambiguous.push({
        file: v.file,
        name: v.summary.person.name,
        candidates: found.candidates.map((i) => ({ line: (roster?.[i] as RosterPerson).line, name: (roster?.[i] as RosterPerson).name })),
      });
    } else {
      const key = personKey(v.summary.person);
      apart.set(key, [...(apart.get(key) ?? []), v]);
    }
  }

  const row = (key: string, attempts: VerifiedSummary[], rosterPerson?: RosterPerson): PersonRow => {
    const latest = [...attempts].sort(
      (a, b) => b.summary.finishedAt.localeCompare(a.summary.finishedAt) || a.file.localeCompare(b.file),
    )[0];
    const s = latest?.summary;
    const role = rosterPerson ? rosterPerson.role : (s?.person.role ?? null);
    const compliance = s ? complianceOf(s, at, soonMs) : "missing";
    const failed =
      s && s.overall.result === "fail"
        ? {
            sections: s.sections.filter((x) => x.result === "fail").map((x) => ({ id: x.id, title: input.labels?.sections.get(x.id) ?? x.id })),
            criticalMissed: s.sections.flatMap((x) => x.criticalMissed).map((id) => ({ id, prompt: input.labels?.questions.get(id) ?? id })),
          }
        : null;
    return {
      key,
      name: rosterPerson?.name ?? s?.person.name ?? "",
      role,
      roleLabel: role === null ? null : (input.labels?.roles?.get(role) ?? role),
      staffId: rosterPerson ? rosterPerson.staffId : (s?.person.staffId ?? null),
      email: rosterPerson ? rosterPerson.email : (s?.person.email ?? null),
      rosterLine: rosterPerson?.line ?? null,
      attempts: attempts.length,
      latest:
        latest && s
          ? {
              file: latest.file,
              finishedAt: s.finishedAt,
              overall: s.overall,
              validUntil: s.overall.result === "fail" ? null : s.validUntil,
              session: s.session,
              signer: s.signer.principal,
            }
          : null,
      sections: idRecord(s ? s.sections.map((x) => [x.id, x.result] as const) : []),
      compliance,
      failed,
      action: actionFor(compliance, s, failed),
    };
  };
  const byName = (a: PersonRow, b: PersonRow) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
  // The roster's own order (HR's list, as they keep it); without one, by name.
  const everyone = roster
    ? roster.map((p, i) => row(`roster:${p.line}`, onRoster.get(i) ?? [], p))
    : [...apart.entries()].map(([key, attempts]) => row(key, attempts)).sort(byName);
  const notOnRoster = roster ? [...apart.entries()].map(([key, attempts]) => row(key, attempts)).sort(byName) : [];

  // Pass rates and most-missed: each counted person once, by their latest attempt.
  const latestOf = new Map(kept.map((v) => [v.file, v.summary]));
  const latestSummaries = [...everyone, ...notOnRoster].flatMap((p) => (p.latest ? [latestOf.get(p.latest.file) as Summary] : []));
  const sectionIds: string[] = [];
  for (const s of latestSummaries) for (const x of s.sections) if (!sectionIds.includes(x.id)) sectionIds.push(x.id);
  const sections = sectionIds.map((id) => {
    const results = latestSummaries.flatMap((s) => s.sections.filter((x) => x.id === id));
    const passed = results.filter((x) => x.result === "pass").length;
    return { id, title: input.labels?.sections.get(id) ?? id, passed, total: results.length, percentage: percent(passed, results.length) };
  });
  const missedCount = new Map<string, { section: string; count: number }>();
  for (const s of latestSummaries) {
    for (const x of s.sections) {
      for (const q of x.missed) {
        const entry = missedCount.get(q) ?? { section: x.id, count: 0 };
        entry.count++;
        missedCount.set(q, entry);
      }
    }
  }
  const mostMissed = [...missedCount.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([id, { section, count }]) => ({ id, prompt: input.labels?.questions.get(id) ?? null, section, missedBy: count, of: latestSummaries.length }));

  const roles = [...new Set(everyone.map((p) => p.role))].sort((a, b) => (a ?? "\uffff").localeCompare(b ?? "\uffff"));
  const byRole = roles.map((role) => {
    const people = everyone.filter((p) => p.role === role);
    return { role, label: people[0]?.roleLabel ?? "no role given", ...complianceSummary(people) };
  });

  const only = input.only && input.only.length > 0 ? input.only : null;
  const keep = (p: PersonRow) => only === null || only.includes(p.compliance);
  return {
    at: input.at.toISOString(),
    context: {
      ...contextOf(kept, input.fallback),
      roster: input.roster?.file ?? null,
      expiringWithinDays: input.expiringWithinDays ?? 30,
    },
    filters: { session: input.session ?? null, since: input.since?.toISOString() ?? null, only },
    files: {
      read: input.verified.length + input.notVerified.length,
      verified: input.verified.length,
      notVerified: input.notVerified.length,
      filteredOut: input.verified.length - inScope.length,
      duplicates: inScope.length - kept.length,
    },
    notVerified: input.notVerified,
    people: everyone.filter(keep),
    notOnRoster: notOnRoster.filter(keep),
    ambiguous,
    attempts: kept.length,
    overall: complianceSummary(everyone),
    byRole,
    sections,
    mostMissed,
  };
}

function complianceSummary(people: readonly PersonRow[]): ComplianceSummary {
  const counts: Record<Compliance, number> = { valid: 0, expiring: 0, expired: 0, "not-passed": 0, missing: 0 };
  for (const p of people) counts[p.compliance]++;
  const compliant = counts.valid + counts.expiring;
  return { compliant, of: people.length, percentage: percent(compliant, people.length), counts };
}

/** The organisation, policy and banks the counted summaries name; the bank's own when none do. */
function contextOf(kept: readonly VerifiedSummary[], fallback: ReportInput["fallback"]) {
  const distinct = (values: string[]) => [...new Set(values)].sort();
  const organisations = distinct(kept.map((v) => v.summary.policy.organisation));
  const policies = distinct(kept.map((v) => v.summary.policy.title));
  const banks = distinct(kept.map((v) => `${v.summary.bank.id} ${v.summary.bank.version}`)).map((b) => {
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

function complianceOf(s: Summary, at: number, soonMs: number): Compliance {
  if (s.overall.result === "fail") return "not-passed";
  const until = Date.parse(s.validUntil);
  if (until <= at) return "expired";
  if (until - at <= soonMs) return "expiring";
  return "valid";
}

function actionFor(compliance: Compliance, s: Summary | undefined, failed: PersonRow["failed"]): string | null {
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
