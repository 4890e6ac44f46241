import { COMPLIANCE_LABEL, type ReportData } from "./aggregate-report.js";

/**
 * One row per person, RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
 * line break, quotes doubled. A field a spreadsheet would read as a formula (= + - @) is
 * prefixed with an apostrophe.
 */
export function renderReportCsv(report: ReportData): string {
  const sectionIds = report.sections.map((s) => s.id);
  const head = [
    "name",
    "role",
    "staff_id",
    "email",
    "attempts",
    "latest_finished_at",
    "overall",
    "correct",
    "total",
    "percentage",
    "valid_until",
    "status",
    "session",
    "signer",
    "file",
    ...sectionIds.map((id) => `section_${id}`),
  ];
  const rows = report.people.map((p) => [
    p.name,
    p.role ?? "",
    p.staffId ?? "",
    p.email ?? "",
    String(p.attempts),
    p.latest.finishedAt,
    p.latest.overall.result,
    String(p.latest.overall.correct),
    String(p.latest.overall.total),
    String(p.latest.overall.percentage),
    p.latest.validUntil,
    COMPLIANCE_LABEL[p.compliance],
    p.latest.session ?? "",
    p.latest.signer,
    p.latest.file,
    ...sectionIds.map((id) => p.sections[id] ?? ""),
  ]);
  return [head, ...rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
