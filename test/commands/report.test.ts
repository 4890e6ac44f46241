import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { REPORT_AT, useTrainerFolder } from "../helpers/trainer-folder.js";

/**
 * A trainer's folder of summaries: five people, one of whom took it twice, plus one tampered file
 * and one signed by a key nobody trusts (test/helpers/trainer-folder.ts).
 */
const work = useTrainerFolder();
const AT = REPORT_AT;

describe("selfcheck report", () => {
  it("counts people and attempts, lists the two bad files with reasons, and exits 1", async () => {
    const { code, stdout } = await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", AT, "--format", "json"], { cwd: work.dir });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.files).toEqual({ read: 8, verified: 6, notVerified: 2, filteredOut: 0, duplicates: 0 });
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
    expect(report.overall).toEqual({ compliant: 4, of: 5, percentage: 80, counts: { valid: 3, expiring: 1, expired: 1, "not-passed": 0, missing: 0 } });
    expect(report.context).toEqual({
      organisation: "William Austin Junior School",
      policy: "Policy on Social Media",
      banks: [{ id: "wajs-social-media", version: expect.stringMatching(/^\d+\.\d+\.\d+$/) }],
      roster: null,
      expiringWithinDays: 30,
    });
    expect(report.byRole.map((r: { label: string; compliant: number; of: number }) => [r.label, r.compliant, r.of])).toEqual([
      ["Teacher", 3, 4],
      ["Volunteer", 1, 1],
    ]);
    // Nothing in the register tells a trainer how anyone answered the public-knowledge test.
    expect(report.people.find((p: { name: string }) => p.name === "Kim Lee")).toMatchObject({ compliance: "valid", latest: { overall: { result: "pass" } } });
    expect(stdout).not.toMatch(/flag|"review"|publicTest/i);
    expect(report.sections.find((s: { id: string }) => s.id === "safeguarding")).toMatchObject({ passed: 5, total: 5, percentage: 100, title: "Safeguarding children" });
  });

  it("the terminal table: counts, the bad files, people, sections and compliance", async () => {
    const { code, stdout } = await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", AT], { cwd: work.dir, env: { COLUMNS: "160" } });
    expect(code).toBe(1);
    expect(stdout).toContain("8 files read: 6 verified, 2 not verified");
    expect(stdout).toContain("✗ all/tampered.json: signature does not match the summary");
    expect(stdout).toContain("Compliance register — William Austin Junior School");
    expect(stdout).toMatch(/Policy on Social Media · bank wajs-social-media \S+ · at 2027-10-01 · all sessions/);
    expect(stdout).toContain("People: 5 (6 attempts counted)");
    expect(stdout).toMatch(/Sam Patel\s+Teacher\s+T-042\s+2\s+2026-11-24\s+PASS/);
    expect(stdout).not.toMatch(/flagged|\bREVIEW\b/);
    expect(stdout).toContain("4 of 5 people compliant, 80% (3 valid · 1 expiring · 1 expired · 0 not passed)");
    expect(stdout).toMatch(/Teacher\s+3 of 4\s+75%/);
    expect(stdout).toContain("Jo Brown: renew by 2027-10-15");
    expect(stdout).toContain("Pat Green: renew: expired on 2026-06-01");
  });

  it("exits 0 when every file verifies; --session and --since filter", async () => {
    const all = await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", AT, "--format", "json"], { cwd: work.dir });
    expect(all.code).toBe(0);
    const session = JSON.parse((await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", AT, "--format", "json", "--session", "Induction 2026-11a"], { cwd: work.dir })).stdout);
    expect(session.people.map((p: { name: string }) => p.name)).toEqual(["Sam Patel"]);
    expect(session.people[0]).toMatchObject({
      attempts: 1,
      compliance: "not-passed",
      latest: { validUntil: null },
      failed: {
        sections: [{ id: "safeguarding", title: "Safeguarding children" }],
        criticalMissed: [{ id: "safeguarding-current-pupil-request", prompt: expect.stringMatching(/\S/) }],
      },
      action: "retake: failed Safeguarding children",
    });
    expect(session.context.organisation).toBe("William Austin Junior School");
    expect(session.filters.session).toBe("Induction 2026-11a");
    expect(session.mostMissed[0]).toMatchObject({ id: "safeguarding-current-pupil-request", missedBy: 1, of: 1 });
    const since = JSON.parse((await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", AT, "--format", "json", "--since", "2026-11-21"], { cwd: work.dir })).stdout);
    expect(since.people.map((p: { name: string }) => p.name)).toEqual(["Alex Doe", "Kim Lee", "Sam Patel"]);
    expect(since.files.filteredOut).toBe(3);
  });

  it("--format csv: one row per person that a CSV parser reads back", async () => {
    const { code, stdout } = await runCli(["report", "good", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", AT, "--format", "csv"], { cwd: work.dir });
    expect(code).toBe(0);
    expect(stdout).toContain("\r\n");
    expect(stdout.startsWith("\uFEFFname,")).toBe(true);
    const rows = parseCsv(stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ organisation: "William Austin Junior School", policy: "Policy on Social Media", session_filter: "all sessions" });
    expect(rows.find((r) => r.name === "Sam Patel")).toMatchObject({ staff_id: "T-042", attempts: "2", overall: "pass", status: "valid", section_safeguarding: "pass" });
    expect(rows.find((r) => r.name === "Jo Brown")).toMatchObject({ status: "expiring", next_action: "renew by 2027-10-15" });
    // A "yes" in the public-knowledge test changes nothing that a trainer reads.
    expect(rows.find((r) => r.name === "Kim Lee")?.["section_personal-use"]).toBe("pass");
    expect(stdout).not.toMatch(/flag|(^|,)review(,|\r)/im);
  });

  it("unusable input exits 2", async () => {
    expect((await runCli(["report", "all"], { cwd: work.dir })).code).toBe(2);
    expect((await runCli(["report", "nowhere", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"], { cwd: work.dir })).code).toBe(2);
    expect((await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--since", "last week"], { cwd: work.dir })).code).toBe(2);
  });
});

describe("the CSV format itself", () => {
  it("quotes commas, quotes and line breaks (RFC 4180) and neutralises formulas", async () => {
    const { renderReportCsv } = await import("../../src/report/report-csv.js");
    const csv = renderReportCsv({
      at: "", filters: { session: null, since: null, only: null }, files: { read: 1, verified: 1, notVerified: 0, filteredOut: 0, duplicates: 0 }, notVerified: [],
      context: { organisation: "=HYPERLINK(1)", policy: "P", banks: [], roster: null, expiringWithinDays: 30 },
      attempts: 1, sections: [], mostMissed: [], notOnRoster: [], ambiguous: [], byRole: [],
      overall: { compliant: 1, of: 1, percentage: 100, counts: { valid: 1, expiring: 0, expired: 0, "not-passed": 0, missing: 0 } },
      people: [{
        key: "k", name: "O'Brien, \"Jo\"", role: null, roleLabel: null, staffId: null, email: "+1@x.example", rosterLine: null, attempts: 1, sections: {}, compliance: "valid", failed: null, action: null,
        latest: { file: "a\nb.json", finishedAt: "t", overall: { result: "pass", correct: 1, total: 1, percentage: 100 }, validUntil: "u", session: "=cmd()", signer: "s" },
      }],
    });
    const [row] = parseCsv(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(row).toMatchObject({ name: "O'Brien, \"Jo\"", email: "'+1@x.example", session: "'=cmd()", file: "a\nb.json", organisation: "'=HYPERLINK(1)" });
  });
});
