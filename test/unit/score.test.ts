import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { scoreAnswers } from "../../src/engine/score.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

// The minimal bank: alpha (threshold 60%): alpha-photo (critical), alpha-who (multi), alpha-report (yesno);
// beta: beta-password, beta-teacher-only (teacher), beta-public-test.
const allCorrect: Record<string, string[]> = {
  "alpha-photo": ["never"],
  "alpha-who": ["head"],
  "alpha-report": ["yes"],
  "beta-password": ["keep"],
  "beta-teacher-only": ["bound"],
  "beta-public-test": [],
};

let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

const score = (changes: Record<string, string[] | undefined>, role?: string) => {
  const answers = new Map(
    Object.entries({ ...allCorrect, ...changes }).filter(([, v]) => v !== undefined) as [
      string,
      string[],
    ][],
  );
  return scoreAnswers(bank, answers, role ? { role } : {});
};

describe("scoreAnswers", () => {
  it.each([
    {
      name: "all correct passes every section",
      changes: {},
      overall: "pass",
      sections: { alpha: ["pass", 3, 3], beta: ["pass", 2, 2] },
    },
    {
      name: "a critical miss fails the section even above the threshold",
      changes: { "alpha-photo": ["with-consent"] },
      overall: "fail",
      sections: { alpha: ["fail", 2, 3], beta: ["pass", 2, 2] },
    },
    {
      name: "a non-critical miss at or above the threshold still passes (2/3 = 66% ≥ 60%)",
      changes: { "alpha-who": ["nobody"] },
      overall: "pass",
      sections: { alpha: ["pass", 2, 3], beta: ["pass", 2, 2] },
    },
    {
      name: "below the threshold fails (1/2 = 50% < 60%)",
      changes: { "beta-password": ["share"] },
      overall: "fail",
      sections: { alpha: ["pass", 3, 3], beta: ["fail", 1, 2] },
    },
    {
      name: "multi answers must match the key exactly: a keyed option plus a wrong one is wrong",
      changes: { "alpha-who": ["head", "nobody"], "alpha-report": ["no"] },
      overall: "fail",
      sections: { alpha: ["fail", 1, 3], beta: ["pass", 2, 2] },
    },
    {
      name: "a public-test yes marks the section review, not fail",
      changes: { "beta-public-test": ["happy"] },
      overall: "review",
      sections: { alpha: ["pass", 3, 3], beta: ["review", 2, 2] },
    },
    {
      name: "fail outranks review in the same section",
      changes: { "beta-public-test": ["happy"], "beta-password": ["share"] },
      overall: "fail",
      sections: { alpha: ["pass", 3, 3], beta: ["fail", 1, 2] },
    },
    {
      name: "an unanswered question counts as missed",
      changes: { "beta-password": undefined },
      overall: "fail",
      sections: { alpha: ["pass", 3, 3], beta: ["fail", 1, 2] },
    },
  ])("$name", ({ changes, overall, sections }) => {
    const result = score(changes);
    expect(result.overall.result).toBe(overall);
    for (const [id, [verdict, correct, total]] of Object.entries(sections)) {
      expect(result.sections.find((s) => s.id === id)).toMatchObject({
        result: verdict,
        correct,
        total,
      });
    }
  });

  it("names critical misses and missed questions per section", () => {
    const result = score({ "alpha-photo": ["with-consent"], "alpha-who": ["nobody"] });
    const alpha = result.sections.find((s) => s.id === "alpha");
    expect(alpha?.criticalMissed).toEqual(["alpha-photo"]);
    expect(alpha?.missed).toEqual(["alpha-photo", "alpha-who"]);
    expect(alpha?.percentage).toBe(33);
    expect(alpha?.threshold).toBe(60);
  });

  it("role filtering: a volunteer is not asked or scored on teacher-only questions", () => {
    const result = score({ "beta-teacher-only": ["free"] }, "volunteer");
    expect(result.sections.find((s) => s.id === "beta")).toMatchObject({
      result: "pass",
      correct: 1,
      total: 1,
    });
    expect(result.questions.map((q) => q.id)).not.toContain("beta-teacher-only");
    expect(score({ "beta-teacher-only": ["free"] }, "teacher").sections[1]).toMatchObject({
      correct: 1,
      total: 2,
    });
  });

  it("overall totals add the sections up and flag the public test", () => {
    const result = score({ "beta-public-test": ["happy"] });
    expect(result.overall).toEqual({ result: "review", correct: 5, total: 5, percentage: 100 });
    expect(result.publicTestFlagged).toBe(true);
    expect(result.questions.find((q) => q.id === "beta-public-test")).toMatchObject({
      correct: null,
      flagged: true,
    });
  });

  it("is pure: scoring twice gives equal results and leaves the answers untouched", () => {
    const answers = new Map(Object.entries(allCorrect));
    const snapshot = JSON.stringify([...answers]);
    expect(scoreAnswers(bank, answers)).toEqual(scoreAnswers(bank, answers));
    expect(JSON.stringify([...answers])).toBe(snapshot);
  });
});

describe("createScorer (a base judged once, overrides re-judged)", () => {
  // Every single override and every pair of overrides of the default bank, for each role and
  // base: the same result as scoring the merged answers from nothing.
  it("gives exactly the result of scoring base plus overrides from scratch", async () => {
    const { DEFAULT_BANK } = await import("../helpers/bank-fixture.js");
    const { createScorer, applicableQuestions } = await import("../../src/engine/score.js");
    const { baseAnswers } = await import("../../src/engine/scenario.js");
    const big = await mustLoad(DEFAULT_BANK);
    const questions = big.sections.flatMap((s) => applicableQuestions(s, undefined));
    const choices = (q: (typeof questions)[number]): string[][] =>
      q.type === "public-test" ? [[], q.parts.map((p) => p.id)] : q.options.map((o) => [o.id]);
    for (const role of [undefined, ...big.roles.map((r) => r.id)]) {
      for (const base of ["all-correct", "all-wrong", "none"] as const) {
        const baseMap = baseAnswers(big, base, role);
        const options = role === undefined ? {} : { role };
        const scorer = createScorer(big, baseMap, options);
        questions.forEach((q, i) => {
          const other = questions[(i * 7 + 3) % questions.length] as (typeof questions)[number];
          for (const answer of choices(q)) {
            const overrides = new Map([[q.id, answer], [other.id, choices(other)[0] as string[]]]);
            const merged = new Map([...baseMap, ...overrides]);
            expect(scorer(overrides)).toEqual(createScorer(big, merged, options)(new Map()));
          }
        });
      }
    }
  });
});
