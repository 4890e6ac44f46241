import { beforeAll, describe, expect, it } from "vitest";
import { type Bank, isChoice } from "../../src/bank/bank.js";
import { createStyle } from "../../src/report/style.js";
import { type QuestionTally, renderDistribution, sectionDifficulty } from "../../src/session/facilitator.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
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

describe("renderDistribution", () => {
  it("shows hands and shares per option, in words and numbers, ticking the keyed one", () => {
    const q = bank.sections[0]?.questions[0];
    if (!q || !isChoice(q)) throw new Error("fixture");
    const text = renderDistribution(q, { never: 3, "with-consent": 1 }, createStyle(false), 60);
    const [first, second] = text.split("\n");
    expect(first).toMatch(/^ {2}A {2}█+·* +3 \( 75%\) {2}✓ keyed$/);
    expect(second).toMatch(/^ {2}B {2}█+·* +1 \( 25%\)$/);
    expect(text).not.toContain("\u001b");
  });
});
