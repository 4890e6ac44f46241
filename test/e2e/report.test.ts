import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { generateKey } from "../../src/summary/openssh-key.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";

/**
 * A trainer's folder of summaries: five people, one of whom took it twice, plus one tampered file
 * and one signed by a key nobody trusts.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let bank: Bank;
const at = (...p: string[]) => path.join(work.dir, ...p);
const AT = "2027-10-01";

beforeAll(async () => {
  work = await tempDir();
  bank = await mustLoad(DEFAULT_BANK);
  const trainer = trustedKey("trainer@school.example");
  await writeFile(at("allowed_signers"), `${trainer.line}\n`);
  await mkdir(at("all"));
  await mkdir(at("good"));
  const files: Record<string, string> = {
    // Sam failed safeguarding first, then passed a week later: one person, two attempts.
    "sam-1.json": makeSummaryFile(bank, trainer.key, {
      person: { name: "Sam Patel", staffId: "T-042" },
      finishedAt: new Date("2026-11-17T10:00:00Z"),
      wrong: { "safeguarding-current-pupil-request": ["accept"] },
      session: "Induction 2026-11a",
    }),
    "sam-2.json": makeSummaryFile(bank, trainer.key, { person: { name: "Sam Patel", staffId: "T-042" }, finishedAt: new Date("2026-11-24T10:00:00Z") }),
    "alex.json": makeSummaryFile(bank, trainer.key, {
      person: { name: "Alex Doe", email: "alex.doe@school.example", role: "volunteer" },
      finishedAt: new Date("2026-11-24T11:00:00Z"),
    }),
    // Kim answered yes to the public-knowledge test: a review, which still counts as passed.
    "kim.json": makeSummaryFile(bank, trainer.key, {
      person: { name: "Kim Lee" },
      finishedAt: new Date("2026-11-24T12:00:00Z"),
      wrong: { "personal-use-public-test": ["disrepute"] },
    }),
    // Taken in October 2026: valid until 2027-10-15, so within 30 days of AT.
    "old.json": makeSummaryFile(bank, trainer.key, { person: { name: "Jo Brown", staffId: "T-007" }, finishedAt: new Date("2026-10-15T09:00:00Z") }),
    // Long expired by AT.
    "expired.json": makeSummaryFile(bank, trainer.key, { person: { name: "Pat Green", staffId: "T-100" }, finishedAt: new Date("2025-06-01T09:00:00Z"), session: null }),
  };
  for (const [name, text] of Object.entries(files)) {
    await writeFile(at("all", name), text);
    await writeFile(at("good", name), text);
  }
  const tampered = JSON.parse(files["kim.json"] as string);
  tampered.summary.overall.result = "pass";
  tampered.summary.publicTestFlagged = false;
  await writeFile(at("all", "tampered.json"), JSON.stringify(tampered, null, 2));
  await writeFile(
    at("all", "untrusted.json"),
    makeSummaryFile(bank, generateKey("mallory"), { person: { name: "Mallory Evil" }, finishedAt: new Date("2026-11-24T13:00:00Z") }),
  );
});
afterAll(() => work.cleanup());

describe("selfcheck report", () => {
  it("counts people and attempts, lists the two bad files with reasons, and exits 1", async () => {
    const { code, stdout } = await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--at", AT, "--format", "json"], { cwd: work.dir });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.files).toEqual({ read: 8, verified: 6, notVerified: 2, filteredOut: 0 });
    expect(report.notVerified).toEqual([
      { file: "all/tampered.json", reason: "signature does not match the summary (the file was changed after signing)" },
      { file: "all/untrusted.json", reason: expect.stringMatching(/^key SHA256:\S+ is not in allowed signers$/) },
    ]);
    expect(report.attempts).toBe(6);
    expect(report.people.map((p: { name: string; attempts: number }) => [p.name, p.attempts])).toEqual([
      ["Alex Doe", 1],
      ["Jo Brown", 1],
      ["Kim Lee", 1],
      ["Pat Green", 1],
      ["Sam Patel", 2],
    ]);
    const sam = report.people.find((p: { name: string }) => p.name === "Sam Patel");
    expect(sam).toMatchObject({ staffId: "T-042", compliance: "valid", latest: { file: "all/sam-2.json", signer: "trainer@school.example" } });
    expect(report.compliance).toEqual({ valid: 3, "expires-soon": 1, expired: 1, "not-passed": 0 });
    expect(report.publicTestFlagged).toBe(1);
    expect(report.sections.find((s: { id: string }) => s.id === "safeguarding")).toMatchObject({ passed: 5, total: 5, percentage: 100, title: "Safeguarding children" });
  });

  it("the terminal table: counts, the bad files, people, sections and compliance", async () => {
    const { code, stdout } = await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--at", AT], { cwd: work.dir, env: { COLUMNS: "160" } });
    expect(code).toBe(1);
    expect(stdout).toContain("8 files read: 6 verified, 2 not verified");
    expect(stdout).toContain("✗ all/tampered.json: signature does not match the summary");
    expect(stdout).toContain("People: 5 (6 attempts)");
    expect(stdout).toMatch(/Sam Patel\s+teacher\s+T-042\s+2\s+2026-11-24\s+PASS/);
    expect(stdout).toContain("Public-knowledge test flagged by 1 of 5 people");
    expect(stdout).toContain("Compliance: 3 valid · 1 expire within 30 days · 1 expired · 0 not passed");
  });

  it("exits 0 when every file verifies; --session and --since filter", async () => {
    const all = await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--at", AT, "--format", "json"], { cwd: work.dir });
    expect(all.code).toBe(0);
    const session = JSON.parse((await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--at", AT, "--format", "json", "--session", "Induction 2026-11a"], { cwd: work.dir })).stdout);
    expect(session.people.map((p: { name: string }) => p.name)).toEqual(["Sam Patel"]);
    expect(session.people[0]).toMatchObject({ attempts: 1, compliance: "not-passed" });
    expect(session.mostMissed[0]).toMatchObject({ id: "safeguarding-current-pupil-request", missedBy: 1, of: 1 });
    const since = JSON.parse((await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--at", AT, "--format", "json", "--since", "2026-11-21"], { cwd: work.dir })).stdout);
    expect(since.people.map((p: { name: string }) => p.name)).toEqual(["Alex Doe", "Kim Lee", "Sam Patel"]);
    expect(since.files.filteredOut).toBe(3);
  });

  it("--format csv: one row per person that a CSV parser reads back", async () => {
    const { code, stdout } = await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--at", AT, "--format", "csv"], { cwd: work.dir });
    expect(code).toBe(0);
    expect(stdout).toContain("\r\n");
    const rows = parseCsv(stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.name === "Sam Patel")).toMatchObject({ staff_id: "T-042", attempts: "2", overall: "pass", status: "valid", section_safeguarding: "pass" });
    expect(rows.find((r) => r.name === "Jo Brown")?.status).toBe("expires within 30 days");
    expect(rows.find((r) => r.name === "Kim Lee")?.["section_personal-use"]).toBe("review");
  });

  it("--format html: one self-contained file whose SVG chart and tables render in a real browser", async () => {
    const out = at("report.html");
    const { code } = await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--at", AT, "--format", "html", "--output", "report.html"], { cwd: work.dir });
    expect(code).toBe(1);
    const html = await readFile(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`file://${out}`);
      const chart = await page.locator("#section-chart").boundingBox();
      expect(chart?.width).toBeGreaterThan(300);
      expect(chart?.height).toBeGreaterThan(100);
      const bars = page.locator("#section-chart g.bar");
      expect(await bars.count()).toBe(7);
      const safeguardingBar = await page.locator('#section-chart g.bar[data-section="safeguarding"] rect').nth(1).boundingBox();
      expect(safeguardingBar?.width).toBeGreaterThan(0);
      expect(await page.locator("#people tbody tr").count()).toBe(5);
      expect((await page.locator("#people").boundingBox())?.height).toBeGreaterThan(50);
      expect(await page.locator("#not-verified li").count()).toBe(2);
      const png = at("report.png");
      await page.screenshot({ path: png, fullPage: true });
      expect((await stat(png)).size).toBeGreaterThan(10_000);
      expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("unusable input exits 2", async () => {
    expect((await runCli(["report", "all"], { cwd: work.dir })).code).toBe(2);
    expect((await runCli(["report", "nowhere", "--allowed-signers", "allowed_signers"], { cwd: work.dir })).code).toBe(2);
    expect((await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--since", "last week"], { cwd: work.dir })).code).toBe(2);
  });
});

describe("the CSV format itself", () => {
  it("quotes commas, quotes and line breaks (RFC 4180) and neutralises formulas", async () => {
    const { renderReportCsv } = await import("../../src/report/report-csv.js");
    const csv = renderReportCsv({
      at: "", filters: { session: null, since: null }, files: { read: 1, verified: 1, notVerified: 0, filteredOut: 0 }, notVerified: [],
      attempts: 1, sections: [], mostMissed: [], publicTestFlagged: 0, compliance: { valid: 1, "expires-soon": 0, expired: 0, "not-passed": 0 },
      people: [{
        key: "k", name: "O'Brien, \"Jo\"", role: null, staffId: null, email: "+1@x.example", attempts: 1, sections: {}, publicTestFlagged: false, compliance: "valid",
        latest: { file: "a\nb.json", finishedAt: "t", overall: { result: "pass", correct: 1, total: 1, percentage: 100 }, validUntil: "u", session: "=cmd()", signer: "s" },
      }],
    });
    const [row] = parseCsv(csv, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ name: "O'Brien, \"Jo\"", email: "'+1@x.example", session: "'=cmd()", file: "a\nb.json" });
  });
});
