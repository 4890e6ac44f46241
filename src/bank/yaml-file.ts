import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
} from "yaml";
import type { Diagnostic, Position } from "../util/diagnostic.js";
import { indentHint } from "./yaml-indent-hint.js";
import { readPlainYaml } from "./yaml-plain.js";
import { MAX_YAML_BYTES } from "./read-input.js";

// The size cap lives with the reader (read-input.ts), which needs it without loading the YAML parser.
export { MAX_YAML_BYTES } from "./read-input.js";
/** Deeper than any real bank or answers file; keeps recursion bounded. */
export const MAX_DEPTH = 64;

export type PathSegment = string | number;

/** A parsed YAML (or JSON) file that can still say where each value came from. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** Position of the value at `path`, or of the key itself when `key` is given; falls back to the nearest ancestor. */
  locate(path: readonly PathSegment[], key?: string): Position;
}

export type ParseResult =
  | { ok: true; source: YamlSource }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses one YAML document safely: no aliases or anchors (alias bombs), no tags (`!!binary`,
 * custom types), no duplicate keys, one document per file, a size cap and a depth cap. JSON is
 * YAML, so answers files in JSON go through here too and get the same positions.
 */
export function parseYaml(bytes: Uint8Array, file: string, options: { plain?: boolean } = {}): ParseResult {
  const fail = (message: string, rule: string, pos: Position = { line: 1, col: 1 }) => ({
    ok: false as const,
    diagnostics: [{ file, ...pos, severity: "error" as const, message, rule }],
  });
  if (bytes.byteLength > MAX_YAML_BYTES) {
    return fail(
      `file is ${bytes.byteLength} bytes, over the ${MAX_YAML_BYTES}-byte limit`,
      "file-too-large",
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail("binary file (contains a NUL byte), expected YAML text", "binary");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail("file is not valid UTF-8 text", "encoding");
  }
  if (text.trim() === "") return fail("file is empty", "empty");
  // Nearly every file is plain YAML, which is read from the parser's tokens directly; any other
  // file (or one with a mistake) is read in full below, which says what is wrong and where.
  // (`plain: false` reads in full: the tests' yardstick for the quick reading.)
  const plain = options.plain === false ? undefined : readPlainYaml(text, MAX_DEPTH);
  if (plain) return { ok: true, source: { file, ...plain } };

  const lineCounter = new LineCounter();
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      // Duplicate keys are found by checkNodes with a Set: yaml's own check is quadratic, and
      // an answers file with 60,000 keys would take a minute.
      uniqueKeys: false,
      strict: true,
    }) as Document.Parsed[];
  } catch (error) {
    if (error instanceof RangeError) return fail("nesting is too deep", "too-deep");
    throw error;
  }
  if (!Array.isArray(docs)) return fail("file is empty", "empty");
  const diagnostics: Diagnostic[] = [];
  const add = (offset: number, message: string, rule: string) =>
    diagnostics.push({ file, ...pos(offset), severity: "error", message, rule });

  const second = docs[1];
  if (second) {
    add(second.range[0], "more than one YAML document in the file; a file holds one", "multi-doc");
  }
  const doc = docs[0];
  if (!doc) return fail("file is empty", "empty");
  // Only the first syntax error: one misplaced key makes the parser report several more that
  // all go away with it, and a list of four errors for one mistake sends people looking for four.
  const first = doc.errors[0];
  if (first) {
    // The parser survives its own stack overflow and reports it; say what it means.
    if (/call stack/i.test(first.message)) add(first.pos[0], "nesting is too deep", "too-deep");
    else {
      const hint = indentHint(text, first.code, first.pos[0]);
      if (hint) add(hint.offset, hint.message, "yaml-indent");
      else add(skipBlanks(text, first.pos[0]), yamlMessage(first.message), "yaml-syntax");
    }
  }
  for (const w of doc.warnings) add(w.pos[0], yamlMessage(w.message), "yaml-syntax");
  let value: unknown;
  if (diagnostics.length === 0) {
    const walk = { add, plain: true };
    value = checkAndBuild(doc.contents, 0, walk);
    if (!walk.plain && diagnostics.length === 0) value = doc.toJS({ maxAliasCount: 0 });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics: dedupe(diagnostics) };
  const locate = (path: readonly PathSegment[], key?: string): Position => {
    // Down the path once, as doc.getIn would on each shorter path in turn: the deepest node
    // reached answers (a large bank's lint asks thousands of times).
    const reached: unknown[] = [doc.contents];
    for (const segment of path) {
      const parent = reached[reached.length - 1];
      if (!isMap(parent) && !isSeq(parent)) break;
      const child: unknown = parent.get(segment, true);
      if (child === undefined) break;
      reached.push(child);
    }
    for (let n = reached.length - 1; n >= 0; n--) {
      const node = reached[n];
      if (!isNode(node) || !node.range) continue;
      if (n === path.length && key !== undefined && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (pair && isNode(pair.key) && pair.key.range) return pos(pair.key.range[0]);
      }
      return pos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
  return { ok: true, source: { file, value, locate } };
}

type Add = (offset: number, message: string, rule: string) => void;

interface Walk {
  add: Add;
  /** Cleared when the tree holds something only yaml's own toJS builds exactly (see checkAndBuild). */
  plain: boolean;
}

/**
 * Refuses what a bank or answers file must not use (aliases, anchors, tags, complex, merge,
 * duplicate or `__proto__` keys, nesting past MAX_DEPTH) and, in the same walk, builds the value
 * `doc.toJS({ maxAliasCount: 0 })` gives (a second walk over the nodes cost as much again).
 * It builds what toJS builds for the tree every valid file is: maps with plain keys, lists and
 * scalars (their values as they are, as toJS keeps them). A key-value pair inside a list, or a
 * key whose value is an object (a YAML 1.1 date), clears `walk.plain`, and the caller has yaml
 * build the value. The value means nothing once a diagnostic is added.
 */
function checkAndBuild(node: unknown, depth: number, walk: Walk): unknown {
  // A pair's missing key or value: toJS keeps it as it is (null).
  if (!isNode(node)) return node;
  const { add } = walk;
  const at = node.range?.[0] ?? 0;
  if (depth > MAX_DEPTH) {
    add(at, `nesting is deeper than ${MAX_DEPTH} levels`, "too-deep");
    return undefined;
  }
  if (isAlias(node)) {
    add(at, `aliases are not allowed (*${node.source})`, "alias");
    return undefined;
  }
  const n = node as Node;
  if (n.anchor) add(at, `anchors are not allowed (&${n.anchor})`, "anchor");
  if (n.tag) add(at, `tags are not allowed (${shortTag(n.tag)})`, "tag");
  if (isScalar(node)) return node.value;
  if (isMap(node)) {
    // Keys as the JavaScript object will hold them: "1" and 1 (or true and "true") are one key there.
    const keys: (string | undefined)[] = [];
    const seen = new Set<string>();
    for (const pair of node.items) {
      const keyAt = (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? at;
      if (!isScalar(pair.key)) {
        // A mapping or list as a key (`? [a, b]`): yaml would stringify it with a Node warning.
        add(keyAt, "a key must be a plain value, not a mapping or a list", "complex-key");
        keys.push(undefined);
        continue;
      }
      // A YAML 1.1 merge key is a Symbol(<<) once resolved; a quoted "<<" is refused too.
      const raw = pair.key.value;
      const key = raw === null ? "" : typeof raw === "symbol" ? (raw.description ?? "") : String(raw);
      if (key === "<<") {
        add(keyAt, "merge keys (<<) are not allowed; write the keys out", "merge-key");
      } else if (key === "__proto__") {
        add(keyAt, 'unknown key "__proto__" (it is never a valid key)', "proto-key");
      } else if (seen.has(key)) {
        add(keyAt, `duplicate key "${key}"; keys in a mapping must be unique`, "duplicate-key");
      }
      seen.add(key);
      if (typeof raw === "object" && raw !== null) walk.plain = false;
      keys.push(key);
    }
    const map: Record<string, unknown> = {};
    node.items.forEach((pair, i) => {
      checkAndBuild(pair.key, depth + 1, walk);
      const value = checkAndBuild(pair.value, depth + 1, walk);
      const key = keys[i];
      if (key === undefined) return;
      // As toJS sets it: a key the prototype also has ("toString") becomes the object's own.
      if (key in map) {
        Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        map[key] = value;
      }
    });
    return map;
  }
  if (isSeq(node)) {
    const list: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) {
        // `[a: 1]`: toJS makes it a one-key object, with its own rules for the key.
        walk.plain = false;
        checkAndBuild(item.key, depth + 1, walk);
        checkAndBuild(item.value, depth + 1, walk);
      } else {
        list.push(checkAndBuild(item, depth + 1, walk));
      }
    }
    return list;
  }
  walk.plain = false;
  return undefined;
}

/** The parser points at the start of a line; the mistake is at its first character (a tab is one). */
function skipBlanks(text: string, offset: number): number {
  let i = offset;
  while (text[i] === " ") i++;
  return text[i] === undefined || text[i] === "\n" ? offset : i;
}

function shortTag(tag: string): string {
  return tag.replace(/^tag:yaml\.org,2002:/, "!!");
}

/** The yaml package's messages end with a source excerpt; keep the first line. */
function yamlMessage(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+$/, "").trim();
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
