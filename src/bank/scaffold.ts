import { buildJsonSchema } from "./schema.js";

/**
 * The files of a new bank: the smallest bank that passes `validate`, `test` and `coverage`,
 * with comments telling the author what to fill in. Pure: file name → content.
 */
export function scaffoldBank(options: { id: string; title: string; organisation: string }): Record<string, string> {
  const { id, title, organisation } = options;
  const today = new Date().toISOString().slice(0, 7);
  return {
    "bank.yaml": `# yaml-language-server: $schema=./schema.json
#
# The bank's identity and settings. Fill in the policy's title, organisation and dates, the
# roles of the people who take the self-check, and the sections in the order they are asked.
# Check your work with: selfcheck validate --bank <this folder>
id: ${id}
title: ${yamlString(`${title} self-check`)}
version: 0.1.0
policy:
  title: ${yamlString(title)}
  organisation: ${yamlString(organisation)}
  # When the policy was last updated: YYYY-MM or YYYY-MM-DD.
  updated: "${today}"
  # The policy's own text. Every clause in policy.yaml must be copied from it word for word.
  source: policy.txt
# Who takes the self-check. A question without \`roles\` applies to everyone.
roles:
  - id: staff
    label: Member of staff
  - id: volunteer
    label: Volunteer
# One section per part of the policy, in the order asked; each has a file sections/NN-ID.yaml.
sections:
  - general
# A section passes at or above this percentage with no critical question missed.
passThreshold: 80
# How many months a passed self-check stays valid.
renewalMonths: 12
`,
    "policy.txt": `${title}

Replace this file with the full text of the policy.

Staff must report any concern to their line manager on the same day.
`,
    "policy.yaml": `# yaml-language-server: $schema=./schema.json
#
# The policy split into clauses. Give every sentence that asks something of people ("must",
# "should", "may not"...) its own clause, copied word for word from policy.txt, with a stable id
# and the section it belongs to. Questions cite clauses by id; \`selfcheck coverage\` lists the
# clauses no question tests yet.
clauses:
  - id: gen-1
    section: general
    text: Staff must report any concern to their line manager on the same day.
`,
    "sections/01-general.yaml": `# yaml-language-server: $schema=../schema.json
#
# One section of the policy. The id must match the file name (01-general.yaml → general).
# Question types: single (one answer), multi (select all that apply), yesno (options yes/no),
# public-test. Mark the keyed option(s) with \`correct: true\`; set \`critical: true\` where one wrong
# answer must fail the section. Every explanation must quote a clause it cites, in double quotes.
id: general
title: General
intro: What the policy asks of everyone.
questions:
  - id: general-report-concern
    type: single
    # A realistic situation reads better than a definition: "You notice... What should you do?"
    prompt: You notice something that worries you at work. When should you tell your line manager?
    options:
      - id: same-day
        label: On the same day
        correct: true
      - id: end-of-week
        label: At the end of the week
      - id: only-if-asked
        label: Only if someone asks you about it
    clauses: [gen-1]
    explanation: >-
      The policy says "Staff must report any concern to their line manager on the same day."
`,
    "scenarios/all-correct-passes.yaml": `# Regression scenario, run by: selfcheck test --bank <this folder>
# base: all-correct | all-wrong | none, then \`answers\` overrides single questions.
name: every question answered correctly passes every section
base: all-correct
expect:
  overall: pass
  sections:
    general: pass
`,
    "scenarios/missed-report-fails.yaml": `# A wrong answer to the only question fails its section.
name: reporting at the end of the week fails the general section
base: all-correct
answers:
  general-report-concern: end-of-week
expect:
  overall: fail
  sections:
    general: fail
  missed: [general-report-concern]
`,
    "schema.json": `${JSON.stringify(buildJsonSchema(), null, 2)}\n`,
  };
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}
