import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { isChoice } from "../../src/bank/bank.js";
import { loadBank } from "../../src/bank/load-bank.js";
import { scoreAnswers } from "../../src/engine/score.js";
import { DEFAULT_BANK } from "../helpers/bank-fixture.js";
import { GUESSERS, guessAnswers } from "../helpers/guessers.js";

/**
 * A person who never read the policy and answers from surface cues alone (the longest option,
 * the most cautious-sounding, the one in the policy's words, the odd first word out, always
 * "No") must fail every section of the default bank, whatever role they choose.
 */
let bank: Bank;
beforeAll(async () => {
  const loaded = await loadBank(DEFAULT_BANK);
  if (!loaded.bank) throw new Error("default bank does not load");
  bank = loaded.bank;
});

describe("surface-cue guessers on the default bank", () => {
  for (const guesser of GUESSERS) {
    it(`"${guesser.name}" fails every section, for every role and for none`, () => {
      const answers = guessAnswers(bank, guesser);
      for (const role of [undefined, ...bank.roles.map((r) => r.id)]) {
        const result = scoreAnswers(bank, answers, role === undefined ? {} : { role });
        const passed = result.sections
          .filter((s) => s.result !== "fail")
          .map((s) => `${s.id} ${s.correct}/${s.total}`);
        expect(passed, `role ${role ?? "(none)"}`).toEqual([]);
      }
    });
  }

  it("the guessers are real: each gets some questions right, and answers every choice question", () => {
    const choice = bank.sections.flatMap((s) => s.questions).filter(isChoice);
    for (const guesser of GUESSERS) {
      const answers = guessAnswers(bank, guesser);
      expect(answers.size).toBe(choice.length);
      const result = scoreAnswers(bank, answers);
      expect(result.overall.correct, guesser.name).toBeGreaterThan(0);
    }
  });
});
