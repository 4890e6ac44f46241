import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { aggregateReport } from "../../src/report/aggregate-report.js";
import { renderReportText } from "../../src/report/report-text.js";
import { createStyle } from "../../src/report/style.js";
import { displayWidth, padEndDisplay, truncateDisplay } from "../../src/util/display-width.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { sampleSummary } from "../helpers/summaries.js";

let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

describe("display width", () => {
  it("counts a CJK character as two columns and a combining accent as none", () => {
    expect(displayWidth("王小明")).toBe(6);
    expect(displayWidth("Zoe\u0308")).toBe(3);
    expect(padEndDisplay("王", 4)).toBe("王  ");
  });

  it("cuts long titles between words, never mid-word when a word ends in the second half", () => {
    expect(truncateDisplay("Responsibilities of staff and volunteers", 24)).toBe("Responsibilities of…");
    expect(truncateDisplay("Short", 24)).toBe("Short");
    expect(truncateDisplay("Supercalifragilisticexpialidocious", 10)).toBe("Supercali…");
    expect(displayWidth(truncateDisplay("安全保護の責任と職員の義務について", 11))).toBeLessThanOrEqual(11);
  });
});

describe("the report's people table", () => {
  it("lines up columns for names in any script, composed or decomposed", () => {
    const names = ["王小明", "Zoe\u0308 Ng", "Sam Patel", "Siobha\u0301n Kelly"];
    const report = aggregateReport({
      verified: names.map((name, i) => ({
        file: `${i}.json`,
        summary: sampleSummary(bank, { name, staffId: `A${i}`, role: "teacher" }),
        keyFingerprint: "",
      })),
      notVerified: [],
      at: new Date("2026-12-01T00:00:00Z"),
    });
    const lines = renderReportText(report, createStyle(false), 160).split("\n");
    const rows = names.map((n) => lines.find((l) => l.startsWith(n)) ?? "");
    const columns = rows.map((l) => stringWidth(l.slice(0, l.indexOf("teacher"))));
    expect(columns.every((c) => c === columns[0] && c > 0)).toBe(true);
  });
});
