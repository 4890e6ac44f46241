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
  let i = 0;
  const path: (string | number)[] = [];
  const mark = (kind: "value" | "key", offset: number) => {
    if (!positions) return;
    const id = JSON.stringify(path);
    const entry = positions.get(id) ?? { value: offset };
    entry[kind] = offset;
    positions.set(id, entry);
  };
  const ws = () => {
    while (
      i < text.length &&
      (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")
    )
      i++;
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
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(
      c === undefined ? "unexpected end of file" : `unexpected character ${JSON.stringify(c)}`,
    );
  };

  const object = (depth: number) => {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
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
      if (seen.has(key)) fail(`duplicate key ${JSON.stringify(key)}`, at);
      seen.add(key);
      ws();
      if (text[i] !== ":") fail("expected ':'");
      i++;
      path.push(key);
      mark("key", at);
      const item = value(depth + 1);
      path.pop();
      // defineProperty: a "__proto__" key stays an ordinary key, never a prototype.
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
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
      path.push(out.length);
      out.push(value(depth + 1));
      path.pop();
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
      const c = text[i];
      if (c === undefined) fail("unterminated string", start);
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail("invalid escape in string");
        }
        continue;
      }
      if ((c as string) < " ") fail("control character in string");
      out += c;
      i++;
    }
  };

  const number = () => {
    const start = i;
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
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
