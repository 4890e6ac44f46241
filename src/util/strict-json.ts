import type { Position } from "./diagnostic.js";

/**
 * A strict JSON parser for signed files. JSON.parse silently keeps the last of two duplicate
 * keys and turns 1.0 or 1e2 into integers, either of which would let two different texts verify
 * as one summary; this parser refuses both, and says where, by line and column.
 */
export type StrictJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; position: Position };

const MAX_DEPTH = 32;
const PLAIN = /[^"\\\x00-\x1f]*/y;
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Where each value (and each object key) starts, by JSON.stringify(path): for messages with line:col. */
export type JsonPositions = Map<string, { value: number; key?: number }>;

export function parseStrictJson(text: string, positions?: JsonPositions): StrictJsonResult {
  if (positions === undefined) {
    const fast = parseNatively(text);
    if (fast !== undefined) return { ok: true, value: fast.value };
  }
  return parseByHand(text, positions);
}

/**
 * JSON.parse, native and several times quicker, where its reading of the text cannot differ
 * from parseByHand's: it accepted the text, and the text has no duplicate key (each object has
 * as many keys as the text writes), no fraction or exponent, no number beyond the safe integers
 * (or -0) and no nesting deeper than MAX_DEPTH. Anything else, valid or not, is left to
 * parseByHand, which alone writes the messages. `__proto__` is an own key either way: JSON.parse
 * defines properties, as parseByHand does.
 */
function parseNatively(text: string): { value: unknown } | undefined {
  return parseVouched(text, (value) => countKeys(value, 0));
}

/**
 * JSON.parse's value, when the caller vouches for its shape: `keysOf` returns how many keys the
 * value's objects hold when it is a value the caller accepts (no number but safe integers, never
 * -0, no nesting deeper than MAX_DEPTH), and -1 otherwise. With the keys the text writes, that is
 * parseNatively's proof without its walk over the value: `verify` checks every summary's shape
 * anyway (summary-check.ts). Undefined when anything is not so: then parseStrictJson decides.
 */
export function parseVouched(text: string, keysOf: (value: unknown) => number): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  const keys = keysOf(value);
  return keys >= 0 && keysWritten(text) === keys ? { value } : undefined;
}

/**
 * The keys a text JSON.parse accepted writes (its colons outside strings), or -1 when a number
 * in it has a fraction or an exponent. One pass, nothing allocated: it runs on every summary.
 */
function keysWritten(text: string): number {
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Whitespace first: a third of a pretty-printed summary is indentation.
    if (c <= 0x20) continue;
    if (c === 0x22) {
      // A string: on to its closing quote, the first not escaped (after an even run of
      // backslashes). indexOf skips the string's text natively: most of a summary is strings.
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return -1;
      i = end;
    } else if (c === 0x3a) {
      keys++;
    } else if (c === 0x2e || c === 0x65 || c === 0x45) {
      // "." "e" "E" after a digit: outside strings only a number has one (true and false have no digit).
      const before = text.charCodeAt(i - 1);
      if (before >= 0x30 && before <= 0x39) return -1;
    }
  }
  return keys;
}

/** Whether the character at `at` follows an odd run of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let run = 0;
  while (text.charCodeAt(at - 1 - run) === 0x5c) run++;
  return run % 2 === 1;
}

/** Own keys of every object in a parsed value; -1 for a value parseByHand would refuse. */
function countKeys(value: unknown, depth: number): number {
  if (depth > MAX_DEPTH) return -1;
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0) ? 0 : -1;
  if (value === null || typeof value !== "object") return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const n = countKeys(item, depth + 1);
      if (n < 0) return -1;
      count += n;
    }
    return count;
  }
  for (const key in value) {
    const n = countKeys((value as Record<string, unknown>)[key], depth + 1);
    if (n < 0) return -1;
    count += n + 1;
  }
  return count;
}

/** The parser proper: every rule, with positions for its messages. */
function parseByHand(text: string, positions?: JsonPositions): StrictJsonResult {
  let i = 0;
  const path: (string | number)[] = [];
  const mark = (kind: "value" | "key", offset: number) => {
    if (!positions) return;
    const id = JSON.stringify(path);
    const entry = positions.get(id) ?? { value: offset };
    entry[kind] = offset;
    positions.set(id, entry);
  };
  // charCodeAt and sticky regular expressions: a verify of 10,000 summaries parses 30 MB here.
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  };
  const fail = (message: string, at = i): never => {
    throw new ParseError(message, at);
  };

  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail("nesting is too deep");
    ws();
    mark("value", i);
    const c = text[i];
    if (c === "{") return object(depth);
    if (c === "[") return array(depth);
    if (c === '"') return string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    return fail(
      c === undefined ? "unexpected end of file" : `unexpected character ${JSON.stringify(c)}`,
    );
  };

  const object = (depth: number) => {
    const out: Record<string, unknown> = {};
    i++;
    ws();
    if (text[i] === "}") {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail("expected a key in double quotes");
      const at = i;
      const key = string();
      if (Object.hasOwn(out, key)) fail(`duplicate key ${JSON.stringify(key)}`, at);
      ws();
      if (text[i] !== ":") fail("expected ':'");
      i++;
      let item: unknown;
      if (positions) {
        path.push(key);
        mark("key", at);
        item = value(depth + 1);
        path.pop();
      } else {
        item = value(depth + 1);
      }
      // defineProperty: a "__proto__" key stays an ordinary key, never a prototype.
      if (key === "__proto__") Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      else out[key] = item;
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return out;
      }
      fail("expected ',' or '}'");
    }
  };

  const array = (depth: number) => {
    const out: unknown[] = [];
    i++;
    ws();
    if (text[i] === "]") {
      i++;
      return out;
    }
    for (;;) {
      if (positions) {
        path.push(out.length);
        out.push(value(depth + 1));
        path.pop();
      } else {
        out.push(value(depth + 1));
      }
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return out;
      }
      fail("expected ',' or ']'");
    }
  };

  const string = () => {
    const start = i;
    i++;
    let out = "";
    for (;;) {
      // The run of ordinary characters up to the next quote, backslash or control character.
      PLAIN.lastIndex = i;
      PLAIN.test(text);
      if (PLAIN.lastIndex > i) {
        out += text.slice(i, PLAIN.lastIndex);
        i = PLAIN.lastIndex;
      }
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail("unterminated string", start);
      if (c === 0x22) {
        i++;
        return out;
      }
      if (c !== 0x5c) fail("control character in string");
      const e = text[i + 1];
      if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
        out += ESCAPES[e];
        i += 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        fail("invalid escape in string");
      }
    }
  };

  const number = () => {
    const start = i;
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail("invalid number");
    i += m[0].length;
    if (m[2] !== undefined || m[3] !== undefined)
      fail("only whole numbers are allowed (no fractions or exponents)", start);
    const n = Number(m[0]);
    if (!Number.isSafeInteger(n) || m[0] === "-0") fail(`number ${m[0]} is out of range`, start);
    return n;
  };

  try {
    const result = value(0);
    ws();
    if (i !== text.length) fail("unexpected text after the JSON value");
    return { ok: true, value: result };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { ok: false, message: error.message, position: positionOf(text, error.offset) };
  }
}

export function positionOf(text: string, offset: number): Position {
  let line = 1;
  let col = 1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return { line, col };
}
