import { CST, LineCounter, Parser } from "yaml";
import type { Position } from "../util/diagnostic.js";
import type { PathSegment, YamlSource } from "./yaml-file.js";

/**
 * The quick way to read the YAML nearly every bank, scenario and answers file is written in:
 * block mappings and lists, one-line flow lists (`clauses: [a-1, a-2]`) and scalars, with
 * comments, and nothing else. It reads the parser's token tree (yaml's CST) directly, without
 * yaml's composer and its document nodes, which cost a third of a large bank's parse.
 *
 * It only ever says "this file is plain, and here is exactly what the full reading would give":
 * the same value as parseYaml's checked walk and the same position for every path. Anything it
 * does not know to be plain and clean (anchors, aliases, tags, explicit keys, `---`, tabs in
 * indentation, flow mappings, multi-line flow lists, empty values, keys that are not strings,
 * duplicate or refused keys, numbers other than decimal ones, any parser complaint), it declines,
 * and parseYaml reads the file in full, with every message as before. The property tests in
 * test/properties hold the two readings equal on every file it accepts.
 */
export type PlainRead = Omit<YamlSource, "file">;

type Token = CST.Token;
type SourceToken = CST.SourceToken;
/**
 * A mapping's entry. `entries` (made while the value is built) holds each mapping's entries and
 * each list's items, in order, comment-only items left out as yaml leaves them out.
 */
type Entry = { name: string; key: Token; value: Token };
const declined = Symbol("declined");

/** The value and positions of `text`, or undefined when it is not plain (see above). */
export function readPlainYaml(text: string, maxDepth: number): PlainRead | undefined {
  const lineCounter = new LineCounter();
  let document: CST.Document | undefined;
  try {
    for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
      if (token.type === "document") {
        if (document !== undefined) return undefined;
        document = token;
      } else if (token.type !== "comment" && token.type !== "newline" && token.type !== "space" && token.type !== "byte-order-mark") {
        return undefined;
      }
    }
  } catch {
    return undefined; // the parser's own stack overflow: the full reading says what it means
  }
  const root = document?.value;
  if (document === undefined || root === undefined) return undefined;
  const entries = new Map<Token, Entry[] | Token[]>();
  let value: unknown;
  try {
    // Before the value and after it: yaml takes a comment there without white space before it.
    blanks(document.start, true);
    blanks(document.end ?? [], true);
    value = build(root, 0, maxDepth, entries);
  } catch (error) {
    if (error === declined) return undefined;
    throw error;
  }
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  // As parseYaml's locate on yaml's document: the deepest node the path reaches, or the key.
  const locate = (path: readonly PathSegment[], key?: string): Position => {
    let node = root;
    let depth = 0;
    for (const segment of path) {
      const child = childOf(node, segment, entries);
      if (child === undefined) break;
      node = child;
      depth++;
    }
    if (depth === path.length && key !== undefined && node.type === "block-map") {
      const entry = (entries.get(node) as Entry[]).find((e) => e.name === key);
      if (entry) return pos(entry.key.offset);
    }
    return pos(node.offset);
  };
  return { value, locate };
}

function decline(): never {
  throw declined;
}

/** What yaml's `get(segment)` finds: a mapping's value by string key, a list's item by index. */
function childOf(node: Token, segment: PathSegment, entries: Map<Token, Entry[] | Token[]>): Token | undefined {
  if (node.type === "block-map") {
    return typeof segment === "string" ? (entries.get(node) as Entry[]).find((e) => e.name === segment)?.value : undefined;
  }
  if (node.type === "block-seq" || node.type === "flow-collection") {
    // yaml's asItemIndex: a number, or a non-empty string that is one.
    const index = typeof segment === "string" && segment !== "" ? Number(segment) : segment;
    return typeof index === "number" && Number.isInteger(index) && index >= 0 ? (entries.get(node) as Token[])[index] : undefined;
  }
  return undefined;
}

function build(token: Token, depth: number, maxDepth: number, entries: Map<Token, Entry[] | Token[]>): unknown {
  if (depth > maxDepth) decline();
  switch (token.type) {
    case "scalar":
    case "single-quoted-scalar":
    case "double-quoted-scalar":
    case "block-scalar":
      return scalarValue(token);
    case "block-map": {
      const map: Record<string, unknown> = {};
      const found: Entry[] = [];
      const names = new Set<string>();
      let commentsOnly = false;
      for (const item of token.items) {
        if (item.explicitKey) decline();
        // A comment-only item: yaml skips it, and complains when an entry follows it (a case
        // its composer calls impossible: comments go with the entry after them).
        if (item.key === undefined) {
          blanks(item.start, true);
          commentsOnly = true;
          continue;
        }
        const { key, sep, value } = item;
        if (commentsOnly || key === null || value === undefined) decline();
        blanks(item.start, true);
        if (key.type !== "scalar" && key.type !== "single-quoted-scalar" && key.type !== "double-quoted-scalar") decline();
        // yaml: a key on one line, at the mapping's column, its `:` at most 1024 characters on.
        if (key.indent !== token.indent || key.source.includes("\n") || key.end?.some((t) => t.type === "newline")) decline();
        const colon = indicatorIn(sep, "map-value-ind", false) ?? decline();
        if (colon.offset - (item.start[0]?.offset ?? key.offset) > 1000) decline();
        // yaml: "Nested mappings are not allowed in compact mappings".
        if (value.type === "block-map" && !sep.some((t) => t.type === "newline")) decline();
        const name = scalarValue(key);
        // Keys as the JavaScript object holds them, refused ones and duplicates: the full
        // reading says what is wrong (and a key that is not a string is located differently).
        if (typeof name !== "string" || name === "<<" || name === "__proto__" || names.has(name)) decline();
        names.add(name);
        found.push({ name, key, value });
        const built = build(value, depth + 1, maxDepth, entries);
        // As yaml's toJS sets it: a key the prototype also has ("toString") becomes the object's own.
        if (name in map) Object.defineProperty(map, name, { value: built, writable: true, enumerable: true, configurable: true });
        else map[name] = built;
      }
      entries.set(token, found);
      return map;
    }
    case "block-seq": {
      const list: unknown[] = [];
      const items: Token[] = [];
      for (const item of token.items) {
        // A list item's start: one `-`, or none for a comments-only item.
        if (indicatorIn(item.start, "seq-item-ind", true) === undefined) {
          if (item.value !== undefined) decline();
          continue; // comments only: yaml skips it
        }
        if (item.value === undefined) decline();
        items.push(item.value);
        list.push(build(item.value, depth + 1, maxDepth, entries));
      }
      entries.set(token, items);
      return list;
    }
    case "flow-collection": {
      // One-line lists of scalars only: `[a, "b c"]`.
      const [close, ...after] = token.end;
      if (token.start.source !== "[" || close?.type !== "flow-seq-end") decline();
      blanks(after, false); // yaml's resolveEnd, strict: a comment after white space
      const list: unknown[] = [];
      const items: Token[] = [];
      token.items.forEach((item, i) => {
        const { value } = item;
        if (item.key !== undefined || item.sep !== undefined || value === undefined) decline();
        let commas = 0;
        for (const t of item.start) {
          if (t.type === "comma") commas++;
          else if (t.type !== "space" || t.source.includes("\t")) decline();
        }
        if (commas !== (i === 0 ? 0 : 1)) decline();
        if (value.type !== "scalar" && value.type !== "single-quoted-scalar" && value.type !== "double-quoted-scalar") decline();
        if (value.source.includes("\n") || value.end?.some((t) => t.type !== "space" || t.source.includes("\t"))) decline();
        if (depth + 1 > maxDepth) decline();
        items.push(value);
        list.push(scalarValue(value));
      });
      entries.set(token, items);
      return list;
    }
    default:
      return decline();
  }
}

/** A scalar's value as yaml's core schema resolves it, declining on any complaint of the parser. */
function scalarValue(token: CST.FlowScalar | CST.BlockScalar): unknown {
  let failed = false;
  const resolved = CST.resolveAsScalar(token, true, () => {
    failed = true;
  });
  if (failed || resolved === null) decline();
  return token.type === "scalar" ? corePlain(resolved.value) : resolved.value;
}

/**
 * A plain scalar's value under YAML 1.2's core schema, tested in yaml's order (null, bool, int,
 * float). Octal, hexadecimal, infinite and not-a-number values are declined: rare in a bank, and
 * the full reading has them right.
 */
function corePlain(s: string): unknown {
  // Every other type starts with one of these (or is empty): most text is a string at once.
  if (s !== "" && !"~nNtTfF0123456789+-.".includes(s.charAt(0))) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === "t" || s[0] === "T";
  if (/^0o[0-7]+$/.test(s)) decline();
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s) || /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) decline();
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/**
 * Only blank lines, spaces (no tabs) and comments, each comment after white space (the start of
 * a line counts when `spaced`), or it declines: what yaml takes before a node or after it.
 */
function blanks(tokens: readonly SourceToken[], spaced: boolean): void {
  indicatorIn(tokens, undefined, spaced);
}

/**
 * The one `indicator` (a mapping's `:`, a list item's `-`) among blanks and comments, as yaml's
 * resolveProps reads them: no second one, no tab, a comment only after white space (the start of
 * a line counts as white space when `spaced`). Undefined when there is none.
 */
function indicatorIn(tokens: readonly SourceToken[], indicator: "map-value-ind" | "seq-item-ind" | undefined, spaced: boolean): SourceToken | undefined {
  let found: SourceToken | undefined;
  for (const t of tokens) {
    if (indicator !== undefined && t.type === indicator) {
      if (found) decline();
      found = t;
      spaced = false;
    } else if (t.type === "space") {
      if (t.source.includes("\t")) decline();
      spaced = true;
    } else if (t.type === "newline") spaced = true;
    else if (t.type !== "comment" || !spaced) decline();
  }
  return found;
}
