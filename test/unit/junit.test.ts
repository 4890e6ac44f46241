import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report/junit.js";

describe("renderJunit", () => {
  const xml = renderJunit({
    name: "bank 1.0.0",
    timestamp: new Date("2026-11-24T10:00:00Z"),
    cases: [
      { name: "passes", classname: "scenarios.a", file: "scenarios/a.yaml", seconds: 0.0012 },
      {
        name: 'fails <with> "odd" & characters\u0007',
        classname: "scenarios.b",
        file: "scenarios/b.yaml",
        seconds: 0.002,
        failure: { message: "section x: expected pass, got fail", details: "line one\nline <two>" },
      },
    ],
  });

  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("has the structure CI tools read: testsuites > testsuite > testcase > failure, with counts", () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testcase" || name === "testsuite" }).parse(xml);
    const suites = doc.testsuites;
    expect(suites).toMatchObject({ tests: "2", failures: "1", errors: "0" });
    const [suite] = suites.testsuite;
    expect(suite).toMatchObject({ name: "bank 1.0.0", tests: "2", failures: "1", errors: "0", skipped: "0", timestamp: "2026-11-24T10:00:00" });
    expect(Number(suite.time)).toBeCloseTo(0.003, 3);
    expect(suite.testcase).toHaveLength(2);
    expect(suite.testcase[0]).toMatchObject({ name: "passes", classname: "scenarios.a", time: "0.001" });
    expect(suite.testcase[0].failure).toBeUndefined();
    // Escaped on the way out, decoded by the parser; the control character XML cannot hold is gone.
    expect(suite.testcase[1].name).toBe('fails <with> "odd" & characters');
    expect(suite.testcase[1].failure).toMatchObject({ message: "section x: expected pass, got fail", type: "ScenarioMismatch" });
  });
});
