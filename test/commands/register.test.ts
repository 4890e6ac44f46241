import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";

/**
 * The compliance register against a staff list: a trainer signed summaries for Person 1-3, a
 * colleague's key signed one for Alice, and the roster lists people who never handed one in.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let bank: Bank;
const at = (...p: string[]) => path.join(work.dir, ...p);
const AT = "2027-01-10";
const TRAINER = ["--trainer", "trainer@school.example"];
const report = (...args: string[]) => runCli(["report", "summaries", "--allowed-signers", "allowed_signers", "--at", AT, ...TRAINER, ...args], { cwd: work.dir });

beforeAll(async () => {
  work = await tempDir();
  bank = await mustLoad(DEFAULT_BANK);
  const trainer = trustedKey("trainer@school.example");
  const bob = trustedKey("bob@school.example");
  await writeFile(at("allowed_signers"), `${trainer.line}\n${bob.line}\n`);
  const { mkdir } = await import("node:fs/promises");
  await mkdir(at("summaries"));
  const write = (name: string, text: string) => writeFile(at("summaries", name), text);
  const finishedAt = new Date("2026-11-24T10:00:00Z");
  await write("p1.json", makeSummaryFile(bank, trainer.key, { person: { name: "Person One", staffId: "S1", role: "teacher" }, finishedAt }));
  await write(
    "p2.json",
    makeSummaryFile(bank, trainer.key, {
      person: { name: "Person Two", email: "two@school.example", role: "teaching-assistant" },
      finishedAt,
      wrong: { "safeguarding-current-pupil-request": ["accept"] },
    }),
  );
  // Matched by name alone ("Person Three" on the roster, with accents and spacing aside).
  await write("p3.json", makeSummaryFile(bank, trainer.key, { person: { name: "Pérson  Three", role: "volunteer" }, finishedAt: new Date("2026-01-20T10:00:00Z") }));
  await copyFile(at("summaries", "p3.json"), at("summaries", "p3-copy.json"));
  // Bob's key is trusted for Bob, and Bob is no trainer: his signature must not count for Alice.
  await write(
    "alice.json",
    makeSummaryFile(bank, bob.key, { person: { name: "Alice Smith", email: "alice@school.example" }, principal: "bob@school.example", finishedAt }),
  );
  await write("zoe.json", makeSummaryFile(bank, trainer.key, { person: { name: "Zoë Outsider", staffId: "S99" }, finishedAt }));
  await write("chris.json", makeSummaryFile(bank, trainer.key, { person: { name: "Chris Lee" }, finishedAt }));
  // Excel's "CSV UTF-8": a BOM, CRLF, a quoted field with a comma, headers in its own case.
  await writeFile(
    at("r.csv"),
    "\uFEFFName,Role,Staff ID,Email\r\nPerson One,Teacher,S1,\r\nPerson Two,teaching-assistant,,two@school.example\r\nPerson Three,Volunteer,,\r\nPerson Four,\"Support staff (office, site, kitchen, IT)\",S4,four@school.example\r\n",
  );
  await writeFile(
    at("r2.csv"),
    "name;role;email;staff_id\nSiobhán Ní Bhriain;Teacher;siobhan@school.example;\nChris Lee;Teacher;;C1\nChris Lee;Volunteer;;C2\nAlice Smith;Teacher;alice@school.example;\n",
  );
});
afterAll(() => work.cleanup());

describe("report --roster: the compliance register", () => {
  it("lists every roster person once; the one with no summary is missing", async () => {
    const { code, stdout } = await report("--roster", "r.csv", "--format", "json");
    expect(code).toBe(1); // alice.json does not verify
    const r = JSON.parse(stdout);
    // In the roster's order: the fourth person handed nothing in.
    expect(r.people.map((p: { name: string; compliance: string }) => [p.name, p.compliance])).toEqual([
      ["Person One", "valid"],
      ["Person Two", "not-passed"],
      ["Person Three", "expiring"],
      ["Person Four", "missing"],
    ]);
    expect(r.people[3]).toMatchObject({ staffId: "S4", email: "four@school.example", roleLabel: "Support staff (office, site, kitchen, IT)", rosterLine: 5, attempts: 0, latest: null, action: "take the self-check" });
    expect(r.people.find((p: { name: string }) => p.name === "Person Three")).toMatchObject({ attempts: 1, latest: { validUntil: "2027-01-20T10:00:00Z" } });
    expect(r.files.duplicates).toBe(1);
    expect(r.overall).toMatchObject({ compliant: 2, of: 4, percentage: 50 });
    expect(r.byRole.map((x: { label: string; compliant: number; of: number }) => [x.label, x.compliant, x.of])).toEqual([
      ["Support staff (office, site, kitchen, IT)", 0, 1],
      ["Teacher", 1, 1],
      ["Teaching assistant", 0, 1],
      ["Volunteer", 1, 1],
    ]);
    expect(r.notOnRoster.map((p: { name: string }) => p.name)).toEqual(["Chris Lee", "Zoë Outsider"]);
    expect(r.context).toMatchObject({ organisation: "William Austin Junior School", policy: "Policy on Social Media", roster: "r.csv" });
  });

  it("a colleague's key does not count for Alice: she stays missing and her file is named as not verified", async () => {
    const { stdout } = await report("--roster", "r2.csv", "--format", "json");
    const r = JSON.parse(stdout);
    expect(r.notVerified).toEqual([{ file: "summaries/alice.json", reason: expect.stringMatching(/^signer bob@school\.example may not attest for alice@school\.example/) }]);
    expect(r.people.find((p: { name: string }) => p.name === "Alice Smith")).toMatchObject({ compliance: "missing", attempts: 0 });
    const table = await report("--roster", "r2.csv");
    expect(table.stdout).toContain("✗ summaries/alice.json: signer bob@school.example may not attest for alice@school.example");
  });

  it("a name that fits two roster people is reported, never guessed", async () => {
    const r = JSON.parse((await report("--roster", "r2.csv", "--format", "json")).stdout);
    expect(r.ambiguous).toEqual([{ file: "summaries/chris.json", name: "Chris Lee", candidates: [{ line: 3, name: "Chris Lee" }, { line: 4, name: "Chris Lee" }] }]);
    expect(r.people.filter((p: { name: string }) => p.name === "Chris Lee").map((p: { compliance: string }) => p.compliance)).toEqual(["missing", "missing"]);
    const table = await report("--roster", "r2.csv");
    expect(table.stdout).toContain('summaries/chris.json: "Chris Lee" could be line 3 or line 4');
  });

  it("--expiring-within and --only narrow the register for a mail merge", async () => {
    const wide = JSON.parse((await report("--roster", "r.csv", "--format", "json", "--expiring-within", "5")).stdout);
    expect(wide.people.find((p: { name: string }) => p.name === "Person Three").compliance).toBe("valid");
    const { stdout } = await report("--roster", "r.csv", "--format", "csv", "--only", "missing,expiring");
    const rows = parseCsv(stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.name, x.email, x.status, x.next_action])).toEqual([
      ["Person Three", "", "expiring", "renew by 2027-01-20"],
      ["Person Four", "four@school.example", "missing", "take the self-check"],
    ]);
    expect((await report("--roster", "r.csv", "--only", "lost")).code).toBe(2);
    expect((await report("--roster", "r.csv", "--expiring-within", "a month")).code).toBe(2);
  });

  it("for each FAIL, why: the sections failed and the critical questions missed, by prompt", async () => {
    const prompt = bank.sections.flatMap((s) => s.questions).find((q) => q.id === "safeguarding-current-pupil-request")?.prompt ?? "";
    const { stdout } = await report("--roster", "r.csv", "--format", "csv");
    const two = (parseCsv(stdout, { columns: true, bom: true }) as Record<string, string>[]).find((x) => x.name === "Person Two");
    expect(two).toMatchObject({ status: "not passed", valid_until: "", failed_sections: "Safeguarding children", critical_missed: prompt, on_roster: "yes" });
    const table = await report("--roster", "r.csv");
    expect(table.stdout).toContain("Person Two: failed Safeguarding children");
    expect(table.stdout).toContain("critical question missed:");
  });

  it("the CSV begins with a UTF-8 BOM and keeps Siobhán and Zoë intact", async () => {
    const { stdout } = await report("--roster", "r2.csv", "--format", "csv");
    expect(stdout.startsWith("\uFEFF")).toBe(true);
    expect(Buffer.from(stdout, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(stdout).toContain("Siobhán Ní Bhriain");
    expect(stdout).toContain("Zoë Outsider");
  });

  it("an empty folder with a roster is a register of everyone missing (without a roster, exit 2)", async () => {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(at("empty"), { recursive: true });
    const args = ["report", "empty", "--allowed-signers", "allowed_signers", "--at", AT];
    const { code, stdout } = await runCli([...args, "--roster", "r.csv", "--bank", DEFAULT_BANK, "--format", "json"], { cwd: work.dir });
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.overall).toMatchObject({ compliant: 0, of: 4, counts: { missing: 4 } });
    // Nobody has handed one in yet: the register names the school from the bank it is given.
    expect(r.context).toMatchObject({ organisation: "William Austin Junior School", policy: "Policy on Social Media" });
    expect((await runCli(args, { cwd: work.dir })).code).toBe(2);
  });

  it("the HTML register names the school, the policy, the bank and the session filter", async () => {
    const { code } = await report("--roster", "r.csv", "--format", "html", "--output", "register.html");
    expect(code).toBe(1);
    const html = await readFile(at("register.html"), "utf8");
    expect(html).toContain("William Austin Junior School");
    expect(html).toMatch(/Policy on Social Media · bank wajs-social-media \S+ · at 2027-01-10 · all sessions/);
    expect(html).toContain("2 of 4 staff compliant, 50%");
    expect(html).toContain("@media print");
    expect(html).toContain('id="not-on-roster"');
  });
});

describe("report --roster: unusable staff lists exit 2 naming the file and line", () => {
  it.each([
    ["no name column", "who,role,email\nA,Teacher,a@x.example\n", /r\.csv:1: the header row needs name column/],
    ["no staff id or email column", "name,role\nA,Teacher\n", /needs staff id or email column/],
    ["an email that is not one", "name,role,email\nA,Teacher,a@x.example\nB,Teacher,not-an-email\n", /r\.csv:3: column C \(email\): "not-an-email" is not an email address/],
    ["a staff id twice", "name,role,staff id\nA,Teacher,T1\nB,Teacher,t1\n", /r\.csv:3: column C \(staff id\): "t1" is already on line 2/],
    ["an unclosed quote", 'name,role,email\n"A,Teacher,a@x.example\n', /r\.csv:\d+: not readable as CSV/],
    ["Windows-1252, not UTF-8", Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x2c, 0x72, 0x6f, 0x6c, 0x65, 0x2c, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0x5a, 0x6f, 0xeb, 0x2c, 0x54, 0x2c, 0x7a, 0x40, 0x78, 0x2e, 0x69, 0x6f, 0x0a]), /r\.csv: not UTF-8 text/],
  ])("%s", async (_name, content, message) => {
    const dir = path.join(work.dir, `bad-${Math.random().toString(36).slice(2)}`);
    const { mkdir, cp } = await import("node:fs/promises");
    await mkdir(dir);
    await cp(at("summaries"), path.join(dir, "summaries"), { recursive: true });
    await copyFile(at("allowed_signers"), path.join(dir, "allowed_signers"));
    await writeFile(path.join(dir, "r.csv"), content);
    const result = await runCli(["report", "summaries", "--allowed-signers", "allowed_signers", ...TRAINER, "--roster", "r.csv"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
