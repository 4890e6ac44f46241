import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { inspect, isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify, type ToStringOptions } from "yaml";
import { MAX_DEPTH, type PathSegment, parseYaml } from "../../src/bank/yaml-file.js";
import { readPlainYaml } from "../../src/bank/yaml-plain.js";

/**
 * The quick reading of plain YAML (yaml-plain.ts) against the full one (parseYaml with
 * `plain: false`, yaml's composer and document): whenever the quick reading accepts a text, the
 * full one accepts it too, with the same value and the same position for every path and key.
 * Texts come from generated trees in every style yaml writes, from the repository's own YAML
 * files, and from both with random edits (most of which make YAML the quick reading must decline).
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Every path into a value, and some that lead nowhere or only part of the way. */
function pathsOf(value: unknown, prefix: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}
const NOWHERE: PathSegment[][] = [["nope"], [0], ["0"], [" 1"], [""], [-1], [1.5], ["questions", 999], ["questions", "1", "id", "deeper"]];

/** True when the quick reading accepted `text`; then it must be exactly the full reading. */
function quickIsFull(text: string): boolean {
  // What parseYaml hands the quick reading: the file decoded (a byte order mark dropped), and
  // never an empty one (or one of white space), which it refuses first.
  const bytes = new TextEncoder().encode(text);
  const decoded = new TextDecoder().decode(bytes);
  if (decoded.trim() === "") return false;
  const plain = readPlainYaml(decoded, MAX_DEPTH);
  if (plain === undefined) return false;
  const full = parseYaml(bytes, "f.yaml", { plain: false });
  if (!full.ok) throw new Error(`accepted quickly, refused in full: ${inspect(text)}: ${full.diagnostics[0]?.message}`);
  expect(isDeepStrictEqual(plain.value, full.source.value)).toBe(true);
  expect(inspect(plain.value, { depth: null })).toBe(inspect(full.source.value, { depth: null }));
  for (const p of [...pathsOf(full.source.value), ...NOWHERE]) {
    expect({ p, at: plain.locate(p) }).toEqual({ p, at: full.source.locate(p) });
    const key = p[p.length - 1];
    if (typeof key === "string") {
      const parent = p.slice(0, -1);
      expect({ p, key: plain.locate(parent, key) }).toEqual({ p, key: full.source.locate(parent, key) });
    }
  }
  return true;
}

/**
 * Edits that make YAML interesting: indentation, indicators, quotes, tabs, props, numbers, and
 * other line ends and separators (a lone CR, Unicode's line separator, NEL, form feed).
 */
const PIECES = ["\t", " ", "  ", "\n", ":", ": ", "- ", "-", "#", " #x", "'", '"', "[", "]", ",", "{", "}", "&a ", "*a", "!!str ", "? ", "---\n", "...\n", "|", ">-", "\\", "0x1", "0o7", ".5", "1e3", "~", "null", "True", "<<", "__proto__", "toString", "\r\n", "\u00a0", "%YAML 1.2\n", "@", "`", "\uFEFF", "\r", "\u2028", "\u0085", "\v", "\f", "\u200b", "\u007f"];
const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom("insert", "delete", "indent"), piece: fc.constantFrom(...PIECES), size: fc.integer({ min: 1, max: 3 }) });
function applyEdits(text: string, edits: readonly { at: number; kind: string; piece: string; size: number }[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    if (e.kind === "insert") t = t.slice(0, at) + e.piece + t.slice(at);
    else if (e.kind === "delete") t = t.slice(0, at) + t.slice(at + e.size);
    else {
      const line = t.lastIndexOf("\n", at - 1) + 1;
      t = t.slice(0, line) + " ".repeat(e.size - 1) + t.slice(line + (e.size % 2));
    }
  }
  return t;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}
const REPO_YAML = [...yamlFiles(path.join(ROOT, "questions")), ...yamlFiles(path.join(ROOT, "test", "fixtures"))];

describe("the quick reading of plain YAML", () => {
  it("reads every YAML file of the repository (the shipped bank, its scenarios, the fixtures) exactly as the full reading does, with Unix or Windows line ends", () => {
    let quick = 0;
    for (const file of REPO_YAML) {
      const text = readFileSync(file, "utf8");
      if (quickIsFull(text)) quick++;
      quickIsFull(text.replaceAll("\n", "\r\n"));
    }
    // Files as people write them are plain: the quick reading takes nearly all of them.
    expect(quick).toBeGreaterThan(REPO_YAML.length * 0.9);
    for (const file of yamlFiles(path.join(ROOT, "questions"))) {
      const text = readFileSync(file, "utf8");
      for (const lines of [text, text.replaceAll("\n", "\r\n")]) {
        expect({ file, quick: readPlainYaml(lines, MAX_DEPTH) !== undefined }).toEqual({ file, quick: true });
      }
    }
  });

  it("is the full reading for any tree yaml writes, in any of its styles", () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("toString", "constructor", "__proto__", "<<", "1", "01", "0x1", "1.0", "true", "null", "~", "yes", "-0", "a b", "a: b", "# c", "- x"));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 0 }),
        fc.double(),
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.constantFrom("multi\nline\n", "  lead", "trail ", "a: b", "- x", "#c", "'q'", '"d"', "0o7", "1e3", ".inf", "0x1F", "+12", "-3.50", "null", "TRUE", ""),
        tie("list"),
        tie("map"),
      ),
      list: fc.array(tie("node"), { maxLength: 4 }),
      map: fc.dictionary(key, tie("node"), { maxKeys: 4 }),
    })).node;
    const style: fc.Arbitrary<ToStringOptions> = fc.record({
      defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"),
      defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE"),
      indent: fc.integer({ min: 1, max: 4 }),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
      flowCollectionPadding: fc.boolean(),
    }) as fc.Arbitrary<ToStringOptions>;
    let quick = 0;
    fc.assert(
      fc.property(tree, style, fc.boolean(), (value, options, flowLists) => {
        let text = stringify(value, options);
        // Lists of scalars written `[a, b]`, as banks write clause lists.
        if (flowLists) text = stringify(value, { ...options, collectionStyle: "block" }).replace(/\n(\s*)- ([a-z0-9-]+)\n\1- ([a-z0-9-]+)\n/g, " [$2, $3]\n");
        if (quickIsFull(text)) quick++;
      }),
      { numRuns: 600 },
    );
    expect(quick).toBeGreaterThan(100);
  });

  it("is the full reading, or declines, after any edits of the repository's files", () => {
    const texts = REPO_YAML.map((f) => readFileSync(f, "utf8"));
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (i, edits) => {
        quickIsFull(applyEdits(texts[i] as string, edits));
      }),
      { numRuns: 3000 },
    );
  });

  it("is the full reading, or declines, on YAML noise", () => {
    const noise = fc.array(fc.oneof(fc.constantFrom(...PIECES, "a", "b: 1", "\n  ", "  - ", "x: [a, b]", "id: q1\n"), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(fc.property(noise, (text) => void quickIsFull(text)), { numRuns: 3000 });
  });

  it("declines what it does not know to be plain, which the full reading then reads or refuses", () => {
    const declined = [
      "a: &x 1\nb: *x\n", // anchors and aliases
      "a: !!str 1\n", // tags
      "---\na: 1\n", // a document start
      "a: 1\n---\nb: 2\n", // two documents
      "? a\n: 1\n", // an explicit key
      "a:\n\tb: 1\n", // a tab as indentation
      "a: {b: 1}\n", // a flow mapping
      "a: [b,\n  c]\n", // a flow list over two lines
      "a:\n", // an empty value
      "- \n", // an empty item
      "1: a\n", // a key that is not a string
      "a: 1\na: 2\n", // a duplicate key
      "__proto__: 1\n", // a refused key
      "<<: 1\n", // a merge key
      "a: 0x1F\n", // hexadecimal
      "a: .nan\n", // not a number
      '{"a": 1}', // JSON is a flow mapping
      "a: 'unclosed\n", // a parser complaint
    ];
    for (const text of declined) {
      expect({ text, plain: readPlainYaml(text, MAX_DEPTH) }).toEqual({ text, plain: undefined });
      // parseYaml reads them as before: a value or its positioned diagnostics.
      const read = (plain?: boolean) => {
        const result = parseYaml(new TextEncoder().encode(text), "f.yaml", plain === undefined ? {} : { plain });
        return result.ok ? { value: result.source.value } : { diagnostics: result.diagnostics };
      };
      expect(read()).toEqual(read(false));
    }
    expect(readPlainYaml("- ".repeat(MAX_DEPTH + 1) + "x\n", MAX_DEPTH)).toBeUndefined();
    expect(readPlainYaml("- ".repeat(MAX_DEPTH) + "x\n", MAX_DEPTH)).toBeDefined();
  });
});
