import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { PROGRESS_FORMAT, progressOf, readProgress } from "../../src/session/progress.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

const run = { name: "Sam Patel", role: "teacher", mode: "self" as const, seed: 7, startedAt: new Date("2026-11-30T10:00:00Z") };
const saved = (changes: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: PROGRESS_FORMAT,
    bank: { id: bank.id, sha256: bank.sha256 },
    name: "Sam Patel",
    role: "teacher",
    mode: "self",
    seed: 7,
    startedAt: "2026-11-30T10:00:00.000Z",
    answers: { "alpha-photo": ["never"], "alpha-who": ["head", "nobody"] },
    ...changes,
  });

describe("progress of an interrupted run", () => {
  it("keeps question and option ids, never the public-knowledge test's answers", () => {
    const progress = progressOf(bank, run, new Map([["alpha-photo", ["never"]], ["beta-public-test", ["happy"]]]));
    expect(progress.answers).toEqual({ "alpha-photo": ["never"] });
    expect(JSON.stringify(progress)).not.toContain("happy");
    expect(Object.keys(progress).sort()).toEqual(["answers", "bank", "format", "mode", "name", "role", "seed", "startedAt"]);
  });

  it("reads back what it wrote", () => {
    const progress = progressOf(bank, run, new Map([["alpha-photo", ["never"]]]));
    expect(readProgress(JSON.stringify(progress), bank)).toEqual({ progress });
  });

  it("a file for another bank, or another version of this one, is not offered", () => {
    expect(readProgress(saved({ bank: { id: "other", sha256: bank.sha256 } }), bank)).toBeUndefined();
    expect(readProgress(saved({ bank: { id: bank.id, sha256: "0".repeat(64) } }), bank)).toBeUndefined();
  });

  it.each([
    ["not JSON", () => "{", "it is not valid JSON"],
    ["another format", () => saved({ format: "selfcheck-progress/9" }), "it is not a progress file of this version"],
    ["a name with a control character", () => saved({ name: "Sam\u001b[2J" }), "its name is not valid"],
    ["a role the bank does not have", () => saved({ role: "head-of-year" }), "its role is not in the bank"],
    ["an unknown mode", () => saved({ mode: "exam" }), "its mode is not known"],
    ["a seed out of range", () => saved({ seed: -1 }), "its seed is not valid"],
    ["a start that is not a time", () => saved({ startedAt: "yesterday" }), "its start time is not valid"],
    ["an unknown question", () => saved({ answers: { nope: ["x"] } }), 'its answer to "nope" is not one this bank takes'],
    ["an unknown option", () => saved({ answers: { "alpha-photo": ["maybe"] } }), 'its answer to "alpha-photo" is not one this bank takes'],
    ["two options for a single-answer question", () => saved({ answers: { "alpha-photo": ["never", "with-consent"] } }), 'its answer to "alpha-photo" is not one this bank takes'],
    ["an option twice", () => saved({ answers: { "alpha-who": ["head", "head"] } }), 'its answer to "alpha-who" is not one this bank takes'],
    ["a public-test answer", () => saved({ answers: { "beta-public-test": ["happy"] } }), 'its answer to "beta-public-test" is not one this bank takes'],
  ] as [string, () => string, string][])("refuses %s", (_what, text, problem) => {
    expect(readProgress(text(), bank)).toEqual({ problem });
  });
});
