import { beforeAll, describe, expect, it } from "vitest";
import { type Bank, clauseMap, isChoice } from "../../src/bank/bank.js";
import { createStyle } from "../../src/report/style.js";
import { type QuestionTally, renderReveal, sectionDifficulty } from "../../src/session/facilitator.js";
import { DEFAULT_BANK, MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

describe("sectionDifficulty", () => {
  it("ranks sections by the share of hands on keyed answers, hardest first; uncounted sections last", () => {
    const tallies: QuestionTally[] = [
      { id: "alpha-photo", section: "alpha", keyed: ["never"], tally: { never: 9, "with-consent": 1 } },
      { id: "alpha-who", section: "alpha", keyed: ["head"], tally: { head: 5, nobody: 5 } },
      { id: "beta-password", section: "beta", keyed: ["keep"], tally: { keep: 2, share: 8 } },
      { id: "beta-public-test", section: "beta", keyed: [], tally: null },
    ];
    expect(sectionDifficulty(tallies, bank.sections)).toEqual([
      { id: "beta", title: "Beta section", correctHands: 2, totalHands: 10, percentage: 20 },
      { id: "alpha", title: "Alpha section", correctHands: 14, totalHands: 20, percentage: 70 },
    ]);
    expect(sectionDifficulty([], bank.sections).map((d) => d.percentage)).toEqual([null, null]);
  });
});

describe("renderReveal", () => {
  it("marks and highlights the keyed options, shows the room's hands beside each, and flags a critical question", () => {
    const q = bank.sections[0]?.questions[0];
    if (!q || !isChoice(q)) throw new Error("fixture");
    const plain = renderReveal(q, { never: 3, "with-consent": 1 }, clauseMap(bank), createStyle(false), 60, 40);
    const lines = plain.split("\n");
    expect(lines.find((l) => l.includes("A. "))).toMatch(/^ {2}✓ A\. .+ {2}3 \(75%\)$/);
    expect(lines.find((l) => l.includes("B. "))).toMatch(/^ {4}B\. .+ {2}1 \(25%\)$/);
    expect(plain).toContain("Answer: A  (4 hands counted)");
    expect(plain).not.toContain("\u001b");
    const coloured = renderReveal(q, null, clauseMap(bank), createStyle(true), 60, 40).split("\n");
    // Keyed: green and bold; the others dimmed.
    expect(coloured.find((l) => l.includes("A. "))).toMatch(/\u001b\[32m/);
    expect(coloured.find((l) => l.includes("B. "))).toMatch(/\u001b\[2m/);
  });

  it("every question of the default bank fits a 40-row terminal at the reveal, with its prompt and every option", async () => {
    const full = await mustLoad(DEFAULT_BANK);
    const clauses = clauseMap(full);
    let fitted = 0;
    for (const q of full.sections.flatMap((s) => s.questions)) {
      if (!isChoice(q)) continue;
      const tally = Object.fromEntries(q.options.map((o, i) => [o.id, i * 3]));
      for (const width of [60, 80, 84]) {
        const text = renderReveal(q, tally, clauses, createStyle(false), width, 36, "Section · question 1 of 73 · the answer");
        const lines = text.split("\n");
        expect(lines.length, `${q.id} at ${width} columns`).toBeLessThanOrEqual(36);
        expect(lines.every((l) => l.length <= width), `${q.id} at ${width} columns`).toBe(true);
        expect(text.replace(/\s+/g, " ")).toContain(q.prompt.replace(/\s+/g, " "));
        for (const o of q.options) expect(text.replace(/\s+/g, " ")).toContain(o.label.replace(/\s+/g, " ").split(" ")[0]);
        if (q.critical) expect(text).toContain("Critical: one wrong answer here fails the section.");
        if (text !== renderReveal(q, tally, clauses, createStyle(false), width, Infinity, "Section · question 1 of 73 · the answer")) fitted++;
      }
    }
    // Some reveals are long enough that the fitting had to work.
    expect(fitted).toBeGreaterThan(0);
  });
});
