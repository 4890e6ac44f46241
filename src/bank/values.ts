import { escapeControl, hasControl } from "../util/escape.js";

/**
 * One rule for each value a person or a bank maintainer types that ends up in a result, a signed
 * summary or a report — checked where it enters (the prompt, a flag, `validate`) and again where
 * it leaves (the summary schema, `verify`), so whatever `run` or `validate` accepts, every later
 * step handles. Plain functions without zod, so a run that never signs does not load it.
 *
 * Text values are liberal: any script, spaces, punctuation, emoji. Refused is only what cannot be
 * shown safely or signed as text: control and bidi-control characters (escape.ts), unpaired
 * surrogates, surrounding spaces, an empty value, and an absurd length. Everything the rules
 * accept is also valid in the signed summary's canonical JSON (which refuses C0 and DEL, where
 * jq's output would differ), so `jq -cS .summary` still rebuilds the signed bytes.
 */
export interface ValueRule {
  /** What the value is, for messages: "name", "staff id". */
  readonly what: string;
  /** Longest accepted value, in characters (code points). */
  readonly max: number;
  /** Why the value is refused, or undefined when it is acceptable. */
  problem(value: string): string | undefined;
}

function textRule(what: string, max: number): ValueRule {
  return { what, max, problem: (value) => textProblem(value, max) };
}

function patternRule(what: string, max: number, pattern: RegExp, hint: string): ValueRule {
  return {
    what,
    max,
    problem: (value) => {
      const basic = textProblem(value, max);
      if (basic !== undefined) return basic;
      return pattern.test(value) ? undefined : hint;
    },
  };
}

/** Printable ASCII, not starting or ending with a space: no control character, no surrogate. */
const PRINTABLE_ASCII = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** The checks every text value shares; messages read after the value's name ("--name must …"). */
function textProblem(value: string, max: number): string | undefined {
  // Most values are short printable ASCII: one test shows none of the problems below can apply.
  if (value.length <= max && PRINTABLE_ASCII.test(value)) return undefined;
  if (value === "") return "must not be empty";
  // Characters, not UTF-16 units (an emoji is one); counted only when the units could be too many.
  if (value.length > max) {
    const length = [...value].length;
    if (length > max) return `must be at most ${max} characters (this one has ${length})`;
  }
  if (hasControl(value)) {
    return `must not contain control or bidirectional-control characters (found ${firstControl(value)})`;
  }
  if (hasLoneSurrogate(value)) return "is not valid Unicode text";
  if (value.trim() !== value) return "must not start or end with a space";
  return undefined;
}

function firstControl(value: string): string {
  for (const c of value) if (hasControl(c)) return escapeControl(c);
  return "?";
}

function hasLoneSurrogate(value: string): boolean {
  return /\p{Surrogate}/u.test(value);
}

/** A real person's name, as they write it: "Siân O'Brien-Smith", "山田 太郎", "Sam_Patel & Co.". */
export const personName = textRule("name", 200);

/** A training session's label: "Induction 2026-11", "Rentrée – septembre". */
export const sessionLabel = textRule("session label", 100);

/** Titles a bank gives itself and its policy, and the organisation; shown on one line everywhere. */
export const bankTitle = textRule("title", 200);

/** An HR system's staff id: "T-0042", "jsmith.2". */
export const staffId = patternRule(
  "staff id",
  40,
  /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  "must be letters, digits and . _ - (starting with a letter or digit)",
);

export const email = patternRule(
  "email",
  254,
  /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/,
  "is not an email address",
);

/** A signer principal as allowed_signers lists it: no spaces, no quotes, no commas. */
export const principal = patternRule(
  "principal",
  100,
  /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/,
  "must be letters, digits and . _ @ + - (like an email address)",
);
