import { readFileSync } from "node:fs";
import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadBank } from "../../src/bank/load-bank.js";
import { truncateDisplay } from "../../src/util/display-width.js";
import { bankCopy, MINIMAL_BANK } from "../helpers/bank-fixture.js";

/**
 * One invalid fixture per diagnostic, named after the rule it must trigger. Each fixture is the
 * minimal valid bank with one file changed; `at` is where the message must point.
 */
interface Fixture {
  rule: string;
  name: string;
  files: Record<string, string | null>;
  at: { file: string; line: number; col: number };
  message: RegExp;
  severity?: "error" | "warning";
}

const LONG_TODO = "TODO: a situation from the policy, such as a photograph of a pupil on the 学校 website";
const LONG_QUOTE = "pupils are never to be photographed by staff on their own phones or cameras";
/** The message, and nothing but it, as the fixtures' pattern. */
const exactly = (text: string) => new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

const BETA = readFileSync(path.join(MINIMAL_BANK, "sections/02-beta.yaml"), "utf8");

const section = (body: string) => `id: alpha
title: Alpha section
questions:
${body}`;

const goodQuestion = `  - id: alpha-photo
    type: single
    prompt: May you post a photograph of a pupil?
    options:
      - id: never
        label: No, never
        correct: true
      - id: with-consent
        label: Yes, with consent
    clauses: [al-1]
    explanation: The policy says "Staff must not share pupil photographs online."
`;

const fixtures: Fixture[] = [
  {
    rule: "unknown-key",
    name: "a misspelt key (corect) in an option",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("correct: true", "corect: true")),
    },
    at: { file: "sections/01-alpha.yaml", line: 10, col: 9 },
    message: /unknown key "corect" at questions\[0\]\.options\[0\]/,
  },
  {
    rule: "schema",
    name: "a missing explanation",
    files: { "sections/01-alpha.yaml": section(goodQuestion.replace(/ {4}explanation: .*\n/, "")) },
    at: { file: "sections/01-alpha.yaml", line: 4, col: 5 },
    message: /missing required key "explanation" at questions\[0\]/,
  },
  {
    rule: "schema",
    name: "an unknown question type",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("type: single", "type: essay")),
    },
    at: { file: "sections/01-alpha.yaml", line: 5, col: 11 },
    message: /invalid discriminator value/i,
  },
  {
    rule: "duplicate-id",
    name: "two questions with one id",
    files: { "sections/01-alpha.yaml": section(goodQuestion + goodQuestion) },
    at: { file: "sections/01-alpha.yaml", line: 15, col: 9 },
    message: /duplicate question id "alpha-photo"/,
  },
  {
    rule: "duplicate-id",
    name: "two options with one id",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("id: with-consent", "id: never")),
    },
    at: { file: "sections/01-alpha.yaml", line: 11, col: 13 },
    message: /duplicate option id "never"/,
  },
  {
    rule: "correct-count",
    name: "a single question with two keyed options",
    files: {
      "sections/01-alpha.yaml": section(
        goodQuestion.replace(
          "label: Yes, with consent",
          "label: Yes, with consent\n        correct: true",
        ),
      ),
    },
    at: { file: "sections/01-alpha.yaml", line: 8, col: 7 },
    message: /single question "alpha-photo" has 2 correct options; it needs exactly one/,
  },
  {
    rule: "correct-count",
    name: "a multi question with no keyed option",
    files: {
      "sections/01-alpha.yaml": section(
        goodQuestion.replace("type: single", "type: multi").replace("        correct: true\n", ""),
      ),
    },
    at: { file: "sections/01-alpha.yaml", line: 8, col: 7 },
    message: /multi question "alpha-photo" has no correct option/,
  },
  {
    rule: "yesno-options",
    name: "a yesno question with other option ids",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("type: single", "type: yesno")),
    },
    at: { file: "sections/01-alpha.yaml", line: 8, col: 7 },
    message: /must have exactly the options "yes" and "no"/,
  },
  {
    rule: "unknown-clause",
    name: "a question citing a clause that does not exist",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("clauses: [al-1]", "clauses: [al-9]")),
    },
    at: { file: "sections/01-alpha.yaml", line: 13, col: 15 },
    message: /unknown clause "al-9" \(known: al-1, al-2\)/,
  },
  {
    rule: "unknown-role",
    name: "a question for a role the bank does not have",
    files: {
      "sections/01-alpha.yaml": section(
        goodQuestion.replace("clauses: [al-1]", "clauses: [al-1]\n    roles: [caretaker]"),
      ),
    },
    at: { file: "sections/01-alpha.yaml", line: 14, col: 13 },
    message: /unknown role "caretaker" \(known: teacher, volunteer\)/,
  },
  {
    rule: "unknown-section",
    name: "a clause in a section the bank does not list",
    files: {
      "policy.yaml": `clauses:
  - id: al-1
    section: alpha
    text: Staff must not share pupil photographs online.
  - id: al-2
    section: gamma
    text: Staff should report concerns to the Headteacher.
  - id: be-1
    section: beta
    text: Teachers must keep their passwords secret.
  - id: be-2
    section: beta
    text: Ask yourself "would I be happy if this were public?"
`,
    },
    at: { file: "policy.yaml", line: 6, col: 14 },
    message: /clause "al-2" belongs to unknown section "gamma"/,
  },
  {
    rule: "not-verbatim",
    name: "a clause whose text is not in the policy",
    files: {
      "policy.yaml": `clauses:
  - id: al-1
    section: alpha
    text: Staff may share pupil photographs online.
  - id: al-2
    section: alpha
    text: Staff should report concerns to the Headteacher.
  - id: be-1
    section: beta
    text: Teachers must keep their passwords secret.
  - id: be-2
    section: beta
    text: Ask yourself "would I be happy if this were public?"
`,
    },
    at: { file: "policy.yaml", line: 4, col: 11 },
    message: /clause "al-1" text is not found verbatim in policy\.txt/,
  },
  {
    rule: "not-verbatim",
    name: "a clause not in the policy, after clauses quoted out of the policy's order (each still found)",
    files: {
      "policy.yaml": `clauses:
  - id: be-2
    section: beta
    text: Ask yourself "would I be happy if this were public?"
  - id: be-1
    section: beta
    text: Teachers must keep their passwords secret.
  - id: al-2
    section: alpha
    text: Staff should report concerns to the Headteacher.
  - id: al-1
    section: alpha
    text: Staff may share pupil photographs online.
`,
    },
    at: { file: "policy.yaml", line: 13, col: 11 },
    message: /clause "al-1" text is not found verbatim in policy\.txt/,
  },
  {
    rule: "missing-section-file",
    name: "a section listed in bank.yaml without a file",
    files: { "sections/02-beta.yaml": null },
    at: { file: "bank.yaml", line: 16, col: 5 },
    message: /section "beta" has no file .*sections\/NN-beta\.yaml/,
  },
  {
    rule: "section-not-listed",
    name: "a section file bank.yaml does not list",
    files: {
      "sections/03-gamma.yaml": section(goodQuestion.replace("alpha-photo", "gamma-photo")).replace(
        "id: alpha",
        "id: gamma",
      ),
    },
    at: { file: "sections/03-gamma.yaml", line: 1, col: 5 },
    message: /section "gamma" has a file but is not listed in bank\.yaml/,
  },
  {
    rule: "section-id-mismatch",
    name: "a section whose id differs from its file name",
    files: {
      "sections/02-beta.yaml": null,
      "sections/02-bravo.yaml": `id: beta\ntitle: B\nquestions:\n${goodQuestion.replace("alpha-photo", "beta-photo")}`,
    },
    at: { file: "sections/02-bravo.yaml", line: 1, col: 5 },
    message: /section id "beta" does not match the file name's "bravo"/,
  },
  {
    rule: "section-file-name",
    name: "a section file not named NN-ID.yaml",
    files: { "sections/beta.yaml": "id: beta\n" },
    at: { file: "sections/beta.yaml", line: 0, col: 0 },
    message: /section file name must be NN-ID\.yaml/,
  },
  {
    rule: "explanation-quote",
    name: "an explanation that does not quote the policy",
    files: {
      "sections/01-alpha.yaml": section(
        goodQuestion.replace(/explanation: .*/, "explanation: Because pupils' privacy matters."),
      ),
    },
    at: { file: "sections/01-alpha.yaml", line: 14, col: 18 },
    message: /explanation of "alpha-photo" must quote a cited clause \(al-1\)/,
  },
  {
    rule: "misquote",
    name: "an explanation quoting words the policy does not contain",
    severity: "warning",
    files: {
      "sections/01-alpha.yaml": section(
        goodQuestion.replace(
          /explanation: .*/,
          `explanation: The policy says "Staff must not share pupil photographs online" and "pupils are never to be photographed".`,
        ),
      ),
    },
    at: { file: "sections/01-alpha.yaml", line: 14, col: 18 },
    message: /quotes "pupils are never to be photographed", which is not in any clause/,
  },
  {
    rule: "yaml-syntax",
    name: "malformed YAML",
    files: { "bank.yaml": "id: minimal\ntitle: [unclosed\n" },
    at: { file: "bank.yaml", line: 3, col: 1 },
    message: /./,
  },
  {
    rule: "yaml-indent",
    name: "an option label indented less than its id, at the label's own column, in plain words",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("        label: No, never", "      label: No, never")),
    },
    at: { file: "sections/01-alpha.yaml", line: 9, col: 7 },
    message: /^bad indentation: `label` \(column 7\) is indented less than `id` above it \(column 9\) and more than `options` \(column 5\)/,
  },
  {
    rule: "yaml-indent",
    name: "a key between two levels of indentation",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("    clauses: [al-1]", "      clauses: [al-1]")),
    },
    at: { file: "sections/01-alpha.yaml", line: 13, col: 7 },
    message: /`clauses` \(column 7\) is indented less than `label` above it \(column 9\) and more than `options` \(column 5\)/,
  },
  {
    rule: "placeholder",
    name: "a TODO left by init in a prompt",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("May you post a photograph of a pupil?", "'TODO: a situation from the policy'")),
    },
    at: { file: "sections/01-alpha.yaml", line: 6, col: 13 },
    message: /placeholder not filled in: TODO: a situation/,
    severity: "warning",
  },
  {
    rule: "placeholder",
    name: "a placeholder too long for the message, shortened to 70 columns (wide characters count two)",
    files: {
      "sections/01-alpha.yaml": section(goodQuestion.replace("May you post a photograph of a pupil?", `'${LONG_TODO}'`)),
    },
    at: { file: "sections/01-alpha.yaml", line: 6, col: 13 },
    message: exactly(`placeholder not filled in: ${truncateDisplay(LONG_TODO, 70)}`),
    severity: "warning",
  },
  {
    rule: "misquote",
    name: "a misquote too long for the message, shortened to 60 columns",
    severity: "warning",
    files: {
      "sections/01-alpha.yaml": section(
        goodQuestion.replace(/explanation: .*/, `explanation: The policy says "Staff must not share pupil photographs online" and "${LONG_QUOTE}".`),
      ),
    },
    at: { file: "sections/01-alpha.yaml", line: 14, col: 18 },
    message: exactly(`quotes "${truncateDisplay(LONG_QUOTE, 60)}", which is not in any clause`),
  },
  {
    rule: "no-contacts",
    name: "a bank that names no one to speak to",
    files: {
      "bank.yaml": "id: minimal\ntitle: Minimal\nversion: 0.1.0\npolicy:\n  title: P\n  organisation: S\n  updated: \"2024-01\"\n  source: policy.txt\nroles:\n  - id: teacher\n    label: Teacher\n  - id: volunteer\n    label: Volunteer\nsections: [alpha, beta]\npassThreshold: 60\nrenewalMonths: 12\n",
    },
    at: { file: "bank.yaml", line: 1, col: 1 },
    message: /names no `contacts`/,
    severity: "warning",
  },
  {
    rule: "schema",
    name: "a contact that is not one line",
    files: {
      "bank.yaml": "id: minimal\ntitle: Minimal\nversion: 0.1.0\npolicy:\n  title: P\n  organisation: S\n  updated: \"2024-01\"\n  source: policy.txt\nroles:\n  - id: teacher\n    label: Teacher\n  - id: volunteer\n    label: Volunteer\nsections: [alpha, beta]\npassThreshold: 60\nrenewalMonths: 12\ncontacts:\n  concerns: \"the head\\nof school\"\n",
    },
    at: { file: "bank.yaml", line: 18, col: 13 },
    message: /must not contain control .* at contacts\.concerns/,
  },
  {
    rule: "schema",
    name: "a clause id with a double dot",
    files: {
      "policy.yaml": "clauses:\n  - id: 2..5\n    section: alpha\n    text: Staff must not share pupil photographs online.\n",
    },
    at: { file: "policy.yaml", line: 2, col: 9 },
    message: /clause id must be letters and digits joined by single dots or hyphens/,
  },
  {
    rule: "not-verbatim",
    name: "a reflective test whose wording is not in a clause it cites",
    files: {
      "sections/02-beta.yaml": BETA.replace("    title: The happiness test\n", "    title: The happiness test\n    wording: would I be proud of this?\n"),
    },
    at: { file: "sections/02-beta.yaml", line: 30, col: 14 },
    message: /wording of "beta-public-test" is not found verbatim/,
  },
  {
    rule: "public-test-title",
    name: "a reflective test with no name",
    files: { "sections/02-beta.yaml": BETA.replace("    title: The happiness test\n", "") },
    at: { file: "sections/02-beta.yaml", line: 28, col: 11 },
    message: /has no `title`/,
    severity: "warning",
  },
  {
    rule: "alias",
    name: "an alias in a section file",
    files: {
      "sections/01-alpha.yaml": section(
        goodQuestion.replace("clauses: [al-1]", "clauses: &c [al-1]\n    tags: *c"),
      ),
    },
    at: { file: "sections/01-alpha.yaml", line: 14, col: 11 },
    message: /aliases are not allowed/,
  },
];

describe("lint: one invalid fixture per diagnostic", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("the minimal fixture bank is valid", async () => {
    const { bank, diagnostics } = await loadBank(MINIMAL_BANK);
    expect(diagnostics).toEqual([]);
    expect(bank?.sections.map((s) => s.id)).toEqual(["alpha", "beta"]);
  });

  it.each(fixtures)("$rule: $name", async (fixture) => {
    const copy = await bankCopy(MINIMAL_BANK, fixture.files);
    cleanup = copy.cleanup;
    const { bank, diagnostics } = await loadBank(copy.dir, {
      display: (abs) => path.relative(copy.dir, abs),
    });
    const found = diagnostics.find(
      (d) => d.rule === fixture.rule && fixture.message.test(d.message),
    );
    expect(found, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(found).toMatchObject({ ...fixture.at, severity: fixture.severity ?? "error" });
    if ((fixture.severity ?? "error") === "error") expect(bank).toBeUndefined();
    else expect(bank).toBeDefined();
  });

  it("missing-section-file: not claimed for a section whose file exists but does not parse", async () => {
    const copy = await bankCopy(MINIMAL_BANK, {
      "sections/01-alpha.yaml": section(goodQuestion.replace("        label: No, never", "      label: No, never")),
    });
    cleanup = copy.cleanup;
    const { diagnostics } = await loadBank(copy.dir, { display: (abs) => path.relative(copy.dir, abs) });
    expect(diagnostics.map((d) => d.rule)).toEqual(["yaml-indent"]);
  });

  it("clause ids may follow the policy's numbering (2.5.1, A.3, 12)", async () => {
    const policy = "clauses:\n  - id: 2.5.1\n    section: alpha\n    text: Staff must not share pupil photographs online.\n  - id: A.3\n    section: alpha\n    text: Staff should report concerns to the Headteacher.\n  - id: '12'\n    section: beta\n    text: Teachers must keep their passwords secret.\n  - id: be-2\n    section: beta\n    text: Ask yourself \"would I be happy if this were public?\"\n";
    const alpha = readFileSync(path.join(MINIMAL_BANK, "sections/01-alpha.yaml"), "utf8")
      .replace("[al-1]", "[2.5.1]")
      .replaceAll("[al-2]", "[A.3]");
    const copy = await bankCopy(MINIMAL_BANK, {
      "policy.yaml": policy,
      "sections/01-alpha.yaml": alpha,
      "sections/02-beta.yaml": BETA.replaceAll("[be-1]", "['12']"),
    });
    cleanup = copy.cleanup;
    const { bank, diagnostics } = await loadBank(copy.dir);
    expect(diagnostics).toEqual([]);
    expect(bank?.clauses.map((c) => c.ref)).toEqual(["Paragraph 2.5.1", "Paragraph A.3", "Paragraph 12", "Beta section, 2nd point"]);
  });

  it("outside-bank: a symlink pointing out of the bank is refused", async () => {
    const copy = await bankCopy(MINIMAL_BANK, { "sections/02-beta.yaml": null });
    cleanup = copy.cleanup;
    await symlink(
      path.join(MINIMAL_BANK, "sections/02-beta.yaml"),
      path.join(copy.dir, "sections/02-beta.yaml"),
    );
    const { bank, diagnostics } = await loadBank(copy.dir, {
      display: (abs) => path.relative(copy.dir, abs),
    });
    expect(bank).toBeUndefined();
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        rule: "outside-bank",
        file: "sections/02-beta.yaml",
        message: expect.stringMatching(/outside the bank folder/),
      }),
    );
  });

  it("no-bank: a bank folder that does not exist", async () => {
    const { bank, diagnostics } = await loadBank("/nonexistent/bank", { display: (abs) => abs });
    expect(bank).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "no-bank",
        file: "/nonexistent/bank",
        message: "bank folder no such file or folder",
      }),
    ]);
  });
});
