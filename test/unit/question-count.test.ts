import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { renderBankText } from "../../src/report/bank-text.js";
import { questionCount } from "../../src/report/run-result.js";
import { createStyle } from "../../src/report/style.js";
import { mustLoad } from "../helpers/load.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";

/** Counts a person reads are the counts they get: per role, and with the right plural. */
let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

describe("question counts in words", () => {
  it("the welcome gives the range over roles when the role is not known yet", () => {
    // The minimal bank has one teacher-only question: teachers get 6, volunteers 5.
    expect(questionCount(bank, undefined)).toBe("Between 5 and 6 questions in 2 sections, depending on your role.");
  });

  it("and the exact number once the role is known", () => {
    expect(questionCount(bank, "teacher")).toBe("6 questions in 2 sections.");
    expect(questionCount(bank, "volunteer")).toBe("5 questions in 2 sections.");
  });

  it("one question is '1 question', not '1 questions'", () => {
    const one: Bank = { ...bank, roles: [{ id: "teacher", label: "Teacher" }], sections: bank.sections.map((s) => ({ ...s, questions: s.questions.slice(0, 1) })) };
    expect(questionCount(one, undefined)).toBe("2 questions in 2 sections.");
    const single: Bank = { ...one, sections: one.sections.slice(0, 1) };
    expect(questionCount(single, undefined)).toBe("1 question in 1 section.");
    expect(renderBankText(single, undefined, createStyle(false))).toMatch(/\[alpha\] — 1 question, pass at 60%/);
  });
});
