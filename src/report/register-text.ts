import { plural } from "../util/text.js";
import { COMPLIANCE, COMPLIANCE_LABEL, type ComplianceSummary, type ReportData } from "./aggregate-report.js";

/** The register's headings and sentences, the same in the table, the HTML and their tests. */
export function registerTitle(report: ReportData): string {
  return `Compliance register${report.context.organisation ? ` — ${report.context.organisation}` : ""}`;
}

/** Policy, bank version, date and filters: what a signed-off copy must say it covers. */
export function registerScope(report: ReportData): string {
  const c = report.context;
  const f = report.filters;
  return [
    c.policy ?? "no policy named",
    c.banks.length > 0 ? `bank ${c.banks.map((b) => `${b.id} ${b.version}`).join(", ")}` : "no bank",
    `at ${report.at.slice(0, 10)}`,
    f.session ? `session "${f.session}"` : "all sessions",
    ...(f.since ? [`since ${f.since.slice(0, 10)}`] : []),
    ...(c.roster ? [`roster ${c.roster}`] : []),
    `expiring = within ${plural(c.expiringWithinDays, "day")}`,
  ].join(" · ");
}

export function complianceLine(report: ReportData): string {
  return `${compliantPhrase(report.overall, report.context.roster !== null)} (${countsPhrase(report.overall)})`;
}

export function compliantPhrase(s: ComplianceSummary, roster: boolean): string {
  if (s.of === 0) return roster ? "Nobody on the roster" : "No verified summaries to report on";
  return `${s.compliant} of ${s.of} ${roster ? "staff" : s.of === 1 ? "person" : "people"} compliant, ${s.percentage}%`;
}

export function countsPhrase(s: ComplianceSummary): string {
  return COMPLIANCE.filter((c) => s.counts[c] > 0 || c !== "missing").map((c) => `${s.counts[c]} ${COMPLIANCE_LABEL[c]}`).join(" · ");
}

