import type { Mismatch, ScenarioOutcome } from "../engine/scenario.js";
import type { JunitCase } from "./junit.js";
import type { Style } from "./style.js";
import { idRecord } from "../util/records.js";

export interface TimedOutcome extends ScenarioOutcome {
  seconds: number;
}

/** "section safeguarding: expected pass, got fail (safeguarding-current-pupil-request)" */
export function describeMismatch(m: Mismatch): string {
  const what = m.kind === "section" ? `section ${m.section}` : m.kind;
  const why = m.questions.length > 0 ? ` (questions: ${m.questions.join(", ")})` : "";
  return `${what}: expected ${m.expected}, got ${m.actual}${why}`;
}

export function renderPretty(outcomes: TimedOutcome[], style: Style): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.mismatches.length === 0) {
      lines.push(`${style.good("✓ PASS")} ${o.scenario.name}`);
      continue;
    }
    lines.push(`${style.bad("✗ FAIL")} ${o.scenario.name} ${style.dim(`(${o.scenario.file})`)}`);
    for (const m of o.mismatches) lines.push(`    ${describeMismatch(m)}`);
    // Expected vs actual for every section the scenario names, so the whole picture is in one place.
    const expected = o.scenario.expect.sections ?? {};
    for (const section of o.result.sections) {
      const want = expected[section.id];
      if (want === undefined) continue;
      const mark = want === section.result ? " " : "≠";
      lines.push(
        `    ${mark} ${section.id.padEnd(20)} expected ${want.padEnd(6)} actual ${section.result.padEnd(6)} ${section.correct}/${section.total}${section.missed.length > 0 ? ` missed: ${section.missed.join(", ")}` : ""}`,
      );
    }
  }
  const failed = outcomes.filter((o) => o.mismatches.length > 0).length;
  lines.push("", `${outcomes.length - failed} passed, ${failed} failed`);
  return lines.join("\n");
}

export function toJson(outcomes: TimedOutcome[], bank: { id: string; version: string }) {
  const failed = outcomes.filter((o) => o.mismatches.length > 0).length;
  return {
    bank,
    total: outcomes.length,
    passed: outcomes.length - failed,
    failed,
    scenarios: outcomes.map((o) => ({
      name: o.scenario.name,
      file: o.scenario.file,
      passed: o.mismatches.length === 0,
      mismatches: o.mismatches,
      result: {
        overall: o.result.overall.result,
        sections: idRecord(o.result.sections.map((s) => [s.id, s.result] as const)),
        missed: o.result.sections.flatMap((s) => s.missed),
        flagged: o.result.publicTestFlagged,
      },
      seconds: o.seconds,
    })),
  };
}

export function toJunitCases(outcomes: TimedOutcome[]): JunitCase[] {
  return outcomes.map((o) => ({
    name: o.scenario.name,
    classname: `scenarios.${o.scenario.file.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/, "")}`,
    file: o.scenario.file,
    seconds: o.seconds,
    ...(o.mismatches.length === 0
      ? {}
      : {
          failure: {
            message: o.mismatches.map(describeMismatch).join("; "),
            details: o.mismatches.map(describeMismatch).join("\n"),
          },
        }),
  }));
}
