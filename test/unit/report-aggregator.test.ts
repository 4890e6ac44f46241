import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { collectFiles } from "../../src/cli/report-input.js";
import { aggregateReport, createReportAggregator, type ReportData, type ReportInput, type VerifiedSummary } from "../../src/report/aggregate-report.js";
import { attemptOf, registerEntryOf } from "../../src/report/attempt.js";
import { bankLabels } from "../../src/report/bank-labels.js";
import { JSON_ITEMS_PER_PIECE, renderReportJson } from "../../src/report/render-report.js";
import { parseRoster } from "../../src/report/roster.js";
import { parseAllowedSigners } from "../../src/summary/allowed-signers.js";
import { verifyFile } from "../../src/summary/verify-file.js";
import { readFully } from "../../src/summary/verify-fully.js";
import { escapeJsonText } from "../../src/util/escape.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { aggregateReportAtOnce } from "../helpers/report-at-once.js";
import { makeSummary, makeSummaryFile, type SummaryOptions, trustedKey } from "../helpers/summaries.js";
import { REPORT_AT, writeTrainerFolder } from "../helpers/trainer-folder.js";

// The register built one summary at a time (createReportAggregator, as `report` streams) must be
// the register built from all of them at once (the code before streaming, kept as the oracle in
// test/helpers/report-at-once.ts), byte for byte, whatever order the files come in.

let bank: Bank;
let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  bank = await mustLoad(DEFAULT_BANK);
  work = await tempDir();
});
afterAll(() => work.cleanup());

const AT = new Date("2027-01-10T00:00:00Z");

/** The register streamed: each summary added in the order given, then finished with the bank's words. */
function streamed(input: ReportInput): ReportData {
  const register = createReportAggregator(input);
  for (const v of input.verified) register.add(attemptOf(v.file, v));
  for (const r of input.notVerified) register.reject(r.file, r.reason);
  return register.finish(input);
}

/** Streamed equals at once: the same JSON text (what `--format json` prints) and the same data. */
function expectSame(input: ReportInput): ReportData {
  const before = aggregateReportAtOnce(input);
  const now = streamed(input);
  expect(JSON.stringify(now, null, 2)).toBe(JSON.stringify(before, null, 2));
  expect(now).toEqual(before);
  expect(aggregateReport(input)).toEqual(before);
  expect([...renderReportJson(now)].join("")).toBe(`${escapeJsonText(JSON.stringify(before, null, 2))}\n`);
  return now;
}

function summaryAt(file: string, options: SummaryOptions): VerifiedSummary {
  return { file, summary: makeSummary(bank, options), keyFingerprint: "SHA256:test" };
}

const day = (d: string) => new Date(`${d}T10:00:00Z`);

/** A seeded shuffle (mulberry32), so a failing order can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("the streamed register equals the register built at once", () => {
  it("on the trainer's folder, through real verification and report's view of each outcome", async () => {
    const dir = path.join(work.dir, "trainer");
    await mkdir(dir);
    await writeTrainerFolder(dir, bank);
    const { signers } = parseAllowedSigners(await readFile(path.join(dir, "allowed_signers"), "utf8"), "allowed_signers");
    const at = new Date(`${REPORT_AT}T00:00:00Z`);
    const options = { signers, at, allowExpired: true, trainers: ["trainer@school.example"] };
    const files = await collectFiles([path.join(dir, "all")], (p) => path.relative(dir, p));
    const outcomes = files.map((abs) => verifyFile(abs, path.relative(dir, abs), options, readFully));

    const verified = outcomes.flatMap((o) => (o.status === "verified" && o.summary ? [{ file: o.file, summary: o.summary, keyFingerprint: o.keyFingerprint ?? "" }] : []));
    const notVerified = outcomes
      .flatMap((o) => (o.status === "verified" ? [] : [{ file: o.file, reason: o.reason }]))
      .sort((a, b) => a.file.localeCompare(b.file));
    const ids = new Set(verified.map((v) => v.summary.bank.id));
    const words = bankLabels(bank, ids, false);
    const before = aggregateReportAtOnce({ verified, notVerified, at, ...words });

    const register = createReportAggregator({ at });
    for (const entry of outcomes.map(registerEntryOf)) {
      if ("attempt" in entry) register.add(entry.attempt);
      else register.reject(entry.rejected.file, entry.rejected.reason);
    }
    expect(register.bankIds).toEqual(ids);
    const now = register.finish(bankLabels(bank, register.bankIds, false));
    expect(JSON.stringify(now, null, 2)).toBe(JSON.stringify(before, null, 2));
    expect(now.files).toEqual({ read: 8, verified: 6, notVerified: 2, filteredOut: 0, duplicates: 0 });
    // Verification's own digest identifies the content; computed again from the summary, it agrees.
    const sam = outcomes.find((o) => o.file === path.join("all", "sam-2.json"));
    if (!sam?.summary) throw new Error("sam-2.json did not verify");
    expect(sam.contentId).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(attemptOf("x", { summary: sam.summary }).contentId).toBe(sam.contentId);
  });

  it("copies of one summary under names sorted differently in two folders: the first by name is kept, wherever it came", async () => {
    const dir = path.join(work.dir, "copies");
    await mkdir(path.join(dir, "b"), { recursive: true });
    await mkdir(path.join(dir, "a"));
    const { key, signers } = trustedKey("trainer@school.example");
    const text = makeSummaryFile(bank, key, { person: { name: "Sam Patel", staffId: "T-042" }, finishedAt: day("2026-11-24") });
    await writeFile(path.join(dir, "b", "Zed.json"), text);
    await copyFile(path.join(dir, "b", "Zed.json"), path.join(dir, "b", "apple.json"));
    await copyFile(path.join(dir, "b", "Zed.json"), path.join(dir, "a", "copy.json"));
    await writeFile(path.join(dir, "b", "other.json"), makeSummaryFile(bank, key, { person: { name: "Kim Lee" }, finishedAt: day("2026-11-20") }));

    // `collectFiles` sorts each folder by code unit ("Zed" before "apple") and takes the folders as given.
    const files = await collectFiles([path.join(dir, "b"), path.join(dir, "a")], (p) => path.relative(dir, p));
    expect(files.map((f) => path.relative(dir, f))).toEqual([path.join("b", "Zed.json"), path.join("b", "apple.json"), path.join("b", "other.json"), path.join("a", "copy.json")]);
    const options = { signers, at: AT, allowExpired: true, trainers: ["trainer@school.example"] };
    const verified = files.map((abs) => {
      const o = verifyFile(abs, path.relative(dir, abs), options, readFully);
      return { file: o.file, summary: o.summary as VerifiedSummary["summary"], keyFingerprint: o.keyFingerprint ?? "" };
    });
    const report = expectSame({ verified, notVerified: [], at: AT });
    expect(report.files).toMatchObject({ verified: 4, duplicates: 2 });
    expect(report.people.find((p) => p.name === "Sam Patel")).toMatchObject({ attempts: 1, latest: { file: path.join("a", "copy.json") } });
    for (let seed = 1; seed <= 12; seed++) expectSame({ verified: shuffled(verified, seed), notVerified: [], at: AT });
  });

  it("several attempts of one person, arriving out of time order: the last finished decides, a tie goes to the first file by name", () => {
    const sam = { name: "Sam Patel", staffId: "T-042" };
    const verified = [
      summaryAt("s3.json", { person: sam, finishedAt: day("2026-11-24"), session: "Retake" }),
      summaryAt("s2.json", { person: sam, finishedAt: day("2026-11-17"), wrong: { "safeguarding-current-pupil-request": ["accept"] } }),
      summaryAt("s1.json", { person: sam, finishedAt: day("2026-11-24") }),
      summaryAt("s0.json", { person: sam, finishedAt: day("2026-10-01") }),
      summaryAt("s4.json", { person: { ...sam, name: "Samuel Patel" }, finishedAt: day("2026-09-01") }),
    ];
    const report = expectSame({ verified, notVerified: [], at: AT });
    expect(report.people).toHaveLength(1);
    expect(report.people[0]).toMatchObject({ attempts: 5, latest: { file: "s1.json", session: "Induction 2026-11" }, name: "Sam Patel" });
    for (let seed = 1; seed <= 24; seed++) expectSame({ verified: shuffled(verified, seed), notVerified: [], at: AT });
  });

  it("names that compare equal (a composed and a decomposed accent) keep the order they came in", () => {
    const same = makeSummary(bank, { person: { name: "Jo Brown" }, finishedAt: day("2026-11-24") });
    const other = makeSummary(bank, { person: { name: "Jo Brown" }, finishedAt: day("2026-11-24"), session: "Another" });
    expect("t/a\u0301.json".localeCompare("t/\u00e1.json")).toBe(0);
    const verified = [
      { file: "t/a\u0301.json", summary: same, keyFingerprint: "" },
      { file: "t/\u00e1.json", summary: same, keyFingerprint: "" },
      { file: "u/a\u0301.json", summary: other, keyFingerprint: "" },
      { file: "u/\u00e1.json", summary: structuredClone(other), keyFingerprint: "" },
    ];
    for (let seed = 1; seed <= 12; seed++) expectSame({ verified: shuffled(verified, seed), notVerified: [], at: AT });
  });

  it("two people whose names and keys the collator cannot tell apart (a soft hyphen) come in the order of their first file", () => {
    expect("sam\u00adpatel".localeCompare("sampatel")).toBe(0);
    const verified = [
      summaryAt("b/1.json", { person: { name: "Sam\u00adPatel" }, finishedAt: day("2026-11-24") }),
      summaryAt("a/2.json", { person: { name: "SamPatel" }, finishedAt: day("2026-11-24") }),
      summaryAt("c/3.json", { person: { name: "Sam\u00adPatel" }, finishedAt: day("2026-11-20") }),
    ];
    const report = expectSame({ verified, notVerified: [], at: AT });
    expect(report.people.map((p) => p.latest?.file)).toEqual(["a/2.json", "b/1.json"]);
    for (let seed = 1; seed <= 12; seed++) expectSame({ verified: shuffled(verified, seed), notVerified: [], at: AT });
  });

  it("with a roster: its order, people missing, names that fit two roster people, and people not on it", () => {
    const csv = "Name,Role,Staff ID,Email\nPerson One,Teacher,S1,\nChris Lee,Teacher,,\nChris Lee,Volunteer,,\nPerson Two,teaching-assistant,,two@school.example\nPerson Three,Volunteer,,\nNobody Yet,Teacher,S9,\n";
    const people = parseRoster(Buffer.from(csv), "r.csv", bank.roles);
    const verified = [
      summaryAt("z/p1.json", { person: { name: "Person One", staffId: "S1" }, finishedAt: day("2026-11-24") }),
      summaryAt("z/p1-old.json", { person: { name: "P. One", staffId: "s1" }, finishedAt: day("2025-11-24") }),
      summaryAt("z/p2.json", { person: { name: "Person 2", email: "TWO@school.example", role: "teaching-assistant" }, finishedAt: day("2026-11-20"), wrong: { "safeguarding-current-pupil-request": ["accept"] } }),
      summaryAt("z/p3.json", { person: { name: "Pérson  Three", role: "volunteer" }, finishedAt: day("2025-12-20") }),
      summaryAt("z/chris.json", { person: { name: "Chris Lee" }, finishedAt: day("2026-11-21") }),
      summaryAt("a/chris-copy.json", { person: { name: "Chris Lee" }, finishedAt: day("2026-11-21") }),
      summaryAt("z/chris-2.json", { person: { name: "chris  lee" }, finishedAt: day("2026-11-22") }),
      summaryAt("z/zoe.json", { person: { name: "Zoë Outsider", staffId: "S99" }, finishedAt: day("2026-11-24") }),
      summaryAt("z/al.json", { person: { name: "Al Outsider", email: "al@school.example", role: "volunteer" }, finishedAt: day("2026-06-24") }),
    ];
    const input = { notVerified: [{ file: "z/bad.json:1:1", reason: "not JSON" }], at: AT, roster: { file: "r.csv", people }, ...bankLabels(bank, new Set([bank.id]), false) };
    const report = expectSame({ ...input, verified });
    expect(report.people.map((p) => [p.name, p.attempts, p.compliance])).toEqual([
      ["Person One", 2, "valid"],
      ["Chris Lee", 0, "missing"],
      ["Chris Lee", 0, "missing"],
      ["Person Two", 1, "not-passed"],
      ["Person Three", 1, "expired"],
      ["Nobody Yet", 0, "missing"],
    ]);
    expect(report.ambiguous.map((a) => a.file)).toEqual(["a/chris-copy.json", "z/chris-2.json"]);
    expect(report.notOnRoster.map((p) => p.name)).toEqual(["Al Outsider", "Zoë Outsider"]);
    for (let seed = 1; seed <= 12; seed++) expectSame({ ...input, verified: shuffled(verified, seed) });
    for (const only of [["missing"], ["expired", "not-passed"], ["valid"]] as const) expectSame({ ...input, verified, only: [...only] });
  });

  it("filters: session, since and only, alone and together, count what they leave out", () => {
    const verified = [
      summaryAt("a.json", { person: { name: "Ann" }, finishedAt: day("2026-03-01"), session: "Spring" }),
      summaryAt("b.json", { person: { name: "Ann" }, finishedAt: day("2026-09-01"), session: "Autumn" }),
      summaryAt("c.json", { person: { name: "Ben", role: "volunteer" }, finishedAt: day("2026-09-02"), session: "Autumn", wrong: { "safeguarding-current-pupil-request": ["accept"] } }),
      summaryAt("c-copy.json", { person: { name: "Ben", role: "volunteer" }, finishedAt: day("2026-09-02"), session: "Autumn", wrong: { "safeguarding-current-pupil-request": ["accept"] } }),
      summaryAt("d.json", { person: { name: "Cas" }, finishedAt: day("2026-01-12"), session: null }),
      summaryAt("e.json", { person: { name: "Dee", email: "dee@school.example" }, finishedAt: day("2025-12-01"), session: "Spring" }),
    ];
    const cases: Partial<ReportInput>[] = [
      {},
      { session: "Autumn" },
      { since: new Date("2026-02-01T00:00:00Z") },
      { session: "Spring", since: new Date("2026-01-01T00:00:00Z") },
      { only: ["valid", "expiring"] },
      { only: ["not-passed", "expired"], since: new Date("2026-01-01T00:00:00Z") },
      { session: "nobody" },
      { expiringWithinDays: 300 },
    ];
    for (const filters of cases) {
      const report = expectSame({ verified, notVerified: [], at: AT, ...filters });
      expect(report.files.filteredOut + report.files.duplicates + report.attempts).toBe(verified.length);
    }
    const autumn = expectSame({ verified, notVerified: [], at: AT, session: "Autumn" });
    expect(autumn.files).toMatchObject({ filteredOut: 3, duplicates: 1 });
    // With nothing counted, the bank's own words name the register.
    const none = expectSame({ verified, notVerified: [], at: AT, session: "nobody", ...bankLabels(bank, new Set([bank.id]), false) });
    expect(none.context.organisation).toBe(bank.policy.organisation);
  });
});

describe("report --format json, written person by person", () => {
  it("is the same bytes as the whole register stringified at once, escapes included", () => {
    const verified = [
      summaryAt("a.json", { person: { name: "Ann" }, finishedAt: day("2026-03-01") }),
      summaryAt("b.json", { person: { name: "Ben", role: "volunteer" }, finishedAt: day("2026-09-02"), wrong: { "safeguarding-current-pupil-request": ["accept"] } }),
    ];
    const report = aggregateReport({ verified, notVerified: [{ file: "c.json:1:1", reason: "not JSON" }], at: AT });
    // Values from files are data: bidi overrides, C1 controls and line separators come out escaped.
    const hostile = { ...report, people: report.people.map((p, i) => (i === 0 ? { ...p, name: "Ann \u202egnp.exe\u0085\u2028" } : p)) };
    for (const r of [report, hostile, { ...report, people: [], notVerified: [] }]) {
      const pieces = [...renderReportJson(r)];
      expect(pieces.join("")).toBe(`${escapeJsonText(JSON.stringify(r, null, 2))}\n`);
    }
    expect([...renderReportJson(hostile)].join("")).toContain("Ann \\u202egnp.exe\\u0085\\u2028");
  });

  it("writes a long list a few people at a time, the same bytes wherever the pieces break", () => {
    const verified = Array.from({ length: 3 * JSON_ITEMS_PER_PIECE + 5 }, (_, i) =>
      summaryAt(`s${i}.json`, { person: { name: `Person ${i}`, staffId: `T${1000 + i}` }, finishedAt: day("2026-03-01") }),
    );
    const built = aggregateReport({ verified, notVerified: [{ file: "c.json:1:1", reason: "not JSON" }], at: AT });
    // A name with a bidi isolate in every piece: escaped wherever it falls.
    const report = { ...built, people: built.people.map((p, i) => (i % 7 === 0 ? { ...p, name: `${p.name} \u2066x\u0085` } : p)) };
    for (const people of [report.people, report.people.slice(0, JSON_ITEMS_PER_PIECE), report.people.slice(0, JSON_ITEMS_PER_PIECE + 1), report.people.slice(0, 1)]) {
      const r = { ...report, people, notOnRoster: people.slice(0, 2) };
      const pieces = [...renderReportJson(r)];
      expect(pieces.join("")).toBe(`${escapeJsonText(JSON.stringify(r, null, 2))}\n`);
      // The output is never one string: no piece holds more than a few people.
      expect(Math.max(...pieces.map((p) => p.split('"key"').length - 1))).toBeLessThanOrEqual(JSON_ITEMS_PER_PIECE);
    }
  });
});
