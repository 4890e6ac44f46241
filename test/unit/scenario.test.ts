import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { computeCoverage, meetsMinimum } from "../../src/bank/coverage.js";
import { diffBanks } from "../../src/bank/diff-banks.js";
import { baseAnswers, runScenario, type Scenario } from "../../src/engine/scenario.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

const scenario = (over: Partial<Scenario>): Scenario => ({
  name: "s",
  file: "s.yaml",
  base: "all-correct",
  answers: new Map(),
  expect: { overall: "pass" },
  ...over,
});

describe("baseAnswers", () => {
  it("all-correct keys every question and answers the public test no", () => {
    expect(Object.fromEntries(baseAnswers(bank, "all-correct"))).toEqual({
      "alpha-photo": ["never"],
      "alpha-who": ["head"],
      "alpha-report": ["yes"],
      "beta-password": ["keep"],
      "beta-teacher-only": ["bound"],
      "beta-public-test": [],
    });
  });
  it("all-wrong picks non-keyed options (all of them for multi) and flags the public test", () => {
    expect(Object.fromEntries(baseAnswers(bank, "all-wrong"))).toEqual({
      "alpha-photo": ["with-consent"],
      "alpha-who": ["nobody"],
      "alpha-report": ["no"],
      "beta-password": ["share"],
      "beta-teacher-only": ["free"],
      "beta-public-test": ["happy"],
    });
  });
  it("none answers nothing; a role drops other roles' questions", () => {
    expect(baseAnswers(bank, "none").size).toBe(0);
    expect(baseAnswers(bank, "all-correct", "volunteer").has("beta-teacher-only")).toBe(false);
  });
});

describe("runScenario", () => {
  it("passes when every expectation holds", () => {
    const outcome = runScenario(
      bank,
      scenario({
        answers: new Map([["alpha-photo", ["with-consent"]]]),
        expect: { overall: "fail", sections: { alpha: "fail", beta: "pass" }, missed: ["alpha-photo"], criticalMissed: ["alpha-photo"], flagged: false },
      }),
    );
    expect(outcome.mismatches).toEqual([]);
  });

  it("names expected vs actual and the questions responsible", () => {
    const outcome = runScenario(
      bank,
      scenario({ answers: new Map([["alpha-photo", ["with-consent"]]]), expect: { overall: "pass", sections: { alpha: "pass", beta: "pass" }, missed: [] } }),
    );
    expect(outcome.mismatches).toEqual([
      { kind: "overall", expected: "pass", actual: "fail", questions: ["alpha-photo"] },
      { kind: "section", section: "alpha", expected: "pass", actual: "fail", questions: ["alpha-photo"] },
      { kind: "missed", expected: "none", actual: "alpha-photo", questions: ["alpha-photo"] },
    ]);
  });

  it("reports a review the scenario did not expect, with the flagged question", () => {
    const outcome = runScenario(bank, scenario({ answers: new Map([["beta-public-test", ["happy"]]]), expect: { overall: "pass", flagged: false } }));
    expect(outcome.mismatches.map((m) => [m.kind, m.actual, m.questions])).toEqual([
      ["overall", "review", ["beta-public-test"]],
      ["flagged", "true", ["beta-public-test"]],
    ]);
  });
});

describe("computeCoverage", () => {
  it("lists the questions per clause and the percentage", () => {
    const coverage = computeCoverage(bank);
    expect(coverage).toMatchObject({ covered: 4, total: 4, percentage: 100, uncovered: [] });
    expect(coverage.clauses.find((c) => c.id === "be-1")?.questions).toEqual(["beta-password", "beta-teacher-only"]);
  });
  it("finds an uncited clause and compares the minimum exactly", () => {
    const extended = { ...bank, clauses: [...bank.clauses, { id: "be-3", section: "beta", text: "New rule.", ref: "Beta, 3rd point" }] };
    const coverage = computeCoverage(extended);
    expect(coverage).toMatchObject({ covered: 4, total: 5, percentage: 80, uncovered: ["be-3"] });
    expect(meetsMinimum(coverage, 80)).toBe(true);
    expect(meetsMinimum(coverage, 80.1)).toBe(false);
    expect(meetsMinimum(coverage, 100)).toBe(false);
  });
});

describe("diffBanks", () => {
  it("identical banks have no differences", () => {
    const diff = diffBanks(bank, bank);
    expect(diff).toMatchObject({ identical: true, clauses: [], questions: [], redo: [] });
  });

  it("finds reworded clauses, changed keys, added and removed questions, and the sections to redo", () => {
    const alpha = bank.sections[0];
    const beta = bank.sections[1];
    if (!alpha || !beta) throw new Error("fixture");
    const changed: Bank = {
      ...bank,
      sha256: "different",
      clauses: bank.clauses.map((c) => (c.id === "be-1" ? { ...c, text: "Teachers must keep passwords secret and safe." } : c)),
      sections: [
        {
          ...alpha,
          questions: alpha.questions
            .filter((q) => q.id !== "alpha-report")
            .map((q) => (q.id === "alpha-who" ? { ...q, explanation: `${q.explanation} More.` } : q)),
        },
        {
          ...beta,
          questions: beta.questions.map((q) =>
            q.id === "beta-password" && q.type === "single"
              ? { ...q, options: q.options.map((o) => ({ ...o, correct: o.id === "share" })) }
              : q,
          ),
        },
      ],
    };
    const diff = diffBanks(bank, changed);
    expect(diff.identical).toBe(false);
    expect(diff.clauses).toEqual([{ id: "be-1", section: "beta", change: "reworded" }]);
    expect(diff.questions).toEqual(
      expect.arrayContaining([
        { id: "alpha-who", section: "alpha", change: "changed", fields: ["explanation"] },
        { id: "beta-password", section: "beta", change: "changed", fields: ["keyed"] },
        { id: "alpha-report", section: "alpha", change: "removed", fields: [] },
      ]),
    );
    expect(diff.redo).toEqual([
      { section: "alpha", reasons: ["question alpha-report removed"] },
      { section: "beta", reasons: ["clause be-1 reworded", "question beta-password: keyed changed"] },
    ]);
  });
});
