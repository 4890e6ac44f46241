import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as values from "../../src/bank/values.js";
import { encodePrivateKey, formatPublicKey, generateKey } from "../../src/summary/openssh-key.js";
import { keyedAnswers } from "../helpers/answers.js";
import { bankCopy, DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { runCli, STACK_FRAME } from "../helpers/cli.js";

describe("one rule per value (bank/values.ts)", () => {
  it.each([
    "Sam_Patel & Co.",
    "Siân O'Brien-Smith",
    "山田 太郎",
    "Sam/Alex",
    "sam@home",
    "Hi!",
    "😀 Sam",
    "Zoe\u0308 (decomposed)",
    "Dr. J. R. R. Tolkien",
    "👩‍👩‍👧",
    "a".repeat(200),
    "!",
    "~x~",
    "a b",
  ])("accepts the name %j", (name) => {
    expect(values.personName.problem(name)).toBeUndefined();
  });

  it.each([
    ["", /must not be empty/],
    [" Sam", /start or end with a space/],
    ["Sam ", /start or end with a space/],
    ["Sam\u001b[32m", /control .*\\x1b/],
    ["Sam\u202eevil", /bidirectional-control .*\\u202e/],
    ["Sam\u0085", /\\x85/],
    ["a\nb", /\\x0a/],
    ["a\u007fb", /\\x7f/],
    ["a\ud800b", /not valid Unicode/],
    ["a".repeat(201), /at most 200 characters \(this one has 201\)/],
    ["a\tb", /\\x09/],
    ["Sam\t", /\\x09/],
    ["\u00a0Sam", /start or end with a space/],
  ])("refuses the name %j", (name, message) => {
    expect(values.personName.problem(name)).toMatch(message);
  });

  it("session labels are as liberal as names; staff ids, emails and principals keep their shapes", () => {
    expect(values.sessionLabel.problem("Rentrée – septembre 2026")).toBeUndefined();
    expect(values.staffId.problem("T-0042")).toBeUndefined();
    expect(values.staffId.problem("T 42")).toMatch(/letters, digits/);
    expect(values.email.problem("sam@school.example")).toBeUndefined();
    expect(values.email.problem("sam")).toMatch(/not an email/);
    expect(values.principal.problem("trainer@school.example")).toBeUndefined();
    expect(values.principal.problem("a b")).toMatch(/letters, digits/);
  });
});

describe("whatever run accepts, the export writes and verify verifies", () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  const P = "trainer@school.example";
  beforeAll(async () => {
    work = await tempDir();
    const key = generateKey(P);
    await writeFile(path.join(work.dir, "k"), encodePrivateKey(key), { mode: 0o600 });
    await writeFile(path.join(work.dir, "allowed_signers"), `${P} namespaces="selfcheck-summary-v1" ${formatPublicKey(key.publicKey)}\n`);
    const bank = await mustLoad(DEFAULT_BANK);
    await writeFile(path.join(work.dir, "good.json"), JSON.stringify(keyedAnswers(bank)));
  });
  afterAll(() => work.cleanup());

  const names = ["Sam_Patel & Co.", "Zoë 山田 😀", "O'Brien/Smith @home!", "n".repeat(200)];
  it.each(names.map((n, i) => [n, i] as const))("%j: run --export exits 0, verify exits 0", async (name, i) => {
    const file = `o${i}.json`;
    const run = await runCli(["run", "--answers", "good.json", "--role", "teacher", "--name", name, "--export", file, "--key", "k", "--session", "Rentrée 2026"], { cwd: work.dir });
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code, run.stderr).toBe(0);
    const verify = await runCli(["verify", file, "--allowed-signers", "allowed_signers"], { cwd: work.dir });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain(name);
  });

  it.each([
    ["a control character", "Sam\u001bPatel", /--name must not contain control .*\\x1b/],
    ["a bidi override", "Sam\u202ePatel", /--name must not contain .*\\u202e/],
    ["surrounding spaces", " Sam", /--name must not start or end with a space/],
    ["201 characters", "a".repeat(201), /--name must be at most 200 characters/],
  ])("a name with %s is refused before the first question (exit 2)", async (_what, name, message) => {
    const r = await runCli(["run", "--answers", "good.json", "--name", name, "--export", "x.json", "--key", "k"], { cwd: work.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    await expect(readFile(path.join(work.dir, "x.json"))).rejects.toThrow();
  });
});

describe("whatever validate accepts, run --export handles", () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    work = await tempDir();
    await writeFile(path.join(work.dir, "k"), encodePrivateKey(generateKey("t@school.example")), { mode: 0o600 });
    await chmod(path.join(work.dir, "k"), 0o600);
  });
  afterAll(() => work.cleanup());

  const edit = async (change: (yaml: string) => string) => {
    const copy = await bankCopy(DEFAULT_BANK);
    const file = path.join(copy.dir, "bank.yaml");
    await writeFile(file, change(await readFile(file, "utf8")));
    return copy;
  };

  it.each([
    ["a two-line policy.title", (y: string) => y.replace(/^( {2}title:).*$/m, '$1 "Policy on\\nSocial Media"'), /bank\.yaml:\d+:\d+ error title must not contain control .*\\x0a/],
    ["an organisation over 200 characters", (y: string) => y.replace(/^( {2}organisation:).*$/m, `$1 ${"O".repeat(201)}`), /bank\.yaml:\d+:\d+ error title must be at most 200 characters/],
    ["an escape sequence in the bank title", (y: string) => y.replace(/^(title:).*$/m, '$1 "Self-check \\e[2J"'), /bank\.yaml:\d+:\d+ error title must not contain control/],
  ])("%s: validate exits 2 with its position", async (_what, change, message) => {
    const copy = await edit(change);
    try {
      const r = await runCli(["validate", "--bank", copy.dir], { cwd: work.dir });
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(r.stdout + r.stderr).toMatch(message);
    } finally {
      await copy.cleanup();
    }
  });

  it("a 200-character organisation in any script: validate exits 0 and run --export exits 0", async () => {
    const copy = await edit((y) => y.replace(/^( {2}organisation:).*$/m, `$1 "${"École ".repeat(33)}Ü"`));
    try {
      expect((await runCli(["validate", "--bank", copy.dir], { cwd: work.dir })).code).toBe(0);
      const bank = await mustLoad(copy.dir);
      await writeFile(path.join(work.dir, "a.json"), JSON.stringify(keyedAnswers(bank)));
      const r = await runCli(["run", "--bank", copy.dir, "--answers", "a.json", "--role", "teacher", "--name", "Sam", "--export", "org.json", "--key", "k"], { cwd: work.dir });
      expect(r.code, r.stderr).toBe(0);
    } finally {
      await copy.cleanup();
    }
  });
});
