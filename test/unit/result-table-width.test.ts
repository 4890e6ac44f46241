import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import type { Result, SectionResult } from "../../src/engine/score.js";
import { renderResultTable } from "../../src/report/result-table.js";
import { createStyle } from "../../src/report/style.js";
import { padEndDisplay, truncateDisplay } from "../../src/util/display-width.js";

const section = (id: string, title: string): SectionResult => ({
  id, title, result: "pass", correct: 4, total: 5, percentage: 80, threshold: 80, criticalMissed: [], missed: [], flagged: false,
});

describe("text padded and cut for a terminal is measured in columns, not code units", () => {
  it("a CJK title and a decomposed accent keep the result table's columns aligned", async () => {
    const result: Result = {
      overall: { result: "pass", correct: 12, total: 15, percentage: 80 },
      sections: [section("a", "Scope"), section("b", "安全保護の方針"), section("c", "Cafe\u0301 rules")],
      questions: [],
      publicTestFlagged: false,
    };
    const rows = renderResultTable(result, createStyle(false), 80, await mustLoad(MINIMAL_BANK)).split("\n").slice(1, 4);
    // Each row's "4/5" starts at the same screen column.
    const columns = rows.map((row) => stringWidth(row.slice(0, row.indexOf("4/5"))));
    expect(new Set(columns).size).toBe(1);
  });

  it("cuts by columns and never splits a character", () => {
    expect(stringWidth(truncateDisplay("安全保護の方針について", 9))).toBeLessThanOrEqual(9);
    expect(truncateDisplay("👩‍🏫 teacher 👩‍🏫 teacher", 12)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(stringWidth(padEndDisplay("Cafe\u0301", 8))).toBe(8);
  });
});
