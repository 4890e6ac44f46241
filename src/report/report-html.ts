import { COMPLIANCE_LABEL, type ReportData } from "./aggregate-report.js";
import { plural } from "../util/text.js";

/**
 * One self-contained HTML file: inline CSS, an inline SVG bar chart of per-section pass rates,
 * and the compliance list. No scripts, fonts or images from anywhere else, so it opens offline
 * and prints cleanly.
 */
export function renderReportHtml(report: ReportData, title: string): string {
  const f = report.files;
  const c = report.compliance;
  const people = report.people
    .map(
      (p) => `<tr class="status-${p.compliance}">
  <td>${esc(p.name)}</td><td>${esc(p.role ?? "")}</td><td>${esc(p.staffId ?? p.email ?? "")}</td>
  <td class="num">${p.attempts}</td><td>${esc(p.latest.finishedAt.slice(0, 10))}</td>
  <td>${esc(p.latest.overall.result.toUpperCase())} <span class="muted">${p.latest.overall.correct}/${p.latest.overall.total}</span></td>
  <td>${esc(p.latest.validUntil.slice(0, 10))}</td><td><strong>${esc(COMPLIANCE_LABEL[p.compliance])}</strong></td>
  <td>${esc(p.latest.signer)}</td>
</tr>`,
    )
    .join("\n");
  const rejected = report.notVerified.map((r) => `<li><code>${esc(r.file)}</code>: ${esc(r.reason)}</li>`).join("\n");
  const missed = report.mostMissed
    .map(
      (q) =>
        `<tr><td class="num">${q.missedBy} of ${q.of}</td><td><code>${esc(q.id)}</code></td><td>${esc(q.prompt ?? "")}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  :root { --ink: #1d2430; --muted: #5b6472; --line: #d7dce3; --good: #1f7a44; --bad: #b3261e; --warn: #8a5a00; }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 70rem; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
  .muted { color: var(--muted); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-weight: 600; background: #f3f5f8; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  .status-valid strong { color: var(--good); }
  .status-expires-soon strong { color: var(--warn); }
  .status-expired strong, .status-not-passed strong { color: var(--bad); }
  .cards { display: flex; gap: 1rem; flex-wrap: wrap; padding: 0; list-style: none; }
  .cards li { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .8rem; min-width: 9rem; }
  .cards b { display: block; font-size: 1.4rem; }
  svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
  @media print {
    body { margin: 0; max-width: none; font-size: 11pt; }
    h2 { break-after: avoid; }
    tr, li, svg { break-inside: avoid; }
    th { background: none; }
  }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="muted">Report at ${esc(report.at.slice(0, 10))}${report.filters.session ? ` · session ${esc(report.filters.session)}` : ""}${report.filters.since ? ` · since ${esc(report.filters.since.slice(0, 10))}` : ""}.
${plural(f.read, "file")} read: ${f.verified} verified, ${f.notVerified} not verified${f.filteredOut > 0 ? `, ${f.filteredOut} left out by filters` : ""}.</p>

<ul class="cards" aria-label="Compliance">
  <li><b>${report.people.length}</b>${report.people.length === 1 ? "person" : "people"} (${plural(report.attempts, "attempt")})</li>
  <li><b>${c.valid}</b>valid</li>
  <li><b>${c["expires-soon"]}</b>expire within 30 days</li>
  <li><b>${c.expired}</b>expired</li>
  <li><b>${c["not-passed"]}</b>not passed</li>
</ul>

<h2>Pass rate by section</h2>
${sectionChart(report)}

<h2>Compliance, one row per person (latest attempt)</h2>
<table id="people">
<thead><tr><th>Name</th><th>Role</th><th>Id</th><th class="num">Attempts</th><th>Latest</th><th>Result</th><th>Valid until</th><th>Status</th><th>Signed by</th></tr></thead>
<tbody>
${people}
</tbody>
</table>

<h2>Most-missed questions</h2>
${missed === "" ? "<p>None.</p>" : `<table id="missed"><thead><tr><th class="num">Missed by</th><th>Question</th><th></th></tr></thead><tbody>\n${missed}\n</tbody></table>`}

<h2>Files that did not verify (not counted)</h2>
${rejected === "" ? "<p>None.</p>" : `<ul id="not-verified">\n${rejected}\n</ul>`}
</body>
</html>
`;
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

