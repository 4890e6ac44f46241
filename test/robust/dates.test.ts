import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIsoDate } from "../../src/util/dates.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";
import { runCli } from "../helpers/cli.js";

describe("one strict date parser for --at and --since", () => {
  it.each([
    ["2026-02-28", "2026-02-28T00:00:00.000Z"],
    ["2028-02-29", "2028-02-29T00:00:00.000Z"],
    ["2026-11-24T09:30Z", "2026-11-24T09:30:00.000Z"],
    ["2026-11-24T09:30:15Z", "2026-11-24T09:30:15.000Z"],
    ["2026-11-24T09:30:15.5Z", "2026-11-24T09:30:15.500Z"],
    ["2026-11-24T09:30:00+01:00", "2026-11-24T08:30:00.000Z"],
    ["2026-11-24T09:30:00-05:30", "2026-11-24T15:00:00.000Z"],
  ])("accepts %s", (text, iso) => {
    expect(parseIsoDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    "2026-01-01 junk", // Date() read this as 2026-06-01
    "2026-02-30", // Date() read this as 2 March
    "2027-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-11-24T24:00Z",
    "2026-11-24T09:60Z",
    "2026-11-24T09:30", // no zone: whose 09:30?
    "2026-11-24 09:30Z",
    "2026-11-24T09:30:00+25:00",
    "26-11-24",
    "tomorrow",
    "",
  ])("refuses %j", (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});

describe("verify and report refuse a bad date with exit 2", () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    work = await tempDir();
    const trainer = trustedKey("trainer@school.example");
    await writeFile(path.join(work.dir, "allowed_signers"), `${trainer.line}\n`);
    await writeFile(path.join(work.dir, "s.json"), makeSummaryFile(await mustLoad(DEFAULT_BANK), trainer.key, { person: { name: "Sam Patel" }, finishedAt: new Date("2026-11-24T10:00:00Z") }));
  });
  afterAll(() => work.cleanup());

  it.each([
    [["verify", "s.json", "--allowed-signers", "allowed_signers", "--at", "2026-02-30"], /--at "2026-02-30" is not a date/],
    [["verify", "s.json", "--allowed-signers", "allowed_signers", "--at", "2026-01-01 junk"], /--at "2026-01-01 junk" is not a date/],
    [["report", "s.json", "--allowed-signers", "allowed_signers", "--since", "2026-11-31"], /--since "2026-11-31" is not a date/],
  ])("%j", async (args, message) => {
    const r = await runCli(args, { cwd: work.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("a summary finished in the future does not verify", () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  const P = "trainer@school.example";
  const now = new Date("2026-11-24T12:00:00Z");
  beforeAll(async () => {
    work = await tempDir();
    const trainer = trustedKey(P);
    const bank = await mustLoad(DEFAULT_BANK);
    await writeFile(path.join(work.dir, "allowed_signers"), `${trainer.line}\n`);
    const file = (name: string, finishedAt: Date, person = "Sam Patel") =>
      writeFile(path.join(work.dir, name), makeSummaryFile(bank, trainer.key, { person: { name: person, staffId: "T-1" }, finishedAt }));
    await file("skewed.json", new Date(now.getTime() + 4 * 60_000));
    await file("future.json", new Date(now.getTime() + 6 * 60_000));
    await file("far.json", new Date("2030-01-01T00:00:00Z"));
    await file("past.json", new Date(now.getTime() - 60 * 60_000));
  });
  afterAll(() => work.cleanup());
  const verify = (file: string) => runCli(["verify", file, "--allowed-signers", "allowed_signers", "--trainer", P], { cwd: work.dir, deps: { now: () => now } });

  it("four minutes ahead (clock skew): verified", async () => {
    expect((await verify("skewed.json")).code).toBe(0);
  });

  it.each(["future.json", "far.json"])("%s: NOT VERIFIED, finished in the future (exit 1)", async (file) => {
    const r = await verify(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT VERIFIED — summary finished in the future/);
  });

  it("report: a future attempt never becomes the latest one", async () => {
    const r = await runCli(["report", "past.json", "far.json", "--allowed-signers", "allowed_signers", "--trainer", P, "--format", "json"], { cwd: work.dir, deps: { now: () => now } });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { people: { latestFinishedAt?: string; latest?: { finishedAt: string } }[] };
    expect(JSON.stringify(report.people)).not.toContain("2030-01-01");
    expect(r.stdout).toMatch(/finished in the future/);
  });
});
