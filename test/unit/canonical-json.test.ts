import { describe, expect, it } from "vitest";
import { canonicalize, isPlainText, signedBytes } from "../../src/summary/canonical-json.js";
import { parseStrictJson } from "../../src/util/strict-json.js";

describe("canonicalize (RFC 8785, restricted profile)", () => {
  it.each([
    [
      { b: 1, a: [true, null, "x"], c: { z: 0, y: -5 } },
      '{"a":[true,null,"x"],"b":1,"c":{"y":-5,"z":0}}',
    ],
    [
      { name: "Zoë O’Brien 𝒜", q: 'say "hi" \\ now' },
      '{"name":"Zoë O’Brien 𝒜","q":"say \\"hi\\" \\\\ now"}',
    ],
    [{ B: 1, a: 2, _: 3 }, '{"B":1,"_":3,"a":2}'],
    [[], "[]"],
    [{}, "{}"],
  ])("%j", (value, expected) => {
    expect(canonicalize(value)).toBe(expected);
  });

  it.each([
    ["a float", { a: 1.5 }],
    ["negative zero", { a: -0 }],
    ["an unsafe integer", { a: 2 ** 53 }],
    ["a control character", { a: "x\u0007y" }],
    ["a DEL character", { a: "x\u007fy" }],
    ["a newline in a value", { a: "x\ny" }],
    ["an unpaired surrogate", { a: "x\ud800y" }],
    ["a non-ASCII key", { ké: 1 }],
    ["undefined", { a: undefined }],
  ])("refuses %s", (_name, value) => {
    expect(() => canonicalize(value)).toThrow();
  });

  it("signed bytes end in exactly one newline", () => {
    expect(signedBytes({ a: 1 }).toString()).toBe('{"a":1}\n');
  });
});

describe("isPlainText", () => {
  it.each([
    ["Sam Patel", true],
    ["😀", true],
    ["a\tb", false],
    ["\u007f", false],
    ["\udc00", false],
  ])("%j → %s", (text, ok) => expect(isPlainText(text)).toBe(ok));
});

describe("parseStrictJson", () => {
  it.each([
    ['{"a": 1, "b": [true, null, "x\\u00e9"]}', { a: 1, b: [true, null, "xé"] }],
    ["  [ ]  ", []],
    ['{"__proto__": {"x": 1}}', JSON.parse('{"__proto__": {"x": 1}}')],
  ])("parses %s", (text, value) => {
    const result = parseStrictJson(text);
    expect(result).toEqual({ ok: true, value });
  });

  it("keeps __proto__ an ordinary key", () => {
    const result = parseStrictJson('{"__proto__": {"polluted": 1}}');
    expect(result.ok && Object.keys(result.value as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"a": 1, "a": 2}', /duplicate key "a"/, 1, 10],
    ['{"a": 1.0}', /whole numbers/, 1, 7],
    ['{"a": 1e3}', /whole numbers/, 1, 7],
    ['{"a": 12345678901234567890}', /out of range/, 1, 7],
    ['{"a": -0}', /out of range/, 1, 7],
    ['{"a": 01}', /expected ',' or '}'/, 1, 8],
    ['{"a": 1}\n x', /unexpected text/, 2, 2],
    ['{"a": "x\ty"}', /control character/, 1, 9],
    ['{"a": "\\q"}', /invalid escape/, 1, 8],
    ["{'a': 1}", /expected a key/, 1, 2],
    ['{"a": tru}', /unexpected character/, 1, 7],
    ["", /unexpected end/, 1, 1],
    [`${"[".repeat(40)}${"]".repeat(40)}`, /too deep/, 1, 34],
  ])("refuses %s", (text, message, line, col) => {
    const result = parseStrictJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(message);
    expect(result.position).toEqual({ line, col });
  });
});
