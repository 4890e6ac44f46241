import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowedSigners } from "../../src/summary/allowed-signers.js";
import { tempDir } from "../helpers/bank-fixture.js";
import { sshKeygen } from "../helpers/openssh.js";

/**
 * allowed_signers parsed as OpenSSH parses it, checked against the real `ssh-keygen -Y verify`
 * on this machine (OpenSSH 9.2 when written): each line is given to both, and both must accept it
 * or both refuse it. The one difference is named in its case.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let pub: string;
beforeAll(async () => {
  work = await tempDir();
  expect(sshKeygen(["-q", "-t", "ed25519", "-N", "", "-C", "t@x", "-f", "k"], { cwd: work.dir }).status).toBe(0);
  await writeFile(path.join(work.dir, "m"), "hello\n");
  expect(sshKeygen(["-Y", "sign", "-f", "k", "-n", "ns", "m"], { cwd: work.dir }).status).toBe(0);
  pub = (await readFile(path.join(work.dir, "k.pub"), "utf8")).split(" ").slice(0, 2).join(" ");
});
afterAll(() => work.cleanup());

/** ssh-keygen's verdict on a signature by the key, under this one allowed_signers line. */
async function sshKeygenAccepts(line: string): Promise<{ ok: boolean; stderr: string }> {
  await writeFile(path.join(work.dir, "as"), `${line}\n`);
  const r = sshKeygen(["-Y", "verify", "-f", "as", "-I", "t@x", "-n", "ns", "-s", "m.sig"], { cwd: work.dir, input: "hello\n" });
  return { ok: r.status === 0, stderr: r.stderr };
}

/** Ours: the line parses, and it allows the key in namespace "ns" now. */
function weAccept(line: string): { ok: boolean; message: string } {
  const { signers, diagnostics } = parseAllowedSigners(`${line}\n`, "as");
  const s = signers[0];
  const now = Date.now();
  const ok =
    diagnostics.length === 0 &&
    s !== undefined &&
    (s.namespaces === undefined || s.namespaces.includes("ns")) &&
    (s.validBefore === undefined || now < s.validBefore.getTime()) &&
    (s.validAfter === undefined || s.validAfter.getTime() <= now);
  return { ok, message: diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`).join("; ") };
}

describe("allowed_signers: we accept exactly what ssh-keygen -Y verify accepts", () => {
  const cases: [string, (pub: string) => string, boolean, RegExp?][] = [
    ["a plain line", (p) => `t@x ${p}`, true],
    ["two valid-before options (ssh-keygen: multiple clauses)", (p) => `t@x valid-before="20300101",valid-before="20310101" ${p}`, false, /as:1:29 valid-before appears twice/],
    ["two valid-after options", (p) => `t@x valid-after="20200101",valid-after="20210101" ${p}`, false, /valid-after appears twice/],
    ["two namespaces options", (p) => `t@x namespaces="ns",namespaces="ns" ${p}`, false, /namespaces appears twice/],
    ["an unquoted namespaces value (ssh-keygen: missing start quote)", (p) => `t@x namespaces=ns ${p}`, false, /as:1:5 option namespaces needs a value in double quotes/],
    ["an unquoted valid-before value", (p) => `t@x valid-before=20300101 ${p}`, false, /needs a value in double quotes/],
    ["options split by a space (ssh-keygen: invalid key)", (p) => `t@x valid-before="20300101" valid-after="20200101" ${p}`, false, /as:1:29 expected the key type here/],
    ["an unknown option", (p) => `t@x foo ${p}`, false, /unknown option "foo"/],
    ["option names in capitals", (p) => `t@x VALID-BEFORE="20300101" ${p}`, true],
    ["quoted principals and a comment", (p) => `"t@x,y@z" namespaces="ns" ${p} laptop`, true],
    ["an hour of 24", (p) => `t@x valid-before="20300101240000" ${p}`, false, /is not a time/],
    ["ten digits", (p) => `t@x valid-before="2030010112" ${p}`, false, /is not a time/],
    ["an ISO date", (p) => `t@x valid-before="2030-01-01" ${p}`, false, /is not a time/],
    ["an expired key", (p) => `t@x valid-before="20200101Z" ${p}`, false],
    ["namespaces=\"\" (valid line, no namespace allowed)", (p) => `t@x namespaces="" ${p}`, false],
  ];

  it.each(cases)("%s", async (_what, make, accepted, message) => {
    const line = make(pub);
    const theirs = await sshKeygenAccepts(line);
    const ours = weAccept(line);
    expect(theirs.ok, theirs.stderr).toBe(accepted);
    expect(ours.ok, ours.message).toBe(accepted);
    if (message) expect(ours.message).toMatch(message);
  });

  it("30 February: ssh-keygen accepts it (mktime rolls over to 2 March); we refuse it (strict dates)", async () => {
    const line = `t@x valid-before="20300230" ${pub}`;
    expect((await sshKeygenAccepts(line)).ok).toBe(true);
    expect(weAccept(line)).toEqual({ ok: false, message: expect.stringMatching(/valid-before="20300230" is not a time/) as unknown as string });
  });
});
