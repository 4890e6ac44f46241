import { parse } from "csv-parse/sync";
import * as values from "../bank/values.js";
import { escapeControl, hasControl } from "../util/escape.js";

/** One person HR expects to have done the self-check. */
export interface RosterPerson {
  /** Line of the file the person starts on, for messages. */
  line: number;
  name: string;
  /** A bank role id when the cell names one (by id or label), else the cell as written; null when empty. */
  role: string | null;
  staffId: string | null;
  email: string | null;
}

export class RosterError extends Error {
  constructor(readonly problems: string[]) {
    super(problems[0] ?? "unusable roster");
  }
}

export const MAX_ROSTER_ROWS = 100_000;

/** Header spellings HR lists use, by the field they mean (compared lower-case, without spaces, _ or -). */
const HEADERS: Record<string, "name" | "role" | "staffId" | "email"> = {
  name: "name",
  fullname: "name",
  role: "role",
  jobrole: "role",
  staffid: "staffId",
  staffnumber: "staffId",
  employeeid: "staffId",
  email: "email",
  emailaddress: "email",
};

/**
 * Reads a staff list: CSV with a header row, as Excel writes it (UTF-8 with or without a BOM,
 * CRLF, quoted fields; comma, semicolon or tab between fields, taken from the header line).
 * Columns are matched by header name, case-insensitively; other columns are ignored. Needs a
 * name and a role column and a staff id and/or email column. Every problem is reported with
 * its line and spreadsheet column; nothing is guessed.
 */
export function parseRoster(
  bytes: Uint8Array,
  file: string,
  roles: readonly { id: string; label: string }[],
): RosterPerson[] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RosterError([
      `${file}: not UTF-8 text (in Excel, save it as "CSV UTF-8 (Comma delimited)")`,
    ]);
  }
  text = text.replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new RosterError([`${file}: the roster is empty`]);

  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new RosterError([`${file}:${e.lines ?? 1}: not readable as CSV: ${e.message}`]);
  }
  const [header, ...rows] = records;
  if (!header) throw new RosterError([`${file}: the roster is empty`]);

  const columns = new Map<"name" | "role" | "staffId" | "email", number>();
  header.record.forEach((cell, i) => {
    const field = HEADERS[cell.trim().toLowerCase().replace(/[\s_-]+/g, "")];
    if (field !== undefined && !columns.has(field)) columns.set(field, i);
  });
  const missing = [
    !columns.has("name") && "name",
    !columns.has("role") && "role",
    !columns.has("staffId") && !columns.has("email") && "staff id or email",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new RosterError([
      `${file}:${startLine(header)}: the header row needs ${missing.join(", ")} column(s) (found: ${header.record.map((c) => `"${escapeControl(c)}"`).join(", ")})`,
    ]);
  }
  if (rows.length > MAX_ROSTER_ROWS) {
    throw new RosterError([`${file}: over ${MAX_ROSTER_ROWS} people; split the roster`]);
  }

  const problems: string[] = [];
  const people: RosterPerson[] = [];
  const seenStaffId = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  for (const row of rows) {
    const line = startLine(row);
    const cell = (field: "name" | "role" | "staffId" | "email") => {
      const index = columns.get(field);
      const value = index === undefined ? "" : (row.record[index] ?? "").trim();
      return { value, where: `${file}:${line}: column ${columnLetter(index ?? 0)} (${field === "staffId" ? "staff id" : field})` };
    };
    if (row.record.every((c) => c.trim() === "")) continue;
    const name = cell("name");
    const role = cell("role");
    const staffId = cell("staffId");
    const email = cell("email");
    for (const c of [name, role, staffId, email]) {
      if (hasControl(c.value)) problems.push(`${c.where}: "${escapeControl(c.value)}" holds a control character`);
    }
    if (name.value === "") problems.push(`${name.where}: the name is empty`);
    else if (name.value.length > 200) problems.push(`${name.where}: the name is over 200 characters`);
    if (staffId.value !== "" && values.staffId.problem(staffId.value) !== undefined) {
      problems.push(`${staffId.where}: "${escapeControl(staffId.value)}" is not a staff id a summary can hold (letters, digits and . _ -)`);
    }
    if (email.value !== "" && values.email.problem(email.value) !== undefined) {
      problems.push(`${email.where}: "${escapeControl(email.value)}" is not an email address`);
    }
    for (const [c, seen] of [
      [staffId, seenStaffId],
      [email, seenEmail],
    ] as const) {
      if (c.value === "") continue;
      const key = c.value.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) problems.push(`${c.where}: "${escapeControl(c.value)}" is already on line ${first}`);
      else seen.set(key, line);
    }
    people.push({
      line,
      name: name.value,
      role: roleOf(role.value, roles),
      staffId: staffId.value === "" ? null : staffId.value,
      email: email.value === "" ? null : email.value,
    });
  }
  if (problems.length > 0) throw new RosterError(problems.slice(0, 20));
  return people;
}

/** The bank's role id for a cell naming a role by id or by label; otherwise the cell itself. */
function roleOf(cell: string, roles: readonly { id: string; label: string }[]): string | null {
  if (cell === "") return null;
  const lower = cell.toLowerCase();
  return roles.find((r) => r.id === lower || r.label.toLowerCase() === lower)?.id ?? cell;
}

/** Excel writes `;` where the decimal separator is a comma; a tab-separated export is common too. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const unquoted = first.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

/** csv-parse counts the line a record ends on; a quoted line break or blank lines before it shift that. */
function startLine(row: { info: { lines: number }; raw: string }): number {
  const body = row.raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
  return row.info.lines - (body.match(/\n/g)?.length ?? 0);
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
