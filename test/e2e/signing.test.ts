import { chmod, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { jq, sshKeygen, sshVerifySummary } from "../helpers/openssh.js";

/**
 * Signed summaries end to end, with the real OpenSSH tools on the other side: keys from our
 * keygen used by ssh-keygen and the other way round, and summaries checked by
 * `ssh-keygen -Y verify` with the README's jq recipe.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let answers: string;
const P = "trainer@school.example";
const at = (name: string) => path.join(work.dir, name);
const sh = (args: string[], input?: string | Buffer) => sshKeygen(args, { cwd: work.dir, ...(input === undefined ? {} : { input }) });
const sshVerify = (file: string, principal = P, signers = "allowed_signers") => sshVerifySummary(work.dir, file, principal, signers);

async function exportSummary(
  file: string,
  key: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
) {
  return runCli(
    [
      "run",
      "--answers",
      answers,
      "--name",
      "Sam Patel",
      "--role",
      "teacher",
      "--export",
      file,
      "--key",
      key,
      ...extra,
    ],
    {
      cwd: work.dir,
      env,
    },
  );
}

beforeAll(async () => {
  work = await tempDir();
  const shown = JSON.parse((await runCli(["show", "--json"])).stdout) as {
    sections: {
      questions: { id: string; type: string; options: { id: string; correct: boolean }[] }[];
    }[];
  };
  const all = Object.fromEntries(
    shown.sections.flatMap((s) =>
      s.questions.map((q) => {
        const ids = q.options.filter((o) => o.correct).map((o) => o.id);
        return [q.id, q.type === "multi" ? ids : ids[0]];
      }),
    ),
  );
  answers = at("answers.json");
  await writeFile(answers, JSON.stringify(all));
  const keygen = await runCli(
    ["keygen", "-f", "trainer.key", "--principal", P, "--no-passphrase", "--json"],
    { cwd: work.dir },
  );
  expect(keygen.code).toBe(0);
  await writeFile(at("allowed_signers"), `${JSON.parse(keygen.stdout).allowedSigners}\n`);
});
afterAll(() => work.cleanup());

describe("keygen", () => {
  it("writes a 0600 OpenSSH key and its .pub, and ssh-keygen reads both", async () => {
    expect((await stat(at("trainer.key"))).mode & 0o777).toBe(0o600);
    const derived = sh(["-y", "-f", "trainer.key"]);
    expect(derived.status).toBe(0);
    expect(
      (await readFile(at("trainer.key.pub"), "utf8")).startsWith(
        derived.stdout.trim().split(" ").slice(0, 2).join(" "),
      ),
    ).toBe(true);
    const ours = await runCli(
      ["keygen", "-f", "fp.key", "--principal", "fp@x.example", "--no-passphrase", "--json"],
      { cwd: work.dir },
    );
    const theirs = sh(["-l", "-f", "fp.key.pub"]);
    expect(theirs.stdout).toContain(JSON.parse(ours.stdout).fingerprint);
  });

  it("never overwrites a key", async () => {
    const before = await readFile(at("trainer.key"), "utf8");
    const again = await runCli(
      ["keygen", "-f", "trainer.key", "--principal", P, "--no-passphrase"],
      { cwd: work.dir },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("trainer.key already exists");
    expect(await readFile(at("trainer.key"), "utf8")).toBe(before);
  });

  it("with a passphrase, writes a key that ssh-keygen opens with that passphrase only", async () => {
    const made = await runCli(["keygen", "-f", "locked.key", "--principal", "l@x.example"], {
      cwd: work.dir,
      env: { SELFCHECK_KEY_PASSPHRASE: "correct horse" },
    });
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("passphrase-protected");
    expect(sh(["-y", "-P", "correct horse", "-f", "locked.key"]).status).toBe(0);
    expect(sh(["-y", "-P", "wrong", "-f", "locked.key"]).status).not.toBe(0);
  });
});

describe("run --export, verify, and ssh-keygen -Y verify", () => {
  it("keygen → scripted run --export → verify exits 0; ssh-keygen says Good", async () => {
    const run = await exportSummary("sam.json", "trainer.key", [
      "--session",
      "Induction 2026-11",
      "--staff-id",
      "T-042",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Signed summary written to sam.json");
    const file = JSON.parse(await readFile(at("sam.json"), "utf8"));
    expect(file.summary).toMatchObject({
      person: { name: "Sam Patel", role: "teacher", staffId: "T-042", email: null },
      signer: { principal: P },
      session: "Induction 2026-11",
      overall: { result: "pass" },
    });
    const verify = await runCli(["verify", "sam.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"], {
      cwd: work.dir,
    });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("✓ sam.json: verified");
    expect(verify.stdout).toContain(`signed by ${P}`);
    const ssh = sshVerify("sam.json");
    expect(ssh.status).toBe(0);
    expect(ssh.stdout).toMatch(
      /^Good "selfcheck-summary-v1" signature for trainer@school\.example/,
    );
  });

  it("who may attest: staff sign their own with no extra flags; a colleague's key does not count", async () => {
    for (const who of ["alice", "bob"]) {
      const made = await runCli(
        ["keygen", "-f", `${who}.key`, "--principal", `${who}@school.example`, "--no-passphrase", "--json"],
        { cwd: work.dir },
      );
      await writeFile(at(`${who}.signers`), `${JSON.parse(made.stdout).allowedSigners}\n`);
    }
    await writeFile(
      at("staff_signers"),
      `${await readFile(at("alice.signers"), "utf8")}${await readFile(at("bob.signers"), "utf8")}`,
    );
    // Alice signs her own: her principal becomes the summary's email, and it verifies as is.
    expect((await exportSummary("alice-own.json", "alice.key")).code).toBe(0);
    const own = JSON.parse(await readFile(at("alice-own.json"), "utf8"));
    expect(own.summary.person.email).toBe("alice@school.example");
    const ownVerify = await runCli(["verify", "alice-own.json", "--allowed-signers", "staff_signers"], { cwd: work.dir });
    expect(ownVerify.code).toBe(0);
    // Bob's trusted key signs a summary that names Alice: not verified, not even with another trainer.
    expect((await exportSummary("alice-by-bob.json", "bob.key", ["--email", "alice@school.example"])).code).toBe(0);
    for (const extra of [[], ["--trainer", "trainer@school.example"]]) {
      const forged = await runCli(["verify", "alice-by-bob.json", "--allowed-signers", "staff_signers", ...extra], { cwd: work.dir });
      expect(forged.code).toBe(1);
      expect(forged.stdout).toContain("NOT VERIFIED — signer bob@school.example may not attest for alice@school.example");
    }
    // Named as a trainer (an allowed_signers pattern), Bob may.
    const asTrainer = await runCli(
      ["verify", "alice-by-bob.json", "--allowed-signers", "staff_signers", "--trainer", "bob@*"],
      { cwd: work.dir },
    );
    expect(asTrainer.code).toBe(0);
  });

  it("editing one score makes verify exit 1 (and ssh-keygen fails too)", async () => {
    const file = JSON.parse(await readFile(at("sam.json"), "utf8"));
    file.summary.sections[3].correct -= 1;
    await writeFile(at("edited.json"), JSON.stringify(file, null, 2));
    const verify = await runCli(["verify", "edited.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"], {
      cwd: work.dir,
    });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(
      "✗ edited.json: NOT VERIFIED — signature does not match the summary",
    );
    expect(sshVerify("edited.json").status).not.toBe(0);
  });

  it("a summary signed by a key not in allowed_signers exits 1 (and ssh-keygen refuses it)", async () => {
    await runCli(["keygen", "-f", "stranger.key", "--principal", P, "--no-passphrase"], {
      cwd: work.dir,
    });
    expect((await exportSummary("forged.json", "stranger.key")).code).toBe(0);
    const verify = await runCli(["verify", "forged.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"], {
      cwd: work.dir,
    });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/NOT VERIFIED — key SHA256:\S+ is not in allowed signers/);
    expect(sshVerify("forged.json").status).not.toBe(0);
  });

  it("re-indenting and reordering the outer file still verifies, here and with ssh-keygen", async () => {
    const pretty = jq(["--indent", "7", "{signature, summary}", "sam.json"], {
      cwd: work.dir,
    });
    await writeFile(at("pretty.json"), pretty);
    expect(
      (
        await runCli(["verify", "pretty.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"], {
          cwd: work.dir,
        })
      ).code,
    ).toBe(0);
    expect(sshVerify("pretty.json").status).toBe(0);
  });

  it("a duplicate key: our verify refuses the file; ssh-keygen via jq accepts it, because jq keeps the last (signed) value", async () => {
    const text = await readFile(at("sam.json"), "utf8");
    await writeFile(
      at("dup.json"),
      text.replace('"name": "Sam Patel"', '"name": "Mallory Evil",\n      "name": "Sam Patel"'),
    );
    const verify = await runCli(["verify", "dup.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"], {
      cwd: work.dir,
    });
    expect(verify.code).toBe(2);
    expect(verify.stdout).toMatch(/dup\.json:\d+:\d+: NOT A VALID SUMMARY — duplicate key "name"/);
    // A reader keeping the first value would show "Mallory Evil" under a valid signature.
    expect(sshVerify("dup.json").status).toBe(0);
  });

  it("--json reports every file; exit 2 when one is not a summary at all", async () => {
    await writeFile(at("junk.json"), "not json");
    const verify = await runCli(
      [
        "verify",
        "sam.json",
        "edited.json",
        "junk.json",
        "--allowed-signers",
        "allowed_signers",
        "--trainer",
        "trainer@school.example",
        "--json",
      ],
      { cwd: work.dir },
    );
    expect(verify.code).toBe(2);
    const out = JSON.parse(verify.stdout);
    expect(out.ok).toBe(false);
    expect(out.results.map((r: { status: string }) => r.status)).toEqual([
      "verified",
      "rejected",
      "malformed",
    ]);
    expect(out.results[1]).toMatchObject({ file: "edited.json", code: "signature-invalid" });
    expect(out.results[2]).toMatchObject({ file: "junk.json", code: "not-json", line: 1, col: 1 });
  });

  it("--at: expired after valid-until; --bank: the summary must be for that bank's content", async () => {
    const later = await runCli(
      ["verify", "sam.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", "2040-01-01"],
      { cwd: work.dir },
    );
    expect(later.code).toBe(1);
    expect(later.stdout).toContain("summary expired on");
    const withBank = await runCli(
      [
        "verify",
        "sam.json",
        "--allowed-signers",
        "allowed_signers",
        "--trainer",
        "trainer@school.example",
        "--bank",
        path.resolve("questions"),
      ],
      { cwd: work.dir },
    );
    expect(withBank.code).toBe(0);
    const otherBank = await runCli(
      [
        "verify",
        "sam.json",
        "--allowed-signers",
        "allowed_signers",
        "--trainer",
        "trainer@school.example",
        "--bank",
        path.resolve("test/fixtures/banks/minimal"),
      ],
      { cwd: work.dir },
    );
    expect(otherBank.code).toBe(1);
    expect(otherBank.stdout).toContain("is not the bank given");
  });
});

describe("names beyond ASCII", () => {
  it("a non-ASCII name still verifies with the README recipe: jq -cS .summary and ssh-keygen -Y verify (real tools)", async () => {
    const run = await runCli(["run", "--answers", answers, "--role", "teacher", "--name", "Zoë Ó Súilleabháin 山田 😀 & Co.", "--export", "u.json", "--key", "trainer.key"], { cwd: work.dir });
    expect(run.code, run.stderr).toBe(0);
    // jq prints non-ASCII as raw UTF-8, as RFC 8785 does, so the bytes it rebuilds are the signed ones.
    const message = jq(["-cS", ".summary", "u.json"], { cwd: work.dir });
    expect(message.toString("utf8")).toContain("Zoë Ó Súilleabháin 山田 😀 & Co.");
    const check = sshVerify("u.json");
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/Good "selfcheck-summary-v1" signature/);
  });

});

describe("interoperability with ssh-keygen", () => {
  it("ssh-keygen -Y sign can sign with a key from our keygen, and our verify accepts its signature", async () => {
    const message = jq(["-cS", ".summary", "sam.json"], { cwd: work.dir });
    await writeFile(at("canonical"), message);
    const signed = sh([
      "-Y",
      "sign",
      "-f",
      "trainer.key",
      "-n",
      "selfcheck-summary-v1",
      "canonical",
    ]);
    expect(signed.status).toBe(0);
    const file = JSON.parse(await readFile(at("sam.json"), "utf8"));
    file.signature.sshsig = (await readFile(at("canonical.sig"), "utf8")).trim();
    await writeFile(at("ssh-signed.json"), JSON.stringify(file, null, 2));
    const verify = await runCli(
      ["verify", "ssh-signed.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"],
      { cwd: work.dir },
    );
    expect(verify.stdout).toContain("verified");
    expect(verify.code).toBe(0);
  });

  it("a signature ssh-keygen made in another namespace is refused", async () => {
    await writeFile(at("canonical-file-ns"), await readFile(at("canonical")));
    const signed = sh([
      "-Y",
      "sign",
      "-f",
      "trainer.key",
      "-n",
      "file",
      "canonical-file-ns",
    ]);
    expect(signed.status).toBe(0);
    const file = JSON.parse(await readFile(at("sam.json"), "utf8"));
    file.signature.sshsig = (await readFile(at("canonical-file-ns.sig"), "utf8")).trim();
    await writeFile(at("other-ns.json"), JSON.stringify(file));
    const verify = await runCli(
      ["verify", "other-ns.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example"],
      { cwd: work.dir },
    );
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('namespace "file"');
  });

  it.each([
    ["without a passphrase", "", {}],
    [
      "with a passphrase (SELFCHECK_KEY_PASSPHRASE)",
      "s3cret phrase",
      { SELFCHECK_KEY_PASSPHRASE: "s3cret phrase" },
    ],
  ])(
    "run --export signs with a key made by ssh-keygen -t ed25519 %s",
    async (name, passphrase, env) => {
      const keyName = `ssh-${passphrase === "" ? "plain" : "locked"}`;
      expect(
        sh([
          "-q",
          "-t",
          "ed25519",
          "-N",
          passphrase,
          "-C",
          "sam@school.example",
          "-f",
          keyName,
        ]).status,
      ).toBe(0);
      const out = `${keyName}.json`;
      const run = await exportSummary(out, keyName, [], env);
      expect(run.stderr, name).toBe("");
      expect(run.code).toBe(0);
      const pub = (await readFile(at(`${keyName}.pub`), "utf8")).trim().split(" ");
      await writeFile(at(`${keyName}.signers`), `sam@school.example ${pub[0]} ${pub[1]}\n`);
      expect(
        (
          await runCli(["verify", out, "--allowed-signers", `${keyName}.signers`], {
            cwd: work.dir,
          })
        ).code,
      ).toBe(0);
      expect(sshVerify(out, "sam@school.example", `${keyName}.signers`).status).toBe(0);
    },
  );
});

describe("keygen --from-ssh-key with keys ssh-keygen made", () => {
  const sshKeygen = (...args: string[]) => sh(args);

  it("prints the allowed_signers line for an existing OpenSSH Ed25519 key, with ssh-keygen's fingerprint", async () => {
    expect(sshKeygen("-q", "-t", "ed25519", "-N", "", "-C", "sam@laptop", "-f", "id_ed25519").status).toBe(0);
    const r = await runCli(["keygen", "--from-ssh-key", "id_ed25519.pub", "--principal", "sam.patel@school.example"], {
      cwd: work.dir,
    });
    expect(r.code).toBe(0);
    const [type, blob] = (await readFile(at("id_ed25519.pub"), "utf8")).split(" ");
    expect(r.stdout).toContain(`sam.patel@school.example namespaces="selfcheck-summary-v1" ${type} ${blob}`);
    const theirs = sshKeygen("-l", "-f", "id_ed25519.pub").stdout.split(" ")[1];
    expect(r.stdout).toContain(`Fingerprint: ${theirs}`);
    expect(r.stdout).toContain("Sign your summary with: selfcheck run --export --key id_ed25519");
    // No new key was made.
    expect((await readdir(work.dir)).filter((f) => f.startsWith("id_ed25519"))).toEqual(["id_ed25519", "id_ed25519.pub"]);

    const json = await runCli(
      ["keygen", "--from-ssh-key", "id_ed25519.pub", "--principal", "sam.patel@school.example", "--json"],
      { cwd: work.dir },
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ principal: "sam.patel@school.example", fingerprint: theirs });

    // The line it printed verifies a summary signed with that key.
    await writeFile(at("ssh_signers"), `${JSON.parse(json.stdout).allowedSigners}\n`);
    const exported = await runCli(
      ["run", "--answers", "answers.json", "--name", "Sam Patel", "--export", "from-ssh.json", "--key", "id_ed25519", "--principal", "sam.patel@school.example"],
      { cwd: work.dir },
    );
    expect(exported.code).toBe(0);
    const verified = await runCli(["verify", "from-ssh.json", "--allowed-signers", "ssh_signers"], { cwd: work.dir });
    expect(verified.code).toBe(0);
  });

  it("refuses an RSA key with exit 2 and a message naming the file", async () => {
    sshKeygen("-q", "-t", "rsa", "-b", "1024", "-N", "", "-f", "id_rsa");
    const r = await runCli(["keygen", "--from-ssh-key", "id_rsa.pub", "--principal", "a@school.example"], { cwd: work.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/id_rsa\.pub:1:1 is a ssh-rsa key: summaries are signed with Ed25519 keys only/);
    expect(r.stdout).toBe("");
  });
});

describe("export bad input: exit 2, nothing written", () => {
  it.each([
    [
      "no key",
      ["run", "--answers", "answers.json", "--name", "Sam", "--export", "x.json"],
      {},
      /--export needs a signing key: --key FILE or SELFCHECK_KEY/,
    ],
    [
      "no name in a scripted run",
      ["run", "--answers", "answers.json", "--export", "x.json", "--key", "trainer.key"],
      {},
      /--export needs --name in a scripted run/,
    ],
    [
      "an existing file without --force",
      [
        "run",
        "--answers",
        "answers.json",
        "--name",
        "Sam",
        "--export",
        "sam.json",
        "--key",
        "trainer.key",
      ],
      {},
      /sam\.json already exists \(use --force to replace it\)/,
    ],
    [
      "a folder that does not exist",
      [
        "run",
        "--answers",
        "answers.json",
        "--name",
        "Sam",
        "--export",
        "nowhere/x.json",
        "--key",
        "trainer.key",
      ],
      {},
      /folder nowhere does not exist/,
    ],
    [
      "an encrypted key and no passphrase",
      [
        "run",
        "--answers",
        "answers.json",
        "--name",
        "Sam",
        "--export",
        "x.json",
        "--key",
        "locked.key",
      ],
      {},
      /the key is protected by a passphrase \(set SELFCHECK_KEY_PASSPHRASE/,
    ],
    [
      "a wrong passphrase",
      [
        "run",
        "--answers",
        "answers.json",
        "--name",
        "Sam",
        "--export",
        "x.json",
        "--key",
        "locked.key",
      ],
      { SELFCHECK_KEY_PASSPHRASE: "nope" },
      /incorrect passphrase/,
    ],
    [
      "a control character in the name",
      [
        "run",
        "--answers",
        "answers.json",
        "--name",
        "Sam\u0007",
        "--export",
        "x.json",
        "--key",
        "trainer.key",
      ],
      {},
      /--name must not contain control or bidirectional-control characters \(found \\x07\)/,
    ],
    [
      "a bad staff id",
      [
        "run",
        "--answers",
        "answers.json",
        "--name",
        "Sam",
        "--staff-id",
        "T 1",
        "--export",
        "x.json",
        "--key",
        "trainer.key",
      ],
      {},
      /--staff-id must be letters, digits/,
    ],
    [
      "--key without --export",
      ["run", "--answers", "answers.json", "--key", "trainer.key"],
      {},
      /--key only makes sense with --export/,
    ],
  ])("%s", async (_name, args, env, message) => {
    const before = (await readdir(work.dir)).sort();
    const samBefore = await readFile(at("sam.json"), "utf8");
    const result = await runCli(args, { cwd: work.dir, env });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect((await readdir(work.dir)).sort()).toEqual(before);
    expect(await readFile(at("sam.json"), "utf8")).toBe(samBefore);
  });

  it("a private key readable by others is refused, as ssh does", async () => {
    await runCli(["keygen", "-f", "open.key", "--principal", P, "--no-passphrase"], {
      cwd: work.dir,
    });
    await chmod(at("open.key"), 0o644);
    const result = await exportSummary("open.json", "open.key");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/permissions 0644 for private key open\.key are too open/);
  });

  it("--force replaces an existing summary", async () => {
    const result = await exportSummary("sam.json", "trainer.key", [
      "--force",
      "--session",
      "Resit",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(await readFile(at("sam.json"), "utf8")).summary.session).toBe("Resit");
    expect((await readdir(work.dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
