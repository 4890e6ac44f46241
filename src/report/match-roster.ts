import type { Summary } from "../summary/summary.js";
import type { RosterPerson } from "./roster.js";

export type RosterMatch =
  | { kind: "matched"; index: number; by: "staff id" | "email" | "name" }
  | { kind: "ambiguous"; candidates: number[] }
  | { kind: "none" };

/**
 * Finds a summary's person on the roster: by staff id, then email, then normalised name. A name
 * shared by several roster people is ambiguous and reported, never guessed; a name match is
 * refused when the summary's staff id or email contradicts the roster's. Build once per roster.
 */
export function rosterMatcher(roster: readonly RosterPerson[]): (person: Summary["person"]) => RosterMatch {
  const byStaffId = new Map<string, number>();
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number[]>();
  roster.forEach((p, i) => {
    if (p.staffId) byStaffId.set(p.staffId.toLowerCase(), i);
    if (p.email) byEmail.set(p.email.toLowerCase(), i);
    const name = normaliseName(p.name);
    byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  return (person) => {
    const staff = person.staffId ? byStaffId.get(person.staffId.toLowerCase()) : undefined;
    if (staff !== undefined) return { kind: "matched", index: staff, by: "staff id" };
    const email = person.email ? byEmail.get(person.email.toLowerCase()) : undefined;
    if (email !== undefined) return { kind: "matched", index: email, by: "email" };
    const candidates = (byName.get(normaliseName(person.name)) ?? []).filter((i) => {
      const r = roster[i] as RosterPerson;
      const differs = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() !== b.toLowerCase();
      return !differs(r.staffId, person.staffId) && !differs(r.email, person.email);
    });
    if (candidates.length === 1) return { kind: "matched", index: candidates[0] as number, by: "name" };
    if (candidates.length > 1) return { kind: "ambiguous", candidates };
    return { kind: "none" };
  };
}

/** "Siobhán  O’Neill" and "siobhan o'neill" are one name: case, accents, apostrophes and spacing aside. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
