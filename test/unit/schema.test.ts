import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  bankFileSchema,
  buildJsonSchema,
  questionSchema,
  sectionFileSchema,
} from "../../src/bank/schema.js";
import { DEFAULT_BANK } from "../helpers/bank-fixture.js";

describe("schema", () => {
  it("questions/schema.json is generated from the code's schema (run npm run schema)", async () => {
    const committed = JSON.parse(await readFile(path.join(DEFAULT_BANK, "schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildJsonSchema())));
  });

  it("every YAML file in the default bank points editors at the schema", async () => {
    const files = [
      "bank.yaml",
      "policy.yaml",
      ...(await readdir(path.join(DEFAULT_BANK, "sections"))).map((f) => `sections/${f}`),
    ];
    for (const file of files) {
      const first = (await readFile(path.join(DEFAULT_BANK, file), "utf8")).split("\n")[0];
      const expected = file.startsWith("sections/") ? "../schema.json" : "./schema.json";
      expect(first, file).toBe(`# yaml-language-server: $schema=${expected}`);
    }
  });

  const question = {
    id: "q-1",
    type: "single",
    prompt: "Which?",
    options: [
      { id: "a", label: "A", correct: true },
      { id: "b", label: "B" },
    ],
    clauses: ["c-1"],
    explanation: "Because.",
  };

  it.each([
    ["a valid single question", question, true],
    ["an unknown key", { ...question, corect: true }, false],
    ["an id that is not kebab-case", { ...question, id: "Q 1" }, false],
    ["no clauses", { ...question, clauses: [] }, false],
    ["one option only", { ...question, options: [{ id: "a", label: "A", correct: true }] }, false],
    ["an empty explanation", { ...question, explanation: "  " }, false],
    [
      "a public-test with parts",
      {
        ...question,
        type: "public-test",
        options: undefined,
        parts: [{ id: "p", prompt: "P?" }],
        guidance: "Do not post.",
      },
      true,
    ],
    [
      "a public-test with options",
      { ...question, type: "public-test", parts: [{ id: "p", prompt: "P?" }], guidance: "G" },
      false,
    ],
    [
      "critical on a public-test",
      {
        ...question,
        type: "public-test",
        options: undefined,
        critical: true,
        parts: [{ id: "p", prompt: "P?" }],
        guidance: "G",
      },
      false,
    ],
  ])("question: %s", (_name, value, ok) => {
    const clean = JSON.parse(JSON.stringify(value));
    expect(questionSchema.safeParse(clean).success).toBe(ok);
  });

  it.each([
    ["threshold above 100", { passThreshold: 101 }],
    ["a fractional threshold", { passThreshold: 80.5 }],
    ["a version that is not semantic", { version: "1" }],
    [
      "a date in the wrong form",
      { policy: { title: "P", organisation: "O", updated: "Sept 2023" } },
    ],
  ])("bank.yaml: rejects %s", (_name, change) => {
    const bank = {
      id: "b",
      title: "T",
      version: "1.0.0",
      policy: { title: "P", organisation: "O", updated: "2023-09" },
      roles: [{ id: "r", label: "R" }],
      sections: ["s"],
      passThreshold: 80,
      renewalMonths: 12,
    };
    expect(bankFileSchema.safeParse(bank).success).toBe(true);
    expect(bankFileSchema.safeParse({ ...bank, ...change }).success).toBe(false);
  });

  it("section: a threshold of its own is allowed", () => {
    const parsed = sectionFileSchema.safeParse({
      id: "s",
      title: "S",
      passThreshold: 100,
      questions: [question],
    });
    expect(parsed.success).toBe(true);
  });
});
