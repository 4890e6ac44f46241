import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { allQuestions, type Bank, isChoice } from "../../src/bank/bank.js";
import { extractQuotes, normalise } from "../../src/bank/lint-bank.js";
import { loadBank } from "../../src/bank/load-bank.js";
import { DEFAULT_BANK } from "../helpers/bank-fixture.js";

/** The shipped bank is the product: these are the promises the questionnaire issue makes about it. */
let bank: Bank;
beforeAll(async () => {
  const loaded = await loadBank(DEFAULT_BANK);
  expect(loaded.diagnostics).toEqual([]);
  if (!loaded.bank) throw new Error("default bank does not load");
  bank = loaded.bank;
});

describe("the default bank (William Austin Junior School, Policy on Social Media)", () => {
  it("validates with no errors and no warnings, the bank-quality lint included", async () => {
    const { diagnostics } = await loadBank(DEFAULT_BANK);
    expect(diagnostics).toEqual([]);
  });

  it("has the policy's sections in order", () => {
    expect(bank.sections.map((s) => s.id)).toEqual([
      "scope",
      "communications",
      "responsibilities",
      "safeguarding",
      "unacceptable-use",
      "personal-use",
      "governance",
    ]);
    expect(bank.policy).toMatchObject({
      organisation: "William Austin Junior School",
      title: "Policy on Social Media",
      updated: "2023-09",
    });
  });

  it("has at least 45 questions, every section covered", () => {
    expect(allQuestions(bank).length).toBeGreaterThanOrEqual(45);
    for (const section of bank.sections)
      expect(section.questions.length, section.id).toBeGreaterThanOrEqual(3);
  });

  it("has at least 15 realistic situations", () => {
    expect(
      allQuestions(bank).filter((q) => q.tags?.includes("situation")).length,
    ).toBeGreaterThanOrEqual(15);
  });

  it("every clause is tested by some question", () => {
    const cited = new Set(allQuestions(bank).flatMap((q) => q.clauses));
    expect(bank.clauses.filter((c) => !cited.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it("splits the whole policy: every normative sentence (must/should/responsibility) has a clause", async () => {
    const text = normalise(
      (await readFile(path.join(DEFAULT_BANK, "policy.txt"), "utf8")).replaceAll("*", ""),
    );
    const clauseText = bank.clauses.map((c) => normalise(c.text)).join(" ");
    const sentences = text
      .split(/(?<=[.?”])\s+|\s-\s/)
      .filter((s) => /\b(must|should|responsibility|must not)\b/i.test(s));
    expect(sentences.length).toBeGreaterThan(15);
    for (const sentence of sentences) {
      // Each normative sentence's core (its first 8 words after any list marker) is in a clause.
      const core = sentence
        .replace(/^[-–•]\s*/, "")
        .split(" ")
        .slice(0, 8)
        .join(" ");
      const found =
        clauseText.includes(core) ||
        bank.clauses.some((c) => c.lead && normalise(c.lead).includes(core));
      expect(found, sentence).toBe(true);
    }
  });

  it("marks safeguarding no-contact, images of pupils and confidential information critical", () => {
    const criticalClauses = new Set(
      allQuestions(bank)
        .filter((q) => isChoice(q) && q.critical)
        .flatMap((q) => q.clauses),
    );
    for (const clause of ["sg-5", "sg-6", "sg-9", "ua-15", "ua-1", "ua-2"])
      expect(criticalClauses.has(clause), clause).toBe(true);
    const critical = allQuestions(bank).filter((q) => isChoice(q) && q.critical);
    expect(critical.map((q) => q.id)).toContain("safeguarding-current-pupil-request");
  });

  it("every explanation quotes a clause it cites, verbatim", () => {
    const byId = new Map(bank.clauses.map((c) => [c.id, c]));
    for (const q of allQuestions(bank)) {
      const cited = q.clauses
        .map((id) => byId.get(id))
        .flatMap((c) => (c ? [normalise(c.text), normalise(c.lead ?? "")] : []));
      const quotes = extractQuotes(q.explanation).filter((s) => s.split(" ").length >= 4);
      expect(
        quotes.some((s) => cited.some((t) => t.includes(s))),
        q.id,
      ).toBe(true);
    }
  });

  it("has exactly one public-knowledge test, with the policy's three parts", () => {
    const tests = allQuestions(bank).filter((q) => q.type === "public-test");
    expect(tests).toHaveLength(1);
    const [test] = tests;
    expect(test?.section).toBe("personal-use");
    expect(test?.clauses).toContain("pu-3");
    if (test && !isChoice(test))
      expect(test.parts.map((p) => p.id)).toEqual(["integrity", "suitability", "disrepute"]);
  });

  it("gives every role at least two situations of its own, and asks no one else a teacher's", () => {
    const roleIds = bank.roles.map((r) => r.id);
    expect(roleIds).toEqual(
      expect.arrayContaining(["teacher", "teaching-assistant", "support-staff", "volunteer", "casual-worker"]),
    );
    for (const role of roleIds) {
      const own = allQuestions(bank).filter(
        (q) => q.roles !== undefined && q.roles.includes(role) && q.roles.length < roleIds.length,
      );
      expect(own.length, role).toBeGreaterThanOrEqual(2);
    }
    // A stem that assumes a class of your own is for the roles that have one.
    const teacherFramed = allQuestions(bank).filter(
      (q) => q.roles === undefined && /\b(your class|your lessons?|your pupils|in class|between lessons)\b/i.test(q.prompt),
    );
    expect(teacherFramed.map((q) => q.id)).toEqual([]);
  });

  it("keys the situations the policy is explicit about", () => {
    const keyed = (id: string) => {
      const q = allQuestions(bank).find((x) => x.id === id);
      if (!q || !isChoice(q)) throw new Error(`no question ${id}`);
      return q.options.filter((o) => o.correct).map((o) => o.id);
    };
    // A current pupil's friend request is never accepted (sg-5), parent's permission or not (sg-6).
    expect(keyed("safeguarding-current-pupil-request")).not.toContain("accept");
  });
});
