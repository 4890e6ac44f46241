import { buildJsonSchema } from "./schema.js";
import { type DraftPolicy, splitPolicy } from "./split-policy.js";

/**
 * The files of a new bank. Pure: options in, file name → content out.
 *
 * Without a policy text, a small example bank: a four-paragraph sample policy and one annotated
 * question of every type (single, multi, yesno with `critical`, a public-test with its parts
 * and guidance, one limited by `roles`), the same examples docs/writing-a-bank.md explains. With
 * a policy text (`init --from`), that policy split into clauses and one section per heading, each
 * with a single example question to replace. Either way the bank passes `validate`; what the
 * author must fill in says TODO, which `validate` reports as a warning until it is done.
 */
export interface ScaffoldOptions {
  id: string;
  title: string;
  organisation: string;
  /** The policy's plain text (`init --from`); absent for the example bank. */
  policyText?: string;
}

export function scaffoldBank(options: ScaffoldOptions): Record<string, string> {
  if (options.policyText !== undefined) return fromPolicy({ ...options, policyText: options.policyText });
  const sections = ["reporting"];
  return {
    "bank.yaml": bankYaml(options, sections),
    "policy.txt": examplePolicy(options.title),
    "policy.yaml": `${POLICY_HEADER}clauses:
  # The policy numbers its paragraphs, so each clause's id is its number. A policy without
  # numbers gets ids such as rep-1, and a \`ref\` saying where staff find it, e.g.
  # ref: "Reporting concerns, 2nd paragraph".
  - id: "1.1"
    section: reporting
    text: Staff must report any concern about a pupil to the designated lead on the same day.
  - id: "1.2"
    section: reporting
    text: A concern may be raised in person or by telephone.
  - id: "1.3"
    section: reporting
    text: Staff must never promise a pupil to keep a concern secret.
  - id: "1.4"
    section: reporting
    text: Before sharing anything about a pupil, staff should ask themselves "would I be comfortable if the pupil's parents read this?"
`,
    "sections/01-reporting.yaml": `${SECTION_HEADER}id: reporting
title: Reporting concerns
# What the section covers, without stating its rules (that would give the answers away).
intro: When and how to pass on a worry about a pupil.
questions:
  # single: one answer. A realistic situation reads better than a definition. Every option
  # should be as long, as cautious and as policy-worded as the keyed one: \`validate\` warns when
  # the key stands out by its first word, its borrowed wording or its length.
  - id: reporting-when
    type: single
    prompt: >-
      At the end of a school day a pupil tells you something that worries you. It is 4 pm and
      the designated lead has gone home. When should the concern reach them?
    options:
      - id: same-day
        label: The same day, by phoning them or the deputy lead before you leave
        correct: true
      - id: next-morning
        label: First thing the next morning, when the designated lead is back in school
      - id: end-of-week
        label: At the weekly staff meeting, where any concern about a pupil is discussed
    # critical: true means one wrong answer fails the whole section, whatever the score.
    critical: true
    clauses: ["1.1"]
    # Explanations quote the policy in double quotes: validate checks the quote is verbatim.
    explanation: >-
      The policy says "Staff must report any concern about a pupil to the designated lead on the
      same day." Waiting until the morning is too late.

  # multi: select all that apply; mark every keyed option with correct: true.
  - id: reporting-how
    type: multi
    prompt: Which of these are ways the policy allows a concern to be raised?
    options:
      - id: in-person
        label: In person
        correct: true
      - id: telephone
        label: By telephone
        correct: true
      - id: class-group-chat
        label: In the class's parents' group chat
    clauses: ["1.2"]
    explanation: The policy says "A concern may be raised in person or by telephone."

  # yesno: exactly the options yes and no. Key some yes and some no: a section whose yes/no
  # questions are all keyed the same way is passed by answering the same every time.
  - id: reporting-secret
    type: yesno
    prompt: A pupil says they will tell you something only if you promise not to tell anyone. May you promise?
    options:
      - id: "yes"
        label: "Yes"
      - id: "no"
        label: "No"
        correct: true
    critical: true
    clauses: ["1.3"]
    explanation: The policy says "Staff must never promise a pupil to keep a concern secret."

  # roles: the question is asked only of these roles (ids from bank.yaml). Use it when the
  # wording assumes a job ("your class", "your lesson"): validate warns when it does not.
  - id: reporting-in-lesson
    type: yesno
    roles: [staff]
    prompt: >-
      During your lesson a pupil hands you a note about something worrying at home. Does it
      still have to reach the designated lead the same day?
    options:
      - id: "yes"
        label: "Yes"
        correct: true
      - id: "no"
        label: "No"
    clauses: ["1.1"]
    explanation: >-
      However it reaches you, "Staff must report any concern about a pupil to the designated
      lead on the same day."

  # public-test: the policy's own reflective question, asked about a real situation of the
  # person's that is never typed in or stored. Not scored: a yes marks the section REVIEW on
  # their own screen and shows the guidance. \`title\` is the name the policy gives the test;
  # \`wording\` its words, verbatim from a cited clause; \`discussion\` what a trainer asks a room
  # to think of instead (nobody shares their own in a group).
  - id: reporting-comfortable-test
    type: public-test
    title: "TODO: the name staff know this test by, e.g. The parents test"
    wording: would I be comfortable if the pupil's parents read this?
    prompt: >-
      Think of something you recently wrote or said about a pupil, or are about to. Do not type
      it in. Keep it in mind for the next questions.
    discussion: Think of a made-up message about a pupil, or one from a news story.
    parts:
      - id: parents
        prompt: Would you be uncomfortable if the pupil's parents read it?
    # What the policy asks of someone who answered yes; bank.yaml's contacts add who to speak to.
    guidance: "TODO: what the policy asks of someone who answered yes"
    clauses: ["1.4"]
    explanation: >-
      The policy asks staff to consider "would I be comfortable if the pupil's parents read
      this?" before sharing anything about a pupil.
`,
    "scenarios/all-correct-passes.yaml": `# Regression scenario, run by: selfcheck test --bank <this folder>
# base: all-correct | all-wrong | none, then \`answers\` overrides single questions.
name: every question answered correctly passes every section
base: all-correct
role: staff
expect:
  overall: pass
  sections:
    reporting: pass
`,
    "scenarios/missed-critical-fails.yaml": `# One wrong answer to a critical question fails its section, whatever the score.
name: promising to keep a secret fails reporting
base: all-correct
role: staff
answers:
  reporting-secret: "yes"
expect:
  overall: fail
  sections:
    reporting: fail
  criticalMissed: [reporting-secret]
`,
    "schema.json": `${JSON.stringify(buildJsonSchema(), null, 2)}\n`,
  };
}

const POLICY_HEADER = `# yaml-language-server: $schema=./schema.json
#
# The policy split into clauses, each copied word for word from policy.txt (validate checks
# it): one clause per sentence that asks something of people ("must", "should", "may not"...),
# with a stable id and the section it belongs to. Ids may follow the policy's own numbering
# (2.5.1, A.3) or be kebab-case (rep-1). \`ref\` is what staff see beside a quote: the policy's
# number, or its heading and place ("Reporting concerns, 2nd point"); without one they see
# "Paragraph <id>" for a numbered id, else the section's title and the clause's place in it.
# \`lead\` holds the words that introduce a list the clause is an item of. Questions cite clauses
# by id; \`selfcheck coverage\` lists the clauses no question tests yet.
`;

const SECTION_HEADER = `# yaml-language-server: $schema=../schema.json
#
# One section of the policy; the id must match the file name (01-reporting.yaml → reporting).
# Question types: single, multi (select all that apply), yesno (options yes/no), public-test.
# Every question cites the clauses it tests and explains its key with a verbatim quote.
`;

function bankYaml(options: ScaffoldOptions, sections: string[]): string {
  const today = new Date().toISOString().slice(0, 7);
  return `# yaml-language-server: $schema=./schema.json
#
# The bank's identity and settings. Fill in the policy's title, organisation and dates, the
# roles of the people who take the self-check, and the sections in the order they are asked.
# Check your work with: selfcheck validate --bank <this folder> (add --strict to make every
# warning, TODO placeholders included, an error).
id: ${options.id}
title: ${yamlString(`${options.title} self-check`)}
version: 0.1.0
policy:
  title: ${yamlString(options.title)}
  organisation: ${yamlString(options.organisation)}
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
# Who staff speak to, as the policy names them: shown after "speak to" at the end of a run.
contacts:
  concerns: "TODO: who staff speak to about a concern, as the policy names them"
# One section per part of the policy, in the order asked; each has a file sections/NN-ID.yaml.
sections:
${sections.map((s) => `  - ${s}`).join("\n")}
# A section passes at or above this percentage with no critical question missed.
passThreshold: 80
# How many months a passed self-check stays valid.
renewalMonths: 12
`;
}

function examplePolicy(title: string): string {
  return `${title}

Replace this file with the full text of your policy (docs/writing-a-bank.md says how to get
plain text from a Word or PDF document), or start again with: selfcheck init --from policy.txt

1 Reporting concerns

1.1 Staff must report any concern about a pupil to the designated lead on the same day.

1.2 A concern may be raised in person or by telephone.

1.3 Staff must never promise a pupil to keep a concern secret.

1.4 Before sharing anything about a pupil, staff should ask themselves "would I be comfortable if the pupil's parents read this?"
`;
}

/** A bank drafted from a policy's text: its clauses, and one example question per section. */
function fromPolicy(options: ScaffoldOptions & { policyText: string }): Record<string, string> {
  const draft: DraftPolicy = splitPolicy(options.policyText);
  if (draft.sections.length === 0) throw new ScaffoldError("found no sentences to make clauses of");
  const files: Record<string, string> = {
    "bank.yaml": bankYaml(options, draft.sections.map((s) => s.id)),
    "policy.txt": options.policyText,
    "schema.json": `${JSON.stringify(buildJsonSchema(), null, 2)}\n`,
  };
  const clauseLines: string[] = [];
  for (const section of draft.sections) {
    clauseLines.push(`  # --- ${section.title}`);
    for (const c of section.clauses) {
      clauseLines.push(
        `  - id: ${yamlString(c.id)}`,
        `    ref: ${yamlString(c.ref)}`,
        `    section: ${section.id}`,
        ...(c.lead === undefined ? [] : [`    lead: ${yamlString(c.lead)}`]),
        `    text: ${yamlString(c.text)}`,
      );
    }
  }
  files["policy.yaml"] = `${POLICY_HEADER}#
# Drafted by \`selfcheck init --from\`: one clause per sentence or bullet, under the policy's
# headings. Read it against the policy: merge what belongs together, drop what asks nothing of
# anyone (titles, signatures), and check the refs.
clauses:
${clauseLines.join("\n")}
`;
  const all = draft.sections.flatMap((s) => s.clauses);
  draft.sections.forEach((section, i) => {
    const quoted = quotable(section.clauses) ?? quotable(all);
    if (!quoted) throw new ScaffoldError("found no sentence of four words or more to quote in an example question");
    const number = String(i + 1).padStart(2, "0");
    files[`sections/${number}-${section.id}.yaml`] = `${SECTION_HEADER}id: ${section.id}
title: ${yamlString(section.title)}
questions:
  # An example to replace: write a situation staff meet that this part of the policy decides,
  # with options as plausible as the key. See docs/writing-a-bank.md for every question type.
  - id: ${section.id}-example
    type: yesno
    prompt: ${yamlString(`TODO: a situation that the rule "${truncateWords(quoted.clause.text, 12)}" decides. Does the policy allow it?`)}
    options:
      - id: "yes"
        label: "Yes"
      - id: "no"
        label: "No"
        correct: true
    clauses: [${yamlString(quoted.clause.id)}]
    explanation: ${yamlString(`TODO: why. The policy says "${quoted.quote}"`)}
`;
  });
  files["scenarios/all-correct-passes.yaml"] = `# Regression scenario, run by: selfcheck test --bank <this folder>
name: every question answered correctly passes every section
base: all-correct
expect:
  overall: pass
`;
  return files;
}

export class ScaffoldError extends Error {}

/** A clause and a passage of it an explanation can quote: four words or more, no quote marks or ellipses. */
function quotable(clauses: readonly { id: string; text: string }[]) {
  for (const clause of clauses) {
    for (const part of clause.text.split(/["“”]|\.\.\.|…/)) {
      const quote = part.trim().replace(/[.,;:]+$/, "");
      if (quote.split(/\s+/).length >= 4) return { clause, quote };
    }
  }
  return undefined;
}

function truncateWords(text: string, n: number): string {
  const words = text.split(/\s+/);
  return words.length <= n ? text : `${words.slice(0, n).join(" ")} …`;
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}
