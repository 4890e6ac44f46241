import { COMPLIANCE_LABEL, type PersonRow, type ReportData } from "./aggregate-report.js";
import { compliantPhrase, countsPhrase, registerScope, registerTitle } from "./register-text.js";
import { plural } from "../util/text.js";

/**
 * The register as one self-contained HTML file: what it covers, compliance overall and by role,
 * every person with the reason for a fail, next actions, an inline SVG chart of pass rates, and
 * a sign-off block; a print stylesheet for a clean PDF. No scripts, fonts or images from anywhere else, so it opens offline
 * and prints cleanly.
 */
export function renderReportHtml(report: ReportData): string {
  const f = report.files;
  const o = report.overall;
  const roster = report.context.roster !== null;
  const title = registerTitle(report);
  const peopleRows = (people: readonly PersonRow[]) =>
    people
      .map(
        (p) => `<tr class="status-${p.compliance}">
  <td>${esc(p.name)}</td><td>${esc(p.roleLabel ?? "")}</td><td>${esc(p.staffId ?? p.email ?? "")}</td>
  <td><strong>${esc(COMPLIANCE_LABEL[p.compliance])}</strong></td><td class="date">${esc(p.latest?.validUntil?.slice(0, 10) ?? "")}</td>
  <td>${p.latest ? `${esc(p.latest.overall.result.toUpperCase())} <span class="muted">${p.latest.overall.correct}/${p.latest.overall.total}, ${esc(p.latest.finishedAt.slice(0, 10))}</span>` : ""}</td>
  <td class="num">${p.attempts}</td><td>${whyHtml(p)}</td><td>${esc(p.latest?.signer ?? "")}</td>
</tr>`,
      )
      .join("\n");
  const peopleTable = (id: string, people: readonly PersonRow[]) =>
    `<table id="${id}">
<thead><tr><th>Name</th><th>Role</th><th>Id</th><th>Status</th><th>Valid until</th><th>Latest attempt</th><th class="num">Attempts</th><th>Why not passed</th><th>Signed by</th></tr></thead>
<tbody>
${peopleRows(people)}
</tbody>
</table>`;
  const roles = report.byRole
    .map((r) => `<tr><td>${esc(r.label)}</td><td class="num">${r.compliant} of ${r.of}</td><td class="num">${r.percentage}%</td><td class="muted">${esc(countsPhrase(r))}</td></tr>`)
    .join("\n");
  const actions = report.people
    .filter((p) => p.action)
    .map((p) => `<li class="status-${p.compliance}"><strong>${esc(p.name)}</strong>${p.email ? ` &lt;${esc(p.email)}&gt;` : ""}: ${esc(p.action ?? "")}</li>`)
    .join("\n");
  const ambiguous = report.ambiguous
    .map((a) => `<li><code>${esc(a.file)}</code>: “${esc(a.name)}” could be ${a.candidates.map((c) => `${esc(c.name)} (roster line ${c.line})`).join(" or ")}</li>`)
    .join("\n");
  const rejected = report.notVerified.map((r) => `<li><code>${esc(r.file)}</code>: ${esc(r.reason)}</li>`).join("\n");
  const missed = report.mostMissed
    .map(
      (q) =>
        `<tr><td class="num">${q.missedBy} of ${q.of}</td><td><code>${esc(q.id)}</code></td><td>${esc(q.prompt ?? "")}</td></tr>`,
    )
    .join("\n");
  const only = report.filters.only ? ` Showing only: ${esc(report.filters.only.map((c) => COMPLIANCE_LABEL[c]).join(", "))}.` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  :root { --ink: #1d2430; --muted: #5b6472; --line: #d7dce3; --good: #1f7a44; --bad: #b3261e; --warn: #8a5a00; }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 74rem; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
  .muted { color: var(--muted); }
  .overall { font-size: 1.3rem; font-weight: 600; margin: 1rem 0 .25rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-weight: 600; background: #f3f5f8; }
  td.num, th.num, td.date { text-align: right; white-space: nowrap; }
  td.date { text-align: left; }
  .status-valid strong { color: var(--good); }
  .status-expiring strong { color: var(--warn); }
  .status-expired strong, .status-not-passed strong, .status-missing strong { color: var(--bad); }
  ul.why { margin: 0; padding-left: 1rem; }
  .signoff { display: flex; gap: 3rem; margin-top: 3rem; }
  .signoff div { flex: 1; border-top: 1px solid var(--ink); padding-top: .25rem; }
  svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
  @page { size: A4 landscape; margin: 12mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 9.5pt; color: #000; }
    h2 { break-after: avoid; }
    thead { display: table-header-group; }
    tr, li, svg, .signoff { break-inside: avoid; }
    th { background: none; }
    a { color: inherit; text-decoration: none; }
  }
</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p id="scope">${esc(registerScope(report))}</p>
<p class="muted">${plural(f.read, "file")} read: ${f.verified} verified, ${f.notVerified} not verified${f.duplicates > 0 ? `, ${f.duplicates} duplicate ${f.duplicates === 1 ? "copy" : "copies"} counted once` : ""}${f.filteredOut > 0 ? `, ${f.filteredOut} left out by filters` : ""}.${only}</p>
</header>

<p class="overall" id="overall">${esc(compliantPhrase(o, roster))}</p>
<p class="muted">${esc(countsPhrase(o))}. Compliant means a pass still in date (valid or expiring within ${plural(report.context.expiringWithinDays, "day")}).</p>

<h2>By role</h2>
<table id="roles"><thead><tr><th>Role</th><th class="num">Compliant</th><th class="num"></th><th>Status</th></tr></thead><tbody>
${roles}
</tbody></table>

<h2>${roster ? "Staff on the roster" : "People"} (latest attempt each)</h2>
${report.people.length === 0 ? "<p>None.</p>" : peopleTable("people", report.people)}

<h2>Next actions</h2>
${actions === "" ? "<p>None.</p>" : `<ul id="actions">\n${actions}\n</ul>`}
${roster ? `\n<h2>Not on the roster</h2>\n${report.notOnRoster.length === 0 ? "<p>None.</p>" : peopleTable("not-on-roster", report.notOnRoster)}\n` : ""}${ambiguous === "" ? "" : `\n<h2>Not matched: the name fits more than one person on the roster</h2>\n<ul id="ambiguous">\n${ambiguous}\n</ul>\n`}
<h2>Pass rate by section</h2>
${sectionChart(report)}

<h2>Most-missed questions</h2>
${missed === "" ? "<p>None.</p>" : `<table id="missed"><thead><tr><th class="num">Missed by</th><th>Question</th><th></th></tr></thead><tbody>\n${missed}\n</tbody></table>`}

<h2>Files that did not verify (not counted)</h2>
${rejected === "" ? "<p>None.</p>" : `<ul id="not-verified">\n${rejected}\n</ul>`}

<section class="signoff" aria-label="Sign-off"><div>Checked by (name and role)</div><div>Signature</div><div>Date</div></section>
</body>
</html>
`;
}

function whyHtml(p: PersonRow): string {
  if (!p.failed) return "";
  const items = [
    ...p.failed.sections.map((s) => `<li>failed ${esc(s.title)}</li>`),
    ...p.failed.criticalMissed.map((q) => `<li>critical question missed: ${esc(q.prompt)}</li>`),
  ];
  return `<ul class="why">${items.join("")}</ul>`;
}

/** Horizontal bars, one per section, labelled with the rate and the counts. */
function sectionChart(report: ReportData): string {
  const rowHeight = 30;
  // Room for the longest title at about 7.5px a character (13px system font), so none is cut off.
  const labelWidth = Math.max(120, Math.ceil(Math.max(0, ...report.sections.map((s) => s.title.length)) * 7.5) + 16);
  const barWidth = 400;
  const height = report.sections.length * rowHeight + 10;
  const bars = report.sections
    .map((s, i) => {
      const y = 5 + i * rowHeight;
      const w = Math.round((s.percentage / 100) * barWidth);
      return `  <g class="bar" data-section="${esc(s.id)}">
    <text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${esc(s.title)}</text>
    <rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 10}" fill="#eef1f5"/>
    <rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" fill="${s.percentage >= 80 ? "#2e8b57" : s.percentage >= 50 ? "#d08c00" : "#c0392b"}"><title>${esc(`${s.title}: ${s.passed} of ${s.total} passed`)}</title></rect>
    <text x="${labelWidth + barWidth + 8}" y="${y + 18}">${s.percentage}% (${s.passed}/${s.total})</text>
  </g>`;
    })
    .join("\n");
  return `<svg id="section-chart" xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 110}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 110} ${height}" role="img" aria-label="Pass rate by section">
${bars}
</svg>`;
}

function esc(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

