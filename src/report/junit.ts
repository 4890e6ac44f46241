/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one <testsuites>
 * with one <testsuite> per bank and one <testcase> per scenario; a failed scenario carries a
 * <failure> with a one-line message and the details as text.
 */
export interface JunitCase {
  name: string;
  classname: string;
  file: string;
  seconds: number;
  failure?: { message: string; details: string };
}

export function renderJunit(suite: { name: string; timestamp: Date; cases: JunitCase[] }): string {
  const failures = suite.cases.filter((c) => c.failure).length;
  const time = seconds(suite.cases.reduce((t, c) => t + c.seconds, 0));
  const counts = `tests="${suite.cases.length}" failures="${failures}" errors="0" skipped="0" time="${time}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suite.name)}" tests="${suite.cases.length}" failures="${failures}" errors="0" time="${time}">`,
    `  <testsuite name="${attr(suite.name)}" ${counts} timestamp="${suite.timestamp.toISOString().replace(/\.\d{3}Z$/, "")}" hostname="localhost">`,
  ];
  for (const c of suite.cases) {
    const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}" file="${attr(c.file)}" time="${seconds(c.seconds)}"`;
    if (!c.failure) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`);
    lines.push(`      <failure message="${attr(c.failure.message)}" type="ScenarioMismatch">${text(c.failure.details)}</failure>`);
    lines.push("    </testcase>");
  }
  lines.push("  </testsuite>", "</testsuites>", "");
  return lines.join("\n");
}

function seconds(value: number): string {
  return value.toFixed(3);
}

/** Characters XML 1.0 cannot hold at all are dropped; the rest are escaped. */
function clean(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "");
}

function text(value: string): string {
  return clean(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;").replace(/\r/g, "&#13;");
}
