import { describe, expect, it } from "vitest";
import { isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import { MAX_YAML_BYTES, type PathSegment, parseYaml } from "../../src/bank/yaml-file.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("parseYaml rejects unsafe or ambiguous YAML with a position", () => {
  const cases: {
    name: string;
    text: string | Uint8Array;
    rule: string;
    line: number;
    col: number;
    message: RegExp;
  }[] = [
    {
      name: "alias",
      text: "a: &x 1\nb: *x\n",
      rule: "alias",
      line: 2,
      col: 4,
      message: /aliases are not allowed \(\*x\)/,
    },
    {
      name: "a YAML 1.1 merge key",
      text: "%YAML 1.1\n---\nbase: {a: 1}\nitem:\n  a: 2\n  <<: {a: 3, b: 4}\n",
      rule: "merge-key",
      line: 6,
      col: 3,
      message: /merge keys \(<<\) are not allowed/,
    },
    {
      name: 'keys "1" and 1 (one key in JavaScript)',
      text: '"1": a\n1: b\n',
      rule: "duplicate-key",
      line: 2,
      col: 1,
      message: /duplicate key "1"/,
    },
    {
      name: 'keys true and "true"',
      text: 'true: a\n"true": b\n',
      rule: "duplicate-key",
      line: 2,
      col: 1,
      message: /duplicate key "true"/,
    },
    {
      name: "a complex key",
      text: "? [a, b]\n: 1\n",
      rule: "complex-key",
      line: 1,
      col: 3,
      message: /a key must be a plain value/,
    },
    {
      name: "a __proto__ key deep inside",
      text: "expect:\n  sections:\n    __proto__: pass\n",
      rule: "proto-key",
      line: 3,
      col: 5,
      message: /unknown key "__proto__"/,
    },
    {
      name: "anchor alone",
      text: "a: &x 1\n",
      rule: "anchor",
      line: 1,
      col: 7,
      message: /anchors are not allowed/,
    },
    {
      name: "alias bomb",
      text: 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n',
      rule: "alias",
      line: 2,
      col: 8,
      message: /aliases/,
    },
    {
      name: "!!binary tag",
      text: "a: 1\nb: !!binary aGVsbG8=\n",
      rule: "tag",
      line: 2,
      col: 13,
      message: /tags are not allowed \(!!binary\)/,
    },
    {
      name: "custom tag",
      text: "a: !thing x\n",
      rule: "yaml-syntax",
      line: 1,
      col: 4,
      message: /Unresolved tag: !thing/,
    },
    {
      name: "explicit !!str tag",
      text: "a: !!str 3\n",
      rule: "tag",
      line: 1,
      col: 10,
      message: /tags are not allowed \(!!str\)/,
    },
    {
      name: "duplicate key",
      text: "a: 1\nb: 2\na: 3\n",
      rule: "duplicate-key",
      line: 3,
      col: 1,
      message: /duplicate key "a"/,
    },
    {
      name: "second document",
      text: "a: 1\n---\nb: 2\n",
      rule: "multi-doc",
      line: 2,
      col: 1,
      message: /more than one YAML document/,
    },
    {
      name: "syntax error",
      text: "a: [1, 2\nb: 3\n",
      rule: "yaml-syntax",
      line: 2,
      col: 1,
      message: /./,
    },
    { name: "empty file", text: "  \n\n", rule: "empty", line: 1, col: 1, message: /empty/ },
    {
      name: "binary content",
      text: new Uint8Array([0x61, 0x3a, 0x00, 0x01]),
      rule: "binary",
      line: 1,
      col: 1,
      message: /binary/,
    },
    {
      name: "invalid UTF-8",
      text: new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe]),
      rule: "encoding",
      line: 1,
      col: 1,
      message: /UTF-8/,
    },
    {
      name: "over the size cap",
      text: `a: "${"x".repeat(MAX_YAML_BYTES)}"\n`,
      rule: "file-too-large",
      line: 1,
      col: 1,
      message: /limit/,
    },
    {
      name: "deep nesting",
      text: `${"[".repeat(200)}${"]".repeat(200)}\n`,
      rule: "too-deep",
      line: 1,
      col: 66,
      message: /nesting/,
    },
  ];
  it.each(cases)("$name", ({ text, rule, line, col, message }) => {
    const result = parseYaml(typeof text === "string" ? bytes(text) : text, "f.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const d = result.diagnostics.find((x) => x.rule === rule);
    expect(d, JSON.stringify(result.diagnostics)).toBeDefined();
    expect(d).toMatchObject({ file: "f.yaml", line, col, severity: "error" });
    expect(d?.message).toMatch(message);
  });

  it("survives 5,000 levels of nesting without an exception", () => {
    const result = parseYaml(bytes(`${"[".repeat(5000)}${"]".repeat(5000)}`), "deep.yaml");
    expect(result.ok).toBe(false);
  });
});

describe("parseYaml accepts ordinary files", () => {
  it("keeps positions for values and keys", () => {
    const result = parseYaml(bytes("id: x\nlist:\n  - a: 1\n    b: two\n"), "ok.yaml");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.source.value).toEqual({ id: "x", list: [{ a: 1, b: "two" }] });
    expect(result.source.locate(["list", 0, "b"])).toEqual({ line: 4, col: 8 });
    expect(result.source.locate(["list", 0], "b")).toEqual({ line: 4, col: 5 });
    // A path that does not exist falls back to the nearest ancestor.
    expect(result.source.locate(["list", 0, "missing"])).toEqual({ line: 3, col: 5 });
  });

  it("locates every path exactly as yaml's getIn does on each shorter path in turn", () => {
    // The walk locate replaced (it asked doc.getIn once per ancestor): the reference.
    const reference = (text: string, path: readonly PathSegment[], key?: string) => {
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
      const at = (offset: number) => ({ line: lineCounter.linePos(offset).line, col: lineCounter.linePos(offset).col });
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (!isNode(node) || !node.range) continue;
        if (n === path.length && key !== undefined && isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
        return at(node.range[0]);
      }
      return { line: 1, col: 1 };
    };
    const text = [
      "id: x",
      "empty:",
      "1: numeric key",
      '"2": quoted numeric key',
      "list:",
      "  - a: 1",
      "    b: [p, {q: r}]",
      "  - plain",
      "  -",
      "  - - nested",
      "map: {k: v, n: null}",
      "",
    ].join("\n");
    const paths: [PathSegment[], string?][] = [
      [[]],
      [[], "list"],
      [[], "missing"],
      [["id"]],
      [["id", "deeper"]],
      [["empty"]],
      [["empty", 0]],
      [[1]],
      [["1"]],
      [["2"]],
      [[2]],
      [["list", 0], "b"],
      [["list", 0, "b", 1, "q"]],
      [["list", 0, "b", "1", "q"]],
      [["list", 0, "b", 5]],
      [["list", "0", "a"]],
      [["list", 1]],
      [["list", 1, "x"]],
      [["list", 2]],
      [["list", 2, "x"]],
      [["list", 3, 0]],
      [["list", -1]],
      [["list", 1.5]],
      [["list", ""]],
      [["map", "n"]],
      [["map", "n", "x"]],
      [["map"], "n"],
      [["map"], "zz"],
    ];
    const result = parseYaml(bytes(text), "f.yaml");
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    for (const [path, key] of paths) {
      expect(result.source.locate(path, key), JSON.stringify([path, key])).toEqual(reference(text, path, key));
    }
  });

  it.each([
    ["a byte-order mark", "\uFEFFa: 1\n"],
    ["CRLF line ends", "a: 1\r\nb: 2\r\n"],
    ["JSON", '{"a": 1, "b": [2]}'],
  ])("accepts %s", (_name, text) => {
    const result = parseYaml(bytes(text), "f.yaml");
    expect(result.ok).toBe(true);
  });

  it("refuses __proto__ at its position (a record would silently drop it), never touching a prototype", () => {
    const result = parseYaml(bytes('a: 1\n"__proto__": {polluted: 1}\n'), "p.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ line: 2, col: 1, rule: "proto-key" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
