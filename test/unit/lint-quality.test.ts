import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadBank } from "../../src/bank/load-bank.js";
import { QUALITY_RULES, runs } from "../../src/bank/lint-quality.js";
import { bankCopy, MINIMAL_BANK } from "../helpers/bank-fixture.js";

/**
 * One section file per heuristic: each fires on the give-away it describes, at the place to
 * change, naming the question, as a warning (the bank still loads).
 */
const policy = `clauses:
  - id: al-1
    section: alpha
    text: Staff must alert the Headteacher when a pupil sends them a friend request.
  - id: al-2
    section: alpha
    text: Staff should report concerns to the Headteacher.
  - id: be-1
    section: beta
    text: Teachers must keep their passwords secret.
  - id: be-2
    section: beta
    text: Ask yourself "would I be happy if this were public?"
`;

const policyText = `Staff must alert the Headteacher when a pupil sends them a friend request.
Staff should report concerns to the Headteacher.
Teachers must keep their passwords secret.
Ask yourself "would I be happy if this were public?"
`;
const files = (section: string) => ({
  "policy.txt": policyText,
  "policy.yaml": policy,
  "sections/01-alpha.yaml": section,
});

const alpha = (intro: string, questions: string) => `id: alpha
title: Alpha section
intro: ${intro}
questions:
${questions}`;

const single = (id: string, options: [string, string, string, boolean][], extra = "") => `  - id: ${id}
    type: single
    prompt: A pupil sends you a friend request. What do you do?
    options:
${options.map(([oid, label, , correct]) => `      - id: ${oid}\n        label: ${label}${correct ? "\n        correct: true" : ""}`).join("\n")}
    clauses: [al-1]
    explanation: The policy says "Staff must alert the Headteacher when a pupil sends them a friend request."
${extra}`;

const yesno = (id: string, key: "yes" | "no", prompt = "Should you report a concern?") => `  - id: ${id}
    type: yesno
    prompt: ${prompt}
    options:
      - id: "yes"
        label: "Yes"${key === "yes" ? "\n        correct: true" : ""}
      - id: "no"
        label: "No"${key === "no" ? "\n        correct: true" : ""}
    clauses: [al-2]
    explanation: The policy says "Staff should report concerns to the Headteacher."
`;

interface Case {
  rule: (typeof QUALITY_RULES)[number];
  name: string;
  section: string;
  at: { line: number; col: number };
  message: RegExp;
}

const fair: [string, string, string, boolean][] = [
  ["accept", "Accept it and keep your posts private", "", false],
  ["ignore", "Ignore it and carry on as normal", "", false],
  ["decline", "Decline it and tell the school's leaders", "", true],
];

const cases: Case[] = [
  {
    rule: "cue-first-word",
    name: "the keyed option is the only one starting with a different word",
    section: alpha("Friend requests.", single("alpha-odd", [
      ["a", "Accept it, then mute the pupil", "", false],
      ["b", "Accept it, but never reply", "", false],
      ["c", "Decline it and tell the school", "", true],
    ])),
    at: { line: 14, col: 16 },
    message: /keyed option "c" is the only one not starting with "accept".*\(alpha-odd\)$/,
  },
  {
    rule: "cue-policy-words",
    name: "only the keyed option borrows the clause's words",
    section: alpha("Friend requests.", single("alpha-echo", [
      ["a", "Accept it and keep your posts private", "", false],
      ["b", "Ignore it and carry on as normal", "", false],
      ["c", "Decline it and alert the Headteacher", "", true],
    ])),
    at: { line: 14, col: 16 },
    message: /keyed option "c" is the only one using the cited clause's words.*\(alpha-echo\)$/,
  },
  {
    rule: "cue-length",
    name: "the keyed option is clearly the longest",
    section: alpha("Friend requests.", single("alpha-long", [
      ["a", "Accept it", "", false],
      ["b", "Ignore it", "", false],
      ["c", "Decline it, keep a note of when it came, and tell the school's leaders today", "", true],
    ])),
    at: { line: 14, col: 16 },
    message: /keyed option "c" is clearly the longest \(76 characters, the next 9\).*\(alpha-long\)$/,
  },
  {
    rule: "gives-away",
    name: "the section intro states a later keyed answer",
    section: alpha("Always decline it and tell the school's leaders.", single("alpha-intro", fair)),
    at: { line: 3, col: 8 },
    message: /the section intro states its keyed answer \("tell the schools"\).*\(alpha-intro\)$/,
  },
  {
    rule: "gives-away",
    name: "an earlier explanation quotes the clause a later question tests",
    section: alpha(
      "Friend requests and concerns.",
      yesno("alpha-first", "yes").replace(
        `explanation: The policy says "Staff should report concerns to the Headteacher."`,
        `explanation: The policy says "Staff should report concerns to the Headteacher." and "Staff must alert the Headteacher when a pupil sends them a friend request."`,
      ) + single("alpha-later", fair),
    ),
    at: { line: 15, col: 18 },
    message: /explanation of "alpha-first" states clause al-1, which it tests, of the later question "alpha-later".*\(alpha-first\)$/,
  },
  {
    rule: "yesno-lean",
    name: "every yes/no question in a section keyed yes",
    section: alpha("Concerns.", yesno("alpha-y1", "yes") + yesno("alpha-y2", "yes") + yesno("alpha-y3", "yes")),
    at: { line: 5, col: 5 },
    message: /all 3 yes\/no questions in this section are keyed "yes".*\(alpha-y1, alpha-y2, alpha-y3\)$/,
  },
  {
    rule: "role-assumed",
    name: "a prompt that assumes the person teaches a class, without roles",
    section: alpha("Concerns.", yesno("alpha-class", "yes", "A pupil in your class tells you something worrying. Should you report it?")),
    at: { line: 7, col: 13 },
    message: /"in your class" assumes the person teaches.*\(alpha-class\)$/,
  },
];

describe("bank-quality lint: one fixture per heuristic", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it.each(cases)("$rule: $name", async (c) => {
    const copy = await bankCopy(MINIMAL_BANK, files(c.section));
    cleanup = copy.cleanup;
    const { bank, diagnostics } = await loadBank(copy.dir, { display: (abs) => path.relative(copy.dir, abs) });
    const found = diagnostics.filter((d) => d.rule === c.rule);
    expect(found, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "sections/01-alpha.yaml", ...c.at, severity: "warning" });
    expect(found[0]?.message).toMatch(c.message);
    expect(bank, JSON.stringify(diagnostics, null, 1)).toBeDefined();
  });

  it("a fair question (no cue, roles where the wording needs them) gets no quality warning", async () => {
    const section = alpha(
      "Friend requests and concerns.",
      single("alpha-fair", fair) +
        yesno("alpha-y", "yes") +
        yesno("alpha-n", "no", "Can a concern wait until the end of term?") +
        yesno("alpha-class", "yes", "A pupil in your class tells you something worrying. Should you report it?").replace(
          "    clauses: [al-2]",
          "    roles: [teacher]\n    clauses: [al-2]",
        ),
    );
    const copy = await bankCopy(MINIMAL_BANK, files(section));
    cleanup = copy.cleanup;
    const { diagnostics } = await loadBank(copy.dir);
    expect(diagnostics.filter((d) => (QUALITY_RULES as readonly string[]).includes(d.rule))).toEqual([]);
  });
});

describe('loadBank with qualityWarnings "if-invalid" (commands that only need a valid bank)', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
  const lean = alpha("Concerns.", yesno("alpha-y1", "yes") + yesno("alpha-y2", "yes") + yesno("alpha-y3", "yes"));

  it("skips the quality warnings of a valid bank: the same bank, the same other diagnostics", async () => {
    const copy = await bankCopy(MINIMAL_BANK, files(lean));
    cleanup = copy.cleanup;
    const always = await loadBank(copy.dir);
    const ifInvalid = await loadBank(copy.dir, { qualityWarnings: "if-invalid" });
    expect(always.diagnostics.map((d) => d.rule)).toContain("yesno-lean");
    expect(ifInvalid.bank).toEqual(always.bank);
    expect(ifInvalid.diagnostics).toEqual(always.diagnostics.filter((d) => !(QUALITY_RULES as readonly string[]).includes(d.rule)));
  });

  it("reports exactly what validate reports when the bank has an error, quality warnings included", async () => {
    const copy = await bankCopy(MINIMAL_BANK, files(lean.replace("clauses: [al-2]", "clauses: [no-such-clause]")));
    cleanup = copy.cleanup;
    const always = await loadBank(copy.dir);
    const ifInvalid = await loadBank(copy.dir, { qualityWarnings: "if-invalid" });
    expect(always.bank).toBeUndefined();
    expect(always.diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(["unknown-clause", "yesno-lean"]));
    expect(ifInvalid).toEqual(always);
  });
});

describe("runs: the word runs the heuristics compare", () => {
  it("ignores case and punctuation, and runs that are mostly filler words", () => {
    expect([...runs("Alert the Headteacher, today!", 3)]).toEqual(["alert the headteacher", "the headteacher today"]);
    expect([...runs("of the school", 3)]).toEqual([]);
  });
});
