import { COMPLIANCE_LABEL, type ReportData } from "./aggregate-report.js";
import type { Style } from "./style.js";
import { padEnd, padStart, truncate } from "../util/text.js";

/** The terminal report: what was read, what did not verify, people, sections, questions. */
export function renderReportText(report: ReportData, style: Style, width: number): string {
  const out: string[] = [];
  const f = report.files;
  out.push(
    style.bold(`Report at ${report.at.slice(0, 10)}`),
    `${f.read} file${f.read === 1 ? "" : "s"} read: ${f.verified} verified, ${f.notVerified} not verified${f.filteredOut > 0 ? `, ${f.filteredOut} left out by filters` : ""}`,
  );
  if (report.filters.session || report.filters.since) {
    out.push(`Filters: ${[report.filters.session && `session "${report.filters.session}"`, report.filters.since && `since ${report.filters.since.slice(0, 10)}`].filter(Boolean).join(", ")}`);
  }
  if (report.notVerified.length > 0) {
    out.push("", style.bad("Not verified (not counted):"));
    for (const r of report.notVerified) out.push(`  ✗ ${r.file}: ${r.reason}`);
  }

  out.push("", style.bold(`People: ${report.people.length} (${report.attempts} attempt${report.attempts === 1 ? "" : "s"})`));
  if (report.people.length > 0) {
    const rows = report.people.map((p) => [
      p.name,
      p.role ?? "",
      p.staffId ?? p.email ?? "",
      String(p.attempts),
      p.latest.finishedAt.slice(0, 10),
      p.latest.overall.result.toUpperCase(),
      p.latest.validUntil.slice(0, 10),
      COMPLIANCE_LABEL[p.compliance],
      p.latest.signer,
    ]);
    const head = ["Name", "Role", "Id", "Tries", "Latest", "Result", "Valid until", "Status", "Signed by"];
    out.push(...table(head, rows, width, style));
  }

  if (report.sections.length > 0) {
    out.push("", style.bold("Sections (latest attempt per person)"));
    const nameWidth = Math.min(Math.max(...report.sections.map((s) => s.title.length), 7), 40);
    const barWidth = Math.max(10, Math.min(30, width - nameWidth - 20));
    for (const s of report.sections) {
      const filled = Math.round((s.percentage / 100) * barWidth);
      out.push(
        `${padEnd(s.title.slice(0, nameWidth), nameWidth)}  ${padStart(`${s.passed}/${s.total}`, 7)}  ${padStart(`${s.percentage}%`, 4)}  ${"█".repeat(filled)}${"░".repeat(barWidth - filled)}`,
      );
    }
  }
  if (report.mostMissed.length > 0) {
    out.push("", style.bold("Most-missed questions"));
    for (const q of report.mostMissed) {
      out.push(`  ${padStart(`${q.missedBy} of ${q.of}`, 9)}  ${q.id}${q.prompt ? style.dim(` — ${truncate(q.prompt, Math.max(20, width - q.id.length - 16))}`) : ""}`);
    }
  }
  const c = report.compliance;
  out.push(
    "",
    `Compliance: ${c.valid} valid · ${c["expires-soon"]} expire within 30 days · ${c.expired} expired · ${c["not-passed"]} not passed`,
  );
  return out.join("\n");
}

function table(head: string[], rows: string[][], width: number, style: Style): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => padEnd(c, widths[i] ?? 0)).join("  ").trimEnd();
  const total = widths.reduce((a, b) => a + b + 2, 0);
  if (total <= width + 2) return [style.bold(line(head)), ...rows.map(line)];
  // Too wide for the terminal: one block per person instead of a table.
  return rows.flatMap((r) => [style.bold(r[0] ?? ""), ...head.slice(1).map((h, i) => `  ${h}: ${r[i + 1] ?? ""}`)]);
}

