import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedBytes } from "../../src/summary/canonical-json.js";
import { signMessage } from "../../src/summary/sshsig.js";
import { escapeControl, escapeJsonText, hasControl } from "../../src/util/escape.js";
import { bankCopy, DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";
import { runCli } from "../helpers/cli.js";

/** Any raw control or bidi-control character: what must never reach a terminal from a file. */
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("escapeControl", () => {
  it.each([
    ["\u001b[32m✓", "\\x1b[32m✓"],
    ["a\nb\tc", "a\\x0ab\\x09c"],
    ["\u009b31m", "\\x9b31m"],
    ["\u007f", "\\x7f"],
    ["abc\u202edcba", "abc\\u202edcba"],
    ["\u2066x\u2069", "\\u2066x\\u2069"],
    ["Zoë 山田 😀 & Co.", "Zoë 山田 😀 & Co."],
  ])("%j → %j", (raw, shown) => {
    expect(escapeControl(raw)).toBe(shown);
    expect(hasControl(raw)).toBe(raw !== shown);
  });

  it("is idempotent, so escaping twice on the way out changes nothing", () => {
    const once = escapeControl("\u001b]0;title\u0007\u202e");
    expect(escapeControl(once)).toBe(once);
  });

  it("escapeJsonText keeps the JSON value and removes every raw control character", () => {
    const value = { name: "a\u0085b\u202ec\u007fd\u001b" };
    const text = escapeJsonText(JSON.stringify(value));
    expect(text).not.toMatch(RAW);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("values from files are shown escaped, in every output format", () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  const trainer = "trainer@school.example";
  const at = (name: string) => path.join(work.dir, name);
  const evilName = "\u001b[1A\u001b[2K\u001b[32m✓ all good\u001b[0m\u202e.json";
  let good: string;
  let key: ReturnType<typeof trustedKey>;

  beforeAll(async () => {
    work = await tempDir();
    const bank = await mustLoad(DEFAULT_BANK);
    key = trustedKey(trainer);
    await writeFile(at("allowed_signers"), `${key.line}\n`);
    good = makeSummaryFile(bank, key.key, { person: { name: "Sam Patel" }, finishedAt: new Date() });
    await writeFile(at(evilName), good);
    // An unknown key holding ESC, in an otherwise valid file.
    const withKey = JSON.parse(good) as Record<string, unknown>;
    withKey["\u001b[32m✓ verified\u001b[0m"] = 1;
    await writeFile(at("unknown-key.json"), JSON.stringify(withKey));
    // A real signature whose SSHSIG namespace field is an escape sequence.
    const parsed = JSON.parse(good) as { summary: unknown; signature: { namespace: string; sshsig: string } };
    parsed.signature.sshsig = signMessage(key.key, "\u001b[32mselfcheck-summary-v1", signedBytes(parsed.summary));
    await writeFile(at("namespace.json"), JSON.stringify(parsed));
  });
  afterAll(() => work.cleanup());

  it("verify: a valid summary copied to a file name holding ESC [32m verifies, and no raw ESC is printed", async () => {
    const r = await runCli(["verify", evilName, "--allowed-signers", "allowed_signers", "--trainer", trainer], { cwd: work.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).toContain("\\x1b[32m✓ all good\\x1b[0m\\u202e.json: verified");
  });

  it("verify: an unknown key and a crafted SSHSIG namespace are quoted escaped", async () => {
    const r = await runCli(["verify", "unknown-key.json", "namespace.json", "--allowed-signers", "allowed_signers", "--trainer", trainer], { cwd: work.dir });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).toMatch(/unknown-key\.json.*NOT A VALID SUMMARY.*\\x1b\[32m✓ verified/);
    expect(r.stdout).toMatch(/namespace\.json: NOT VERIFIED — signature is for namespace "\\x1b\[32mselfcheck-summary-v1"/);
  });

  it("verify --json: the same values, as valid JSON without raw control characters", async () => {
    const r = await runCli(["verify", evilName, "namespace.json", "--allowed-signers", "allowed_signers", "--trainer", trainer, "--json"], { cwd: work.dir });
    expect(r.stdout).not.toMatch(RAW);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it.each(["table", "csv", "html", "json"])("report --format %s: file names and reasons escaped", async (format) => {
    const out = `report.${format}`;
    const r = await runCli(["report", ".", "--allowed-signers", "allowed_signers", "--trainer", trainer, "--format", format, "--output", out, "--force"], { cwd: work.dir });
    expect(r.code, r.stderr).toBe(1); // two files do not verify
    const text = await readFile(at(out), "utf8");
    expect(text).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
    expect(text).toMatch(/x1b\[32m/); // the crafted namespace or file name, shown as text
  });

  it("validate: an unknown key holding ESC in a bank file is quoted escaped", async () => {
    const copy = await bankCopy(DEFAULT_BANK);
    try {
      const file = path.join(copy.dir, "bank.yaml");
      await writeFile(file, `${await readFile(file, "utf8")}"\\e[32m✓ valid": 1\n`);
      const r = await runCli(["validate", "--bank", copy.dir], { cwd: work.dir });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toMatch(RAW);
      expect(r.stdout + r.stderr).toMatch(/bank\.yaml:\d+:1 error unknown key "\\x1b\[32m✓ valid"/);
    } finally {
      await copy.cleanup();
    }
  });
});
