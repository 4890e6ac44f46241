import { describe, expect, it } from "vitest";
import { kebab, sentences, splitPolicy } from "../../src/bank/split-policy.js";

describe("splitPolicy: a policy's text into sections and verbatim clauses", () => {
  it("keeps the policy's numbering as clause ids, and numbers a paragraph's later sentences and bullets after it", () => {
    const draft = splitPolicy(`Hill Primary School
Online Safety Policy

1 Purpose

1.1 This policy keeps pupils safe online. It applies to all staff.

2 Staff conduct

2.2 Staff must:
- use school accounts for all contact with parents
- report any concern on the same day

2.5.1 Images of pupils may only be taken on school devices.

Appendix A: Definitions

A.3 A personal device is any device not owned by the school.
`);
    expect(draft.sections.map((s) => [s.id, s.title])).toEqual([
      ["1-purpose", "1 Purpose"],
      ["2-staff-conduct", "2 Staff conduct"],
      ["appendix-a-definitions", "Appendix A: Definitions"],
    ]);
    expect(draft.sections.flatMap((s) => s.clauses)).toEqual([
      { id: "1.1", ref: "Paragraph 1.1", text: "This policy keeps pupils safe online." },
      { id: "1.1-2", ref: "Paragraph 1.1", text: "It applies to all staff." },
      { id: "2.2-a", ref: "Paragraph 2.2, 1st point", lead: "Staff must:", text: "use school accounts for all contact with parents" },
      { id: "2.2-b", ref: "Paragraph 2.2, 2nd point", lead: "Staff must:", text: "report any concern on the same day" },
      { id: "2.5.1", ref: "Paragraph 2.5.1", text: "Images of pupils may only be taken on school devices." },
      { id: "A.3", ref: "Paragraph A.3", text: "A personal device is any device not owned by the school." },
    ]);
  });

  it("without numbering: ids from the heading, refs by heading and place, wrapped bullets joined, Markdown marks dropped", () => {
    const draft = splitPolicy(`# Remote Learning

Staff **must** keep cameras on.
They should join on time.

* Lessons must be
  recorded.
* Recordings must be deleted.

Setext heading
--------------

Pupils should join on time.
`);
    expect(draft.sections.map((s) => s.title)).toEqual(["Remote Learning", "Setext heading"]);
    expect(draft.sections[0]?.clauses).toEqual([
      { id: "remote-learning-1", ref: "Remote Learning, 1st paragraph", text: "Staff must keep cameras on." },
      { id: "remote-learning-2", ref: "Remote Learning, 1st paragraph", text: "They should join on time." },
      { id: "remote-learning-3", ref: "Remote Learning, 1st point", text: "Lessons must be recorded." },
      { id: "remote-learning-4", ref: "Remote Learning, 2nd point", text: "Recordings must be deleted." },
    ]);
    expect(draft.sections[1]?.clauses).toEqual([{ id: "setext-heading-1", ref: "Setext heading, 1st paragraph", text: "Pupils should join on time." }]);
  });

  it("text before any heading goes to an Introduction section", () => {
    expect(splitPolicy("Staff must sign in. Visitors must wear a badge.\n").sections).toEqual([
      {
        id: "introduction",
        title: "Introduction",
        clauses: [
          { id: "introduction-1", ref: "Introduction, 1st paragraph", text: "Staff must sign in." },
          { id: "introduction-2", ref: "Introduction, 1st paragraph", text: "Visitors must wear a badge." },
        ],
      },
    ]);
  });
});

describe("sentences", () => {
  it.each([
    ["Staff must sign in. Visitors must wear a badge.", ["Staff must sign in.", "Visitors must wear a badge."]],
    ["Tell a lead, e.g. Mr. Smith, today.", ["Tell a lead, e.g. Mr. Smith, today."]],
    ['Ask "is this kind?" Then post.', ['Ask "is this kind?"', "Then post."]],
    ["Signed by M. Kashif on the day.", ["Signed by M. Kashif on the day."]],
    ["Report it! (Always.) Thank you.", ["Report it!", "(Always.)", "Thank you."]],
  ])("%s", (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });
});

describe("kebab", () => {
  it("makes a section id from a heading", () => {
    expect(kebab("Governing Body/Headteacher responsibilities")).toBe("governing-body-headteacher-responsibilities");
    expect(kebab("Élèves et famille")).toBe("eleves-et-famille");
  });
});
