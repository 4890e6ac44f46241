import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePrivateKey, generateKey } from "../../src/summary/openssh-key.js";
import { keyedAnswers } from "../helpers/answers.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { runCli, STACK_FRAME } from "../helpers/cli.js";

let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir();
  await writeFile(path.join(work.dir, "a.json"), JSON.stringify(keyedAnswers(await mustLoad(DEFAULT_BANK))));
});
afterAll(() => work.cleanup());

const exportWith = (key: string, extra: { env?: NodeJS.ProcessEnv; stderrIsTTY?: boolean } = {}) =>
  runCli(["run", "--answers", "a.json", "--role", "teacher", "--name", "Sam", "--export", "o.json", "--key", key, "--force"], { cwd: work.dir, ...extra });

describe("a malformed private key is a one-line error naming the key file (exit 2)", () => {
  it.each([
    ["truncated body", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"],
    ["magic only", `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from("openssh-key-v1\0").toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`],
    ["half a real key", (() => {
      const lines = encodePrivateKey(generateKey("x")).split("\n");
      return [...lines.slice(0, 3), lines.at(-2), ""].join("\n");
    })()],
  ])("%s", async (_what, text) => {
    const name = "bad key.pem";
    await writeFile(path.join(work.dir, name), text, { mode: 0o600 });
    const before = (await readdir(work.dir)).sort();
    // The prompter would be asked nothing: the key is checked before the first question.
    const r = await exportWith(name);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/selfcheck: private key bad key\.pem: .*(malformed|not an OpenSSH private key)/);
    expect(r.stdout).toBe("");
    expect((await readdir(work.dir)).sort()).toEqual(before);
  });
});

describe("unlocking a passphrase-protected key says so on a terminal", () => {
  beforeAll(async () => {
    await writeFile(path.join(work.dir, "locked"), encodePrivateKey(generateKey("t@school.example"), "correct horse"), { mode: 0o600 });
  });

  it("writes 'unlocking key…' to a terminal, then clears the line", async () => {
    const r = await exportWith("locked", { env: { SELFCHECK_KEY_PASSPHRASE: "correct horse" }, stderrIsTTY: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("unlocking key…\r\u001b[2K");
  });

  it("says nothing when stderr is not a terminal (CI logs stay clean)", async () => {
    const r = await exportWith("locked", { env: { SELFCHECK_KEY_PASSPHRASE: "correct horse" } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("clears the line when the passphrase is wrong, then gives the error", async () => {
    const r = await exportWith("locked", { env: { SELFCHECK_KEY_PASSPHRASE: "wrong" }, stderrIsTTY: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^unlocking key…\r\u001b\[2Kselfcheck: private key locked: incorrect passphrase\n$/);
  });
});
