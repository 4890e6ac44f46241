import type { Summary } from "../summary/summary.js";

export type Compliance = "valid" | "expires-soon" | "expired" | "not-passed";

export const COMPLIANCE_LABEL: Record<Compliance, string> = {
  valid: "valid",
  "expires-soon": "expires within 30 days",
  expired: "expired",
  "not-passed": "not passed",
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
  /** What attempts are grouped by: staff id, else email, else name. */
  key: string;
  name: string;
  role: string | null;
  staffId: string | null;
  email: string | null;
  attempts: number;
  latest: { file: string; finishedAt: string; overall: Summary["overall"]; validUntil: string; session: string | null; signer: string };
  sections: Record<string, Summary["sections"][number]["result"]>;
  compliance: Compliance;
}

export interface ReportData {
  at: string;
  filters: { session: string | null; since: string | null };
  files: { read: number; verified: number; notVerified: number; filteredOut: number };
  notVerified: RejectedFile[];
  people: PersonRow[];
  attempts: number;
  sections: { id: string; title: string; passed: number; total: number; percentage: number }[];
  mostMissed: { id: string; prompt: string | null; section: string; missedBy: number; of: number }[];
  compliance: Record<Compliance, number>;
}

const SOON_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Aggregates verified summaries for a trainer. Pure. One row per person — their latest attempt,
 * with the number of attempts — grouped by staff id or email where the summary has one, else by
 * name. Pass rates and most-missed questions count each person once, by their latest attempt.
 */
export function aggregateReport(input: {
  verified: VerifiedSummary[];
  notVerified: RejectedFile[];
  at: Date;
  session?: string;
  since?: Date;
  /** Section titles and question prompts, when the bank is at hand. */
  labels?: { sections: Map<string, string>; questions: Map<string, string> };
}): ReportData {
  const at = input.at.getTime();
  const kept = input.verified.filter(
    (v) =>
      (input.session === undefined || v.summary.session === input.session) &&
      (input.since === undefined || Date.parse(v.summary.finishedAt) >= input.since.getTime()),
  );

  const groups = new Map<string, VerifiedSummary[]>();
  for (const v of kept) {
    const key = personKey(v.summary.person);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }

  const people: PersonRow[] = [...groups.entries()].map(([key, attempts]) => {
    // Latest by finish time; the file name breaks a tie so the result never depends on read order.
    const latest = [...attempts].sort(
      (a, b) => b.summary.finishedAt.localeCompare(a.summary.finishedAt) || a.file.localeCompare(b.file),
    )[0] as VerifiedSummary;
    const s = latest.summary;
    return {
      key,
      name: s.person.name,
      role: s.person.role,
      staffId: s.person.staffId,
      email: s.person.email,
      attempts: attempts.length,
      latest: {
        file: latest.file,
        finishedAt: s.finishedAt,
        overall: s.overall,
        validUntil: s.validUntil,
        session: s.session,
        signer: s.signer.principal,
      },
      sections: Object.fromEntries(s.sections.map((x) => [x.id, x.result])),
      compliance: complianceOf(s, at),
    };
  });
  people.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));

  const latestSummaries = people.map((p) => groups.get(p.key)?.find((v) => v.file === p.latest.file)?.summary as Summary);
  const sectionIds: string[] = [];
  for (const s of latestSummaries) for (const x of s.sections) if (!sectionIds.includes(x.id)) sectionIds.push(x.id);
  const sections = sectionIds.map((id) => {
    const results = latestSummaries.flatMap((s) => s.sections.filter((x) => x.id === id));
    const passed = results.filter((x) => x.result === "pass").length;
    return {
      id,
      title: input.labels?.sections.get(id) ?? id,
      passed,
      total: results.length,
      percentage: results.length === 0 ? 0 : Math.round((passed * 100) / results.length),
    };
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
    .map(([id, { section, count }]) => ({
      id,
      prompt: input.labels?.questions.get(id) ?? null,
      section,
      missedBy: count,
      of: people.length,
    }));

  const compliance: Record<Compliance, number> = { valid: 0, "expires-soon": 0, expired: 0, "not-passed": 0 };
  for (const p of people) compliance[p.compliance]++;

  return {
    at: input.at.toISOString(),
    filters: { session: input.session ?? null, since: input.since?.toISOString() ?? null },
    files: {
      read: input.verified.length + input.notVerified.length,
      verified: input.verified.length,
      notVerified: input.notVerified.length,
      filteredOut: input.verified.length - kept.length,
    },
    notVerified: input.notVerified,
    people,
    attempts: kept.length,
    sections,
    mostMissed,
    compliance,
  };
}

function personKey(person: Summary["person"]): string {
  if (person.staffId) return `staff:${person.staffId.toLowerCase()}`;
  if (person.email) return `email:${person.email.toLowerCase()}`;
  return `name:${person.name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim()}`;
}

function complianceOf(s: Summary, at: number): Compliance {
  if (s.overall.result === "fail") return "not-passed";
  const until = Date.parse(s.validUntil);
  if (until <= at) return "expired";
  if (until - at <= SOON_MS) return "expires-soon";
  return "valid";
}
