import { COMPLIANCE_LABEL, type PersonRow, type ReportData } from "./aggregate-report.js";

/**
 * The register as CSV, one row per person, ready for a mail merge: everyone on the roster, then
 * people with summaries who are not on it (`on_roster` no). Every row names the organisation,
 * policy, bank and session filter, so a row copied elsewhere still says what it is about.
 *
 * UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the local code page and shows
 * "SiobhÃ¡n" for "Siobhán". The BOM is what Excel itself writes for "CSV UTF-8", and csv-parse,
 * LibreOffice, Google Sheets and Python's utf-8-sig read it. RFC 4180 otherwise: CRLF line ends,
 * fields quoted when they hold a comma, quote or line break, quotes doubled. A field a
 * spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with an apostrophe.
 */
export function renderReportCsv(report: ReportData): string {
  const sectionIds = report.sections.map((s) => s.id);
  const head = [
    "name",
    "email",
    "staff_id",
    "role",
    "status",
    "next_action",
    "valid_until",
    "attempts",
    "latest_finished_at",
    "overall",
    "correct",
    "total",
    "percentage",
    "failed_sections",
    "critical_missed",
    "on_roster",
    "session",
    "signer",
    "file",
    "organisation",
    "policy",
    "bank",
    "session_filter",
    ...sectionIds.map((id) => `section_${id}`),
  ];
  const context = [
    report.context.organisation ?? "",
    report.context.policy ?? "",
    report.context.banks.map((b) => `${b.id} ${b.version}`).join("; "),
    report.filters.session ?? "all sessions",
  ];
  const row = (p: PersonRow, onRoster: string) => [
    p.name,
    p.email ?? "",
    p.staffId ?? "",
    p.roleLabel ?? "",
    COMPLIANCE_LABEL[p.compliance],
    p.action ?? "",
    p.latest?.validUntil ?? "",
    String(p.attempts),
    p.latest?.finishedAt ?? "",
    p.latest?.overall.result ?? "",
    p.latest ? String(p.latest.overall.correct) : "",
    p.latest ? String(p.latest.overall.total) : "",
    p.latest ? String(p.latest.overall.percentage) : "",
    p.failed?.sections.map((s) => s.title).join("; ") ?? "",
    p.failed?.criticalMissed.map((q) => q.prompt).join("; ") ?? "",
    onRoster,
    p.latest?.session ?? "",
    p.latest?.signer ?? "",
    p.latest?.file ?? "",
    ...context,
    ...sectionIds.map((id) => (Object.hasOwn(p.sections, id) ? p.sections[id] : undefined) ?? ""),
  ];
  const roster = report.context.roster !== null;
  const rows = [
    ...report.people.map((p) => row(p, roster ? "yes" : "")),
    ...report.notOnRoster.map((p) => row(p, "no")),
  ];
  return `\uFEFF${[head, ...rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
