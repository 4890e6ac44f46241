import { parseStrictJson, type JsonPositions, positionOf } from "../util/strict-json.js";
import type { ParseResult, PathSegment } from "./yaml-file.js";

/**
 * A JSON input file with the same positions a YAML one has, without loading the YAML parser:
 * scripted runs in CI usually pass JSON answers, and start-up time matters there. Strict:
 * duplicate keys and non-integer numbers are refused, with their line and column.
 */
export function parseJson(bytes: Uint8Array, file: string): ParseResult {
  const fail = (message: string, rule: string, pos = { line: 1, col: 1 }) => ({
    ok: false as const,
    diagnostics: [{ file, ...pos, severity: "error" as const, message, rule }],
  });
  if (bytes.indexOf(0) !== -1) return fail("binary file (contains a NUL byte), expected JSON text", "binary");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("file is not valid UTF-8 text", "encoding");
  }
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  if (text.trim() === "") return fail("file is empty", "empty");
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return fail(parsed.message, "json-syntax", parsed.position);
  // Positions are worked out only when a message needs one: a valid file never pays for them.
  let positions: JsonPositions | undefined;
  const locate = (path: readonly PathSegment[], key?: string) => {
    if (!positions) {
      positions = new Map();
      parseStrictJson(text, positions);
    }
    if (key !== undefined) {
      const entry = positions.get(JSON.stringify([...path, key]));
      if (entry?.key !== undefined) return positionOf(text, entry.key);
    }
    for (let n = path.length; n >= 0; n--) {
      const entry = positions.get(JSON.stringify(path.slice(0, n)));
      if (entry) return positionOf(text, entry.value);
    }
    return { line: 1, col: 1 };
  };
  return { ok: true, source: { file, value: parsed.value, locate } };
}
