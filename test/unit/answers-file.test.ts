import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { parseYaml } from "../../src/bank/yaml-file.js";
import { checkAnswersFile } from "../../src/session/answers-file.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

const complete = `alpha-photo: never
alpha-who: [head]
alpha-report: "yes"
beta-password: keep
beta-teacher-only: bound
beta-public-test: "no"
`;

function check(text: string, role?: string) {
  const parsed = parseYaml(new TextEncoder().encode(text), "answers.yaml");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return checkAnswersFile(parsed.source, bank, role);
}

describe("checkAnswersFile", () => {
  it("accepts a complete flat answers file", () => {
    const { answers, diagnostics } = check(complete);
    expect(diagnostics).toEqual([]);
    expect(answers.get("alpha-who")).toEqual(["head"]);
    expect(answers.get("beta-public-test")).toEqual([]);
  });

  it("accepts the shape that names its bank", () => {
    const nested = `bank: minimal\nanswers:\n${complete.replace(/^/gm, "  ").trimEnd()}\n`;
    expect(check(nested).diagnostics).toEqual([]);
  });

  it("accepts JSON", () => {
    const json = JSON.stringify({
      "alpha-photo": "never",
      "alpha-who": ["head"],
      "alpha-report": "yes",
      "beta-password": "keep",
      "beta-teacher-only": "bound",
      "beta-public-test": ["happy"],
    });
    const { answers, diagnostics } = check(json);
    expect(diagnostics).toEqual([]);
    expect(answers.get("beta-public-test")).toEqual(["happy"]);
  });

  it.each([
    ["public-test yes means every part", `beta-public-test: "yes"`, ["happy"]],
    ["public-test a list of parts", `beta-public-test: [happy]`, ["happy"]],
    ["public-test an empty list", `beta-public-test: []`, []],
  ])("%s", (_name, line, expected) => {
    const { answers, diagnostics } = check(complete.replace(/beta-public-test: .*/, line));
    expect(diagnostics).toEqual([]);
    expect(answers.get("beta-public-test")).toEqual(expected);
  });

  it("a volunteer's file need not answer teacher-only questions", () => {
    const { diagnostics } = check(complete.replace(/beta-teacher-only: .*\n/, ""), "volunteer");
    expect(diagnostics).toEqual([]);
  });

  it.each([
    [
      "unknown question id",
      `${complete}alpha-typo: never\n`,
      "unknown-question",
      7,
      1,
      /unknown question id "alpha-typo"/,
    ],
    [
      "unknown option id",
      complete.replace("alpha-photo: never", "alpha-photo: sometimes"),
      "unknown-option",
      1,
      14,
      /unknown option "sometimes" for "alpha-photo" \(options: never, with-consent\)/,
    ],
    [
      "two options for a single question",
      complete.replace("alpha-photo: never", "alpha-photo: [never, with-consent]"),
      "answer-count",
      1,
      14,
      /takes exactly one option, got 2/,
    ],
    [
      "a number instead of an id",
      complete.replace("alpha-photo: never", "alpha-photo: 3"),
      "answer-shape",
      1,
      14,
      /must be an option id or a list/,
    ],
    [
      "missing answers, listed",
      complete.replace(/alpha-who: .*\n/, "").replace(/beta-password: .*\n/, ""),
      "missing-answer",
      1,
      1,
      /2 questions have no answer: alpha-who, beta-password/,
    ],
    [
      "an unknown public-test part",
      complete.replace(/beta-public-test: .*/, "beta-public-test: [sad]"),
      "unknown-option",
      6,
      19,
      /unknown part "sad" .*use no, yes, or parts: happy/,
    ],
    [
      "a file for another bank (named)",
      `bank: other-bank\nanswers:\n  q: a\n`,
      "other-bank",
      1,
      7,
      /answers file is for bank "other-bank", but the bank in use is "minimal"/,
    ],
    [
      "a file for another bank (no known ids)",
      `scope-x: a\nscope-y: b\n`,
      "other-bank",
      1,
      1,
      /none of the 2 question ids in this file is in bank "minimal"/,
    ],
    ["not a mapping", `- a\n- b\n`, "answers-shape", 1, 1, /must be a mapping/],
  ])("rejects %s", (_name, text, rule, line, col, message) => {
    const { diagnostics } = check(text);
    const d = diagnostics.find((x) => x.rule === rule);
    expect(d, JSON.stringify(diagnostics)).toBeDefined();
    expect(d).toMatchObject({ file: "answers.yaml", line, col, severity: "error" });
    expect(d?.message).toMatch(message);
  });

  it("__proto__ as a question id: refused at its position (by the YAML reader, before any check)", () => {
    const parsed = parseYaml(new TextEncoder().encode(`${complete}"__proto__": x\n`), "answers.yaml");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.diagnostics[0]).toMatchObject({ file: "answers.yaml", line: 7, col: 1, message: 'unknown key "__proto__" (it is never a valid key)' });
  });

  it("names the first unknown ids and counts the rest, for a huge wrong file", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `nope-${i}: a`).join("\n");
    const { diagnostics } = check(`${complete}${lines}\n`);
    expect(diagnostics.filter((d) => d.rule === "unknown-question")).toHaveLength(21);
    expect(diagnostics.some((d) => /and 480 more unknown question ids/.test(d.message))).toBe(true);
  });
});
