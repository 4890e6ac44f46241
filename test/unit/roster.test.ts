import { describe, expect, it } from "vitest";
import { rosterMatcher, normaliseName } from "../../src/report/match-roster.js";
import { parseRoster, RosterError } from "../../src/report/roster.js";

const roles = [
  { id: "teacher", label: "Teacher" },
  { id: "teaching-assistant", label: "Teaching assistant" },
];
const bytes = (text: string) => new TextEncoder().encode(text);
const problems = (text: string) => {
  try {
    parseRoster(bytes(text), "staff.csv", roles);
  } catch (error) {
    if (error instanceof RosterError) return error.problems;
    throw error;
  }
  return [];
};

describe("parseRoster", () => {
  it("reads Excel's CSV: BOM, CRLF, quoted fields, headers in any case and order, extra columns ignored", () => {
    const people = parseRoster(
      bytes('\uFEFFE-mail,Department,FULL NAME,Job Role,Staff Number\r\nzoe@x.example,Year 3,"Martin, Zoë",teaching assistant,T1\r\n,,Sam Patel,Caretaker,\r\n'),
      "staff.csv",
      roles,
    );
    expect(people).toEqual([
      { line: 2, name: "Martin, Zoë", role: "teaching-assistant", staffId: "T1", email: "zoe@x.example" },
      // A role the bank does not know is kept as written.
      { line: 3, name: "Sam Patel", role: "Caretaker", staffId: null, email: null },
    ]);
  });

  it("takes ; or tab between fields from the header line (Excel in many European locales)", () => {
    expect(parseRoster(bytes("name;role;email\nA, B;teacher;a@x.example\n"), "s", roles)[0]).toMatchObject({ name: "A, B", role: "teacher" });
    expect(parseRoster(bytes("name\trole\temail\nA\tteacher\ta@x.example\n"), "s", roles)[0]).toMatchObject({ name: "A", email: "a@x.example" });
  });

  it("names the line a person starts on, past blank lines and quoted line breaks", () => {
    expect(problems('name,role,email,notes\n\nA,teacher,a@x.example,"two\nlines"\n\nB,teacher,bad,\n')).toEqual([
      'staff.csv:6: column C (email): "bad" is not an email address',
    ]);
  });

  it("refuses control characters (shown escaped), empty names and duplicate emails", () => {
    expect(problems("name,role,email\nA\u001b[2J,teacher,a@x.example\n,teacher,b@x.example\nC,teacher,A@x.example\n")).toEqual([
      'staff.csv:2: column A (name): "A\\x1b[2J" holds a control character',
      "staff.csv:3: column A (name): the name is empty",
      'staff.csv:4: column C (email): "A@x.example" is already on line 2',
    ]);
  });
});

describe("rosterMatcher", () => {
  const roster = [
    { line: 2, name: "Siobhán Kelly", role: "teacher", staffId: "T1", email: "sk@x.example" },
    { line: 3, name: "Chris Lee", role: "teacher", staffId: "C1", email: null },
    { line: 4, name: "Chris Lee", role: "teacher", staffId: "C2", email: null },
    { line: 5, name: "Jo Brown", role: null, staffId: "J1", email: null },
  ];
  const match = rosterMatcher(roster);
  const person = (p: { name: string; staffId?: string; email?: string }) => ({ role: null, staffId: null, email: null, ...p });

  it("by staff id, then email, then normalised name", () => {
    expect(match(person({ name: "Someone Else", staffId: "t1" }))).toEqual({ kind: "matched", index: 0, by: "staff id" });
    expect(match(person({ name: "Someone Else", email: "SK@x.example" }))).toEqual({ kind: "matched", index: 0, by: "email" });
    expect(match(person({ name: "siobhan  KELLY" }))).toEqual({ kind: "matched", index: 0, by: "name" });
  });

  it("never guesses: a shared name is ambiguous; a contradicting staff id or email is no match", () => {
    expect(match(person({ name: "Chris Lee" }))).toEqual({ kind: "ambiguous", candidates: [1, 2] });
    expect(match(person({ name: "Chris Lee", staffId: "C2" }))).toEqual({ kind: "matched", index: 2, by: "staff id" });
    expect(match(person({ name: "Jo Brown", staffId: "J9" }))).toEqual({ kind: "none" });
    expect(match(person({ name: "Nobody" }))).toEqual({ kind: "none" });
  });

  it("normalises case, accents, apostrophes and spacing", () => {
    expect(normaliseName(" Zoe\u0308  O’Neill ")).toBe(normaliseName("zoë o'neill"));
  });
});
