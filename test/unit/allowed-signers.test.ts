import { describe, expect, it } from "vitest";
import {
  parseAllowedSigners,

  principalMatches,
} from "../../src/summary/allowed-signers.js";
import { parseSshTime } from "../../src/util/dates.js";
import { formatPublicKey, generateKey } from "../../src/summary/openssh-key.js";

const key = generateKey("x");
const pub = formatPublicKey(key.publicKey);

describe("parseAllowedSigners", () => {
  it("reads principals, options, keys; skips comments, blank lines and other key types", () => {
    const text = [
      "# trainers",
      "",
      `trainer@school.example ${pub} Trainer's laptop`,
      `"a@x.example,b@x.example" namespaces="selfcheck-summary-v1,file",valid-after="20260101",valid-before="20271231235959Z" ${pub}`,
      `hr@x.example cert-authority ${pub}`,
      "legacy@x.example ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ",
    ].join("\n");
    const { signers, diagnostics } = parseAllowedSigners(text, "allowed_signers");
    expect(diagnostics).toEqual([]);
    expect(signers).toHaveLength(4);
    expect(signers[0]).toMatchObject({
      line: 3,
      principals: ["trainer@school.example"],
      certAuthority: false,
    });
    expect(signers[0]?.publicKey?.equals(key.publicKey)).toBe(true);
    expect(signers[1]).toMatchObject({
      principals: ["a@x.example", "b@x.example"],
      namespaces: ["selfcheck-summary-v1", "file"],
      validAfter: new Date(2026, 0, 1),
      validBefore: new Date("2027-12-31T23:59:59Z"),
    });
    expect(signers[2]?.certAuthority).toBe(true);
    expect(signers[3]?.publicKey).toBeNull();
  });

  it.each([
    [`p namespace="x" ${pub}`, 3, /unknown option "namespace"/],
    [`p valid-afterr="20260101" ${pub}`, 3, /unknown option "valid-afterr"/],
    [`p valid-after="2026-01-01" ${pub}`, 3, /not a time/],
    [`p namespaces= ${pub}`, 3, /needs a value in double quotes/],
    ["p ssh-ed25519 not*base64", 15, /not valid base64/],
    ["p ssh-ed25519", 3, /key type without a key/],
    ["p just-text", 1, /no key type/],
    [`"p ${pub}`, 1, /unterminated quote/],
    [`p ssh-ed25519 ${Buffer.from("short").toString("base64")}`, 15, /./],
  ])("reports %s at its line and column", (line, col, message) => {
    const { diagnostics } = parseAllowedSigners(`# header\n${line}\n`, "signers");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: "signers", line: 2, col, severity: "error" });
    expect(diagnostics[0]?.message).toMatch(message);
  });
});

describe("principalMatches", () => {
  it.each([
    [["sam@x"], "sam@x", true],
    [["sam@x"], "sam@y", false],
    [["*@x"], "sam@x", true],
    [["s?m@x"], "sam@x", true],
    [["*@x", "!boss@x"], "boss@x", false],
    [["*@x", "!boss@x"], "sam@x", true],
    [["a.b@x"], "aXb@x", false],
  ])("%j matches %s: %s", (patterns, principal, expected) => {
    expect(principalMatches(patterns, principal)).toBe(expected);
  });
});

describe("parseSshTime (util/dates.ts): OpenSSH's forms, strictly", () => {
  it.each([
    ["20261124Z", "2026-11-24T00:00:00.000Z"],
    ["202611241030Z", "2026-11-24T10:30:00.000Z"],
    ["20261124103045Z", "2026-11-24T10:30:45.000Z"],
  ])("%s", (text, iso) => expect(parseSshTime(text)?.toISOString()).toBe(iso));
  it("without Z it is local time, as ssh-keygen reads it (mktime)", () => {
    expect(parseSshTime("202611241030")?.getTime()).toBe(new Date(2026, 10, 24, 10, 30).getTime());
  });
  // ssh-keygen 9.2 accepts 20260230 (mktime rolls it over to 2 March); we refuse it.
  it.each(["2026112", "20261340", "20260230", "2026112410", "20261124240000", "20261124236000", "20261124 ", "2026-11-24", "yesterday"])(
    "refuses %s",
    (text) => expect(parseSshTime(text)).toBeUndefined(),
  );
});
