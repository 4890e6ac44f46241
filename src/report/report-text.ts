import { displayWidth, padEndDisplay, padStartDisplay, truncateDisplay } from "../util/display-width.js";
import { plural } from "../util/text.js";
import { COMPLIANCE_LABEL, type PersonRow, type ReportData } from "./aggregate-report.js";
import { complianceLine, registerScope, registerTitle } from "./register-text.js";
import type { Style } from "./style.js";

/** The register on a terminal: what it covers, compliance overall and by role, people, next actions. */
export function renderReportText(report: ReportData, style: Style, width: number): string {
  const out: string[] = [];
  out.push(style.bold(registerTitle(report)), registerScope(report), filesLine(report));

  out.push("", style.bold(complianceLine(report)));
  if (report.byRole.length > 1 || (report.byRole.length === 1 && report.byRole[0]?.role !== null)) {
    const labelWidth = Math.min(30, Math.max(...report.byRole.map((r) => displayWidth(r.label))));
    for (const r of report.byRole) {
      out.push(`  ${padEndDisplay(truncateDisplay(r.label, labelWidth), labelWidth)}  ${padStartDisplay(`${r.compliant} of ${r.of}`, 9)}  ${padStartDisplay(`${r.percentage}%`, 4)}`);
    }
  }

  if (report.notVerified.length > 0) {
    out.push("", style.bad(`Not verified (not counted): ${report.notVerified.length}`));
    for (const r of report.notVerified) out.push(`  ✗ ${r.file}: ${r.reason}`);
  }

  const only = report.filters.only ? ` — only ${report.filters.only.map((c) => COMPLIANCE_LABEL[c]).join(", ")}` : "";
  out.push("", style.bold(`${report.context.roster ? "Staff on the roster" : "People"}: ${report.people.length}${only} (${plural(report.attempts, "attempt")} counted)`));
  if (report.people.length > 0) out.push(...peopleTable(report.people, width, style));

  const failed = [...report.people, ...report.notOnRoster].filter((p) => p.failed);
  if (failed.length > 0) {
    out.push("", style.bold("Why they did not pass"));
    for (const p of failed) out.push(...failLines(p, width));
  }

  const actions = report.people.filter((p) => p.action);
  if (actions.length > 0) {
    out.push("", style.bold(`Next actions: ${actions.length}`));
    for (const p of actions) out.push(`  ${p.name}${p.email ? ` <${p.email}>` : ""}: ${p.action}`);
  }

  if (report.notOnRoster.length > 0) {
    out.push("", style.warn(`Not on the roster: ${report.notOnRoster.length} (verified summaries from people the roster does not list)`));
    out.push(...peopleTable(report.notOnRoster, width, style));
  }
  if (report.ambiguous.length > 0) {
    out.push("", style.warn(`Not matched, the name fits more than one person on the roster: ${report.ambiguous.length}`));
    for (const a of report.ambiguous) {
      out.push(`  ${a.file}: "${a.name}" could be ${a.candidates.map((c) => `line ${c.line}`).join(" or ")} (add a staff id or email to the summary or the roster)`);
    }
  }

  if (report.sections.length > 0) {
    out.push("", style.bold("Sections (latest attempt per person)"));
    const nameWidth = Math.min(Math.max(...report.sections.map((s) => displayWidth(s.title)), 7), 40);
    const barWidth = Math.max(10, Math.min(30, width - nameWidth - 20));
    for (const s of report.sections) {
      const filled = Math.round((s.percentage / 100) * barWidth);
      out.push(
        `${padEndDisplay(truncateDisplay(s.title, nameWidth), nameWidth)}  ${padStartDisplay(`${s.passed}/${s.total}`, 7)}  ${padStartDisplay(`${s.percentage}%`, 4)}  ${"█".repeat(filled)}${"░".repeat(barWidth - filled)}`,
      );
    }
  }
  if (report.mostMissed.length > 0) {
    out.push("", style.bold("Most-missed questions"));
    for (const q of report.mostMissed) {
      out.push(`  ${padStartDisplay(`${q.missedBy} of ${q.of}`, 9)}  ${q.id}${q.prompt ? style.dim(` — ${truncateDisplay(q.prompt, Math.max(20, width - q.id.length - 16))}`) : ""}`);
    }
  }
  return out.join("\n");
}

function filesLine(report: ReportData): string {
  const f = report.files;
  return `${plural(f.read, "file")} read: ${f.verified} verified, ${f.notVerified} not verified${f.duplicates > 0 ? `, ${f.duplicates} duplicate ${f.duplicates === 1 ? "copy" : "copies"} counted once` : ""}${f.filteredOut > 0 ? `, ${f.filteredOut} left out by filters` : ""}`;
}

function failLines(p: PersonRow, width: number): string[] {
  const lines = [`  ${p.name}: failed ${p.failed?.sections.map((s) => s.title).join(", ") || "overall"}`];
  for (const q of p.failed?.criticalMissed ?? []) lines.push(`      critical question missed: ${truncateDisplay(q.prompt, Math.max(30, width - 32))}`);
  return lines;
}

function peopleTable(people: readonly PersonRow[], width: number, style: Style): string[] {
  const rows = people.map((p) => [
    p.name,
    p.roleLabel ?? "",
    p.staffId ?? p.email ?? "",
    String(p.attempts),
    p.latest?.finishedAt.slice(0, 10) ?? "",
    p.latest?.overall.result.toUpperCase() ?? "",
    p.latest?.validUntil?.slice(0, 10) ?? "",
    COMPLIANCE_LABEL[p.compliance],
    p.latest?.signer ?? "",
  ]);
  const head = ["Name", "Role", "Id", "Tries", "Latest", "Result", "Valid until", "Status", "Signed by"];
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: string[]) => cells.map((c, i) => padEndDisplay(c, widths[i] ?? 0)).join("  ").trimEnd();
  const total = widths.reduce((a, b) => a + b + 2, 0);
  if (total <= width + 2) return [style.bold(line(head)), ...rows.map(line)];
  // Too wide for the terminal: one block per person instead of a table.
  return rows.flatMap((r) => [style.bold(r[0] ?? ""), ...head.slice(1).map((h, i) => `  ${h}: ${r[i + 1] ?? ""}`).filter((l) => !l.endsWith(": "))]);
}
