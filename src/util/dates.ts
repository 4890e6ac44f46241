/**
 * The one strict reading of dates and times that users type: `--at` and `--since` on the command
 * line, and `valid-after`/`valid-before` in allowed_signers. Exactly the documented forms are
 * accepted, and every field must be a real calendar value: `2026-02-30` and `2026-01-01 junk` are
 * refused, never rolled over or guessed at (JavaScript's Date would read the first as 2 March).
 */

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** A real date and time of day; 24:00 and 23:60 are not. */
function realFields(f: Fields): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  return f.day <= daysInMonth && f.hour < 24 && f.minute < 60 && f.second < 60;
}

function utc(f: Fields): Date {
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond));
  d.setUTCFullYear(f.year); // years 0-99 are not 1900-1999
  return d;
}

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));

/**
 * `YYYY-MM-DD` (midnight UTC) or an ISO 8601 time with `T` and a zone:
 * `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`. Undefined for anything else.
 */
export function parseIsoDate(value: string): Date | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2})))?$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, zone, sign, zh, zm] = m;
  const fields: Fields = {
    year: num(y),
    month: num(mo),
    day: num(d),
    hour: num(h),
    minute: num(mi),
    second: num(s),
    millisecond: ms === undefined ? 0 : Number(ms.padEnd(3, "0")),
  };
  if (!realFields(fields)) return undefined;
  const date = utc(fields);
  if (zone !== undefined && zone !== "Z") {
    if (num(zh) > 23 || num(zm) > 59) return undefined;
    const offset = (num(zh) * 60 + num(zm)) * 60_000;
    return new Date(date.getTime() - (sign === "-" ? -offset : offset));
  }
  return date;
}

/**
 * OpenSSH's time for allowed_signers (`valid-after`, `valid-before`), as ssh-keygen reads it:
 * `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, in UTC with a trailing `Z`, else in the local
 * time zone. Stricter than ssh-keygen in one way: it lets mktime(3) roll `20260230` over to
 * 2 March, which is refused here (see the allowed_signers tests).
 */
export function parseSshTime(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z?)$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  const fields: Fields = { year: num(y), month: num(mo), day: num(d), hour: num(h), minute: num(mi), second: num(s), millisecond: 0 };
  if (!realFields(fields)) return undefined;
  if (z === "Z") return utc(fields);
  const local = new Date(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  local.setFullYear(fields.year);
  return local;
}
