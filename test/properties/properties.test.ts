import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { checkSchema } from "../../src/bank/check-schema.js";
import { displayPath } from "../../src/bank/display-path.js";
import { folderJoiner } from "../../src/cli/report-input.js";
import { escapeControl } from "../../src/util/escape.js";
import { sectionFileSchema } from "../../src/bank/schema.js";
import { parseYaml } from "../../src/bank/yaml-file.js";
import { scoreAnswers } from "../../src/engine/score.js";
import { checkAnswersFile } from "../../src/session/answers-file.js";
import { canonicalize } from "../../src/summary/canonical-json.js";
import { parseStrictJson } from "../../src/util/strict-json.js";
import { verifySummaryFully as verifySummaryBytes } from "../../src/summary/verify-fully.js";
import { summaryFileSchema } from "../../src/summary/summary-schema.js";
import { canonicalSummaryText, summaryFileKeys } from "../../src/summary/summary-check.js";
import { type CurrentSummary, isRealInstant } from "../../src/summary/summary.js";
import { anySummarySchema } from "../../src/summary/summary-schema.js";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { compiledBankSchemas, loadBank } from "../../src/bank/load-bank.js";
import { readFileSync } from "node:fs";
import { inspect, isDeepStrictEqual } from "node:util";
import { parseAllDocuments, stringify } from "yaml";
import { bankCopy, DEFAULT_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";

/**
 * Properties over generated input. Run counts are fixed so CI time stays bounded; fast-check
 * prints the seed and the shrunk counterexample of any failure, so it can be replayed with
 * `fc.assert(..., { seed, path })`.
 */
const RUNS = 300;
fc.configureGlobal({ numRuns: RUNS });

let bank: Bank;
let trusted: ReturnType<typeof trustedKey>;
let summaryText: string;
const at = new Date("2026-12-01T00:00:00Z");
beforeAll(async () => {
  bank = await mustLoad(DEFAULT_BANK);
  trusted = trustedKey();
  summaryText = makeSummaryFile(bank, trusted.key, { person: { name: "Sam Patel", staffId: "T-1" }, finishedAt: new Date("2026-11-24T10:00:00Z") });
});

/** YAML-shaped noise: the tokens that make parsers interesting, in any order. */
const yamlTokens = fc
  .array(
    fc.oneof(
      fc.constantFrom("-", ":", " ", "  ", "\n", "\t", "&a ", "*a", "!!binary ", "!tag ", "[", "]", "{", "}", ",", '"', "'", "#", "|", ">", "---\n", "...\n", "id", "questions", "__proto__", "? ", "%YAML 1.2\n", "\uFEFF", "\r\n"),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

describe("the YAML loader", () => {
  it("returns a value or positioned diagnostics for any text, and never throws", () => {
    fc.assert(
      fc.property(fc.oneof(yamlTokens, fc.string({ unit: "binary", maxLength: 200 })), (text) => {
        const result = parseYaml(new TextEncoder().encode(text), "random.yaml");
        if (result.ok) {
          // And the schema check of a section file positions everything it reports.
          const checked = checkSchema(result.source, sectionFileSchema);
          if (!checked.ok) {
            for (const d of checked.diagnostics) {
              expect(d.line).toBeGreaterThanOrEqual(1);
              expect(d.col).toBeGreaterThanOrEqual(1);
            }
          }
          return;
        }
        expect(result.diagnostics.length).toBeGreaterThan(0);
        for (const d of result.diagnostics) {
          expect(d).toMatchObject({ file: "random.yaml", severity: "error" });
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
});

describe("the YAML loader's value", () => {
  /** Exactly the same value: structure, prototypes, own keys and their order, scalars as they are. */
  const expectSame = (actual: unknown, expected: unknown) => {
    expect(isDeepStrictEqual(actual, expected)).toBe(true);
    expect(inspect(actual, { depth: null })).toBe(inspect(expected, { depth: null }));
  };
  /** What yaml's own toJS makes of the text, with the options parseYaml parses with. */
  const yamlValue = (text: string) =>
    (parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: true }) as { toJS(o: object): unknown }[])[0]?.toJS({ maxAliasCount: 0 });
  const accepted = (text: string) => {
    const result = parseYaml(new TextEncoder().encode(text), "random.yaml");
    return result.ok ? result.source.value : undefined;
  };
  /** Keys that are interesting as JavaScript keys or as YAML scalars. */
  const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("toString", "constructor", "1", "01", "0x1", "1.0", "true", "null", "~", "yes", ".nan", "-0"));
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 0 }), fc.double(), tie("list"), tie("map")),
    list: fc.array(tie("node"), { maxLength: 4 }),
    map: fc.dictionary(key, tie("node"), { maxKeys: 4 }),
  })).node;

  it("is the value yaml's toJS makes, for any tree written as YAML, block or flow", () => {
    fc.assert(
      fc.property(tree, fc.boolean(), (value, flow) => {
        const text = stringify(value, flow ? { collectionStyle: "flow" } : {});
        const ours = accepted(text);
        if (ours === undefined) return;
        expectSame(ours, yamlValue(text));
      }),
    );
  });

  it("is the value yaml's toJS makes, for YAML noise it accepts (pairs in lists, YAML 1.1 dates, odd keys)", () => {
    const tokens = fc
      .array(
        fc.oneof(
          fc.constantFrom("- ", ": ", "a", "b: 1", "\n", "\n  ", "[", "]", "{", "}", ", ", "x: y", "2024-01-01", "%YAML 1.1\n---\n", "<<", "1", "1.0", "~", "true", "'q'", '"d"', "? ", "toString"),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(tokens, (text) => {
        const ours = accepted(text);
        if (ours === undefined) return;
        expectSame(ours, yamlValue(text));
      }),
      { numRuns: 1000 },
    );
    // The cases the walk leaves to yaml, each checked once for certain.
    for (const text of ["[a: 1, b]", "%YAML 1.1\n---\nday: 2024-01-01\n", "toString: 1\nconstructor: 2\n", "? \n: 1\n"]) {
      const ours = accepted(text);
      expect(ours).not.toBeUndefined();
      expectSame(ours, yamlValue(text));
    }
  });
});

describe("the bank's compiled schemas", () => {
  /** One shipped section file's value, with the value at one of its paths replaced. */
  const section = parseYaml(readFileSync(path.join(DEFAULT_BANK, "sections/01-scope.yaml")), "s.yaml");
  if (!section.ok) throw new Error("the shipped section does not parse");
  const original = section.source.value;
  const paths: (string | number)[][] = [];
  const collect = (v: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => collect(x, [...at, i]));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) collect(x, [...at, k]);
  };
  collect(original, []);
  const replaced = (at: (string | number)[], by: unknown): unknown => {
    const copy: unknown = structuredClone(original);
    if (at.length === 0) return by;
    let parent = copy as Record<string | number, unknown>;
    for (const p of at.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = at[at.length - 1] as string | number;
    if (by === undefined) delete parent[last];
    else parent[last] = by;
    return copy;
  };
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom(undefined, "", " ", "x\u0007", "Yes", "-bad-", "a".repeat(4001), 0, -1, 1.5, true, [], {}, { extra: 1 }),
  );

  it("give the runtime schemas' result: the same value, or the same issues", () => {
    const compiled = compiledBankSchemas().section;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paths.length - 1 }), replacement, (i, by) => {
        const value = replaced(paths[i] ?? [], by);
        const fast = compiled.safeParse(value, { reportInput: true });
        const slow = sectionFileSchema.safeParse(value, { reportInput: true });
        expect(fast.success).toBe(slow.success);
        expect(fast.data).toStrictEqual(slow.data);
        expect(fast.error?.issues).toStrictEqual(slow.error?.issues);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the bank loader", () => {
  it("gives a bank or positioned diagnostics for any text in a section file, and never throws", async () => {
    const copy = await bankCopy(DEFAULT_BANK);
    try {
      await fc.assert(
        fc.asyncProperty(yamlTokens, async (text) => {
          await writeFile(path.join(copy.dir, "sections/01-scope.yaml"), text);
          const { bank: loaded, diagnostics } = await loadBank(copy.dir);
          if (loaded) return;
          expect(diagnostics.some((d) => d.severity === "error")).toBe(true);
          for (const d of diagnostics.filter((x) => x.file.endsWith("01-scope.yaml"))) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.col).toBeGreaterThanOrEqual(1);
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      await copy.cleanup();
    }
  });
});

describe("answers", () => {
  it("any answers object gives a result or a usage error with positions, never an exception", () => {
    const ids = bank.sections.flatMap((s) => s.questions.map((q) => q.id));
    const optionIds = [...new Set(bank.sections.flatMap((s) => s.questions.flatMap((q) => (q.type === "public-test" ? ["yes", "no", ...q.parts.map((p) => p.id)] : q.options.map((o) => o.id)))))];
    const value = fc.oneof(
      fc.constantFrom(...optionIds),
      fc.array(fc.constantFrom(...optionIds), { maxLength: 4 }),
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    );
    const answers = fc.dictionary(fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 12 })), value, { maxKeys: 70 });
    fc.assert(
      fc.property(answers, fc.boolean(), (entries, nested) => {
        const doc = nested ? { bank: bank.id, answers: entries } : entries;
        const parsed = parseYaml(new TextEncoder().encode(JSON.stringify(doc)), "answers.json");
        if (!parsed.ok) return;
        const checked = checkAnswersFile(parsed.source, bank);
        for (const d of checked.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeGreaterThanOrEqual(1);
        }
        if (checked.diagnostics.length === 0) {
          const result = scoreAnswers(bank, checked.answers);
          expect(["pass", "fail", "review"]).toContain(result.overall.result);
        }
      }),
    );
  });
});

describe("signed summaries", () => {
  /** Every leaf of the summary, as a path. */
  const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
    value !== null && typeof value === "object"
      ? Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]))
      : [path];

  it("any change to a value inside summary fails verification", () => {
    const file = JSON.parse(summaryText);
    const paths = leaves(file.summary);
    const replacement = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]));
    fc.assert(
      fc.property(fc.constantFrom(...paths), replacement, (path, next) => {
        const copy = JSON.parse(summaryText);
        let target = copy.summary;
        for (const key of path.slice(0, -1)) target = target[key];
        const last = path[path.length - 1] as string | number;
        fc.pre(JSON.stringify(target[last]) !== JSON.stringify(next));
        target[last] = next;
        const outcome = verifySummaryBytes(new TextEncoder().encode(JSON.stringify(copy)), { signers: trusted.signers, at, trainers: ["trainer@school.example"] });
        expect(outcome.status).not.toBe("verified");
      }),
    );
  });

  it("any changed byte of the signature fails verification", () => {
    const file = JSON.parse(summaryText);
    const lines: string[] = file.signature.sshsig.split("\n");
    const blob = Buffer.from(lines.slice(1, -1).join(""), "base64");
    fc.assert(
      fc.property(fc.nat({ max: blob.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, xor) => {
        const changed = Buffer.from(blob);
        changed[index] = (changed[index] as number) ^ xor;
        const armored = ["-----BEGIN SSH SIGNATURE-----", ...(changed.toString("base64").match(/.{1,70}/g) ?? []), "-----END SSH SIGNATURE-----"].join("\n");
        const copy = { ...file, signature: { ...file.signature, sshsig: armored } };
        const outcome = verifySummaryBytes(new TextEncoder().encode(JSON.stringify(copy)), { signers: trusted.signers, at, trainers: ["trainer@school.example"] });
        expect(outcome.status).not.toBe("verified");
      }),
    );
  });

  it("whitespace and key order of the outer file change nothing", () => {
    const file = JSON.parse(summaryText);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.constantFrom("", "\n", "  \n\t"), (indent, reverse, pad) => {
        const order = (v: unknown): unknown =>
          v !== null && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries((reverse ? Object.entries(v).reverse() : Object.entries(v)).map(([k, x]) => [k, order(x)]))
            : Array.isArray(v)
              ? v.map(order)
              : v;
        const text = `${pad}${JSON.stringify(order(file), null, indent)}${pad}`;
        expect(verifySummaryBytes(new TextEncoder().encode(text), { signers: trusted.signers, at, trainers: ["trainer@school.example"] }).status).toBe("verified");
      }),
    );
  });
});

describe("the quick check of a summary file", () => {
  /** Every object and leaf of a value, as a path. */
  const paths = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
    value !== null && typeof value === "object"
      ? [path, ...Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => paths(v, [...path, Array.isArray(value) ? Number(k) : k]))]
      : [path];
  /** Values at and around every rule's edge: lengths, ranges, patterns, times, kinds. */
  const EDGES: unknown[] = [
    "", " ", "a", "a ", " a", "Sam Patel", 'Sam "Sammy" \\ Patel', "Siân O'Brien", "山田 太郎", "Sam\u0007Patel", "Sam\u202ePatel", "\ud800", "😀", "x".repeat(80), "x".repeat(81), "é".repeat(200), "é".repeat(201),
    "scope", "scope-2", "Scope", "scope--2", "-scope", "pass", "fail", "review", "self", "training", "policy-selfcheck", "selfcheck-summary/1", "selfcheck-summary/2",
    "1.2.3", "1.2", "v1.2.3", "a".repeat(64), "0".repeat(64), "2026-11", "2026-11-24", "2026-1-24",
    "2026-11-24T10:00:00Z", "2026-02-29T10:00:00Z", "2028-02-29T10:00:00Z", "2026-02-30T10:00:00Z", "2026-13-01T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T10:60:00Z", "2026-11-24T10:00:60Z", "2026-11-24 10:00:00Z", "2026-11-24T10:00:00.000Z",
    "T-1", "-T1", "sam@school.example", "sam@school", "trainer@school.example", "selfcheck-summary-v1", "x".repeat(4097),
    0, -0, 1, 7, 99, 100, 101, 100_000, 100_001, -1, 1.5, 0xffffffff, 0x100000000, 2 ** 53,
    true, false, null, [], {}, ["scope"], ["Scope"], new Array(1001).fill("a"),
  ];
  const base = () => JSON.parse(summaryText) as Record<string, unknown>;
  /** A copy of `from` with one change at `path`: a value replaced, or the key removed, or a key added beside it. */
  const change = (from: Record<string, unknown>, path: readonly (string | number)[], how: "replace" | "remove" | "add", value: unknown) => {
    const file = structuredClone(from);
    let parent = file as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    const fresh = structuredClone(value); // the constants are shared between cases
    if (how === "replace") parent[last] = fresh;
    else if (Array.isArray(parent)) parent.splice(Number(last), how === "remove" ? 1 : 0, ...(how === "add" ? [fresh] : []));
    else if (how === "remove") delete parent[last];
    else parent.extra = fresh;
    return file;
  };
  const schemasAccept = (file: unknown) => {
    const outer = summaryFileSchema.safeParse(file);
    return outer.success && anySummarySchema.safeParse(outer.data.summary).success;
  };
  const hasMinusZero = (v: unknown): boolean =>
    Object.is(v, -0) || (v !== null && typeof v === "object" && Object.values(v).some(hasMinusZero));
  /** Own keys of every object, as the strict-JSON proof counts them. */
  const keysIn = (v: unknown): number =>
    v !== null && typeof v === "object"
      ? Object.values(v).reduce((n: number, x) => n + keysIn(x), Array.isArray(v) ? 0 : Object.keys(v).length)
      : 0;
  /** Accepted: the schemas accept it too, it has no -0, the count is right and its canonical text is canonicalize's. Refused, in format 2: the schemas refuse it, or it has -0. */
  const agrees = (file: Record<string, unknown>) => {
    const keys = summaryFileKeys(file);
    if (keys >= 0) {
      expect(schemasAccept(file) && !hasMinusZero(file)).toBe(true);
      expect(keys).toBe(keysIn(file));
      expect(canonicalSummaryText(file.summary as CurrentSummary)).toBe(canonicalize(file.summary));
    } else if ((file.summary as { format?: unknown } | undefined)?.format === "selfcheck-summary/2") {
      expect(schemasAccept(file) && !hasMinusZero(file)).toBe(false);
    }
  };

  it("agrees with the schemas on every single change at every place in a file", () => {
    const file = base();
    expect(summaryFileKeys(file)).toBe(keysIn(file));
    const places = paths(file).filter((p) => p.length > 0);
    for (const path of places) {
      agrees(change(file, path, "remove", null));
      for (const value of EDGES) {
        agrees(change(file, path, "replace", value));
        agrees(change(file, path, "add", value));
      }
    }
  });

  it("agrees with the schemas on files changed at several places", () => {
    const changes = fc.array(fc.tuple(fc.nat(), fc.constantFrom("replace", "remove", "add" as const), fc.oneof(fc.constantFrom(...EDGES), fc.string({ maxLength: 6 }), fc.integer())), { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(changes, (list) => {
        let file = base();
        for (const [pick, how, value] of list) {
          const places = paths(file).filter((p) => p.length > 0);
          if (places.length > 0) file = change(file, places[pick % places.length] as (string | number)[], how, value);
        }
        agrees(file);
      }),
    );
  });

  it("takes a time to be real exactly when the date parser gives it back", () => {
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    const fields = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }));
    fc.assert(
      fc.property(fields, ([y, mo, d, h, mi, s]) => {
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}Z`;
        const byDateParser = !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().replace(".000", "") === text;
        expect(isRealInstant(text)).toBe(byDateParser);
      }),
      { numRuns: 5000 },
    );
    for (const text of ["2024-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "0000-02-29T00:00:00Z"]) expect(isRealInstant(text)).toBe(true);
    for (const text of ["2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T10:00:00.000Z", "2026-11-24", ""]) expect(isRealInstant(text)).toBe(false);
  });

  it("leaves format-1 files to the schemas", () => {
    const file = base();
    (file.summary as Record<string, unknown>).format = "selfcheck-summary/1";
    expect(summaryFileKeys(file)).toBe(-1);
  });
});

describe("displayPath", () => {
  it("shows every path as path.relative would have it shown", () => {
    // The function before its shortcut for a normalized path inside a normalized working folder.
    const byRelative = (abs: string, cwd: string) => {
      const rel = path.relative(cwd, abs);
      return escapeControl(rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs);
    };
    const segment = fc.constantFrom("", ".", "..", "a", "b", "..x", "x..", ".hidden", "tmp", "s-01.json", "e\u001b[1m");
    const absolute = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join("/")}`);
    fc.assert(
      fc.property(absolute, absolute, fc.constantFrom("inside", "beside", "anywhere"), (cwd, tail, where) => {
        // Inside the folder, beside it (its name is a prefix: /tmp and /tmpx/y), or any path.
        const abs = where === "inside" ? `${cwd}${tail}` : where === "beside" ? `${cwd}${tail.slice(1)}` : tail;
        expect(displayPath(abs, cwd)).toBe(byRelative(abs, cwd));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("folderJoiner (report's file names)", () => {
  it("joins a folder and a name from readdir as path.join does", () => {
    const segment = fc.constantFrom("", ".", "..", "a", "b", "..x", "x..", ".hidden", "tmp", "s-01", "e\u001b[1m", "a\\b");
    // Folders as path.resolve writes them (report's case) and as anyone might (the fallback).
    const folder = fc.oneof(
      fc.array(segment, { maxLength: 5 }).map((parts) => path.resolve(`/${parts.join("/")}`)),
      fc.array(segment, { maxLength: 5 }).map((parts) => parts.join("/")),
    );
    // What readdir can give: any name without a separator or NUL, never "." or "..".
    const name = fc
      .oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom("..json", "...json", ".json", "a.json", "..a"))
      .filter((n) => !/[/\u0000]/.test(n) && n !== "." && n !== "..");
    fc.assert(
      fc.property(folder, name, (dir, n) => {
        expect(folderJoiner(dir)(n)).toBe(path.join(dir, n));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("canonical JSON", () => {
  const plainString = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s));
  const asciiKey = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constant(null),
      fc.boolean(),
      fc.maxSafeInteger().filter((n) => !Object.is(n, -0)),
      plainString,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(asciiKey, tie("value"), { maxKeys: 4 }),
    ),
  }));

  it("round-trips any allowed value, and is a fixed point", () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = canonicalize(v);
        expect(JSON.parse(text)).toEqual(v);
        const strict = parseStrictJson(text);
        expect(strict.ok).toBe(true);
        if (strict.ok) {
          expect(strict.value).toEqual(v);
          expect(canonicalize(strict.value)).toBe(text);
        }
      }),
    );
  });
});

describe("parseStrictJson's native path", () => {
  // JSON-like texts built from tokens chosen to hit every rule the native path must hand over:
  // duplicate keys (a small key set), fractions, exponents, -0, unsafe integers, escapes that
  // spell quotes and colons inside strings, whitespace before colons, and broken tokens.
  const ws = fc.constantFrom("", " ", "\n", "\t", "\r\n", "  ");
  const key = fc.constantFrom('"a"', '"b"', '"a:b"', '"\\"a"', '"__proto__"', '"1"', '"\\u0061"');
  const scalar = fc.constantFrom(
    "0", "7", "-3", "-0", "1.0", "1e2", "2E-1", "12345678901234567890", "9007199254740991",
    "true", "false", "null", '""', '"x:y"', '"\\":"', '"\\\\"', '"\\u00e9"', '"\\ud800"', "tru", "01", "'q'",
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      scalar,
      fc.array(fc.tuple(ws, tie("value"), ws), { maxLength: 3 }).map((items) => `[${items.map((p) => p.join("")).join(",")}]`),
      fc
        .array(fc.tuple(ws, key, ws, ws, tie("value")), { maxLength: 4 })
        .map((pairs) => `{${pairs.map(([a, k, b, c, v]) => `${a}${k}${b}:${c}${v}`).join(",")}}`),
    ),
  }));

  it("reads every text exactly as the hand-written parser does", () => {
    fc.assert(
      fc.property(value, ws, (text, pad) => {
        const whole = `${pad}${text}${pad}`;
        // Positions force the hand-written parser; without them the native path is tried first.
        expect(parseStrictJson(whole)).toEqual(parseStrictJson(whole, new Map()));
      }),
      { numRuns: 2000 },
    );
  });

  it("hands over nesting deeper than the limit", () => {
    for (const depth of [32, 33, 34]) {
      const text = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
      expect(parseStrictJson(text)).toEqual(parseStrictJson(text, new Map()));
    }
    expect(parseStrictJson(`${"[".repeat(33)}1${"]".repeat(33)}`).ok).toBe(false);
  });
});
