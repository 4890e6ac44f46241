import { describe, expect, it } from "vitest";
import {
  decodePrivateKey,
  encodePrivateKey,
  fingerprint,
  generateKey,
  isEncrypted,
  KeyError,
} from "../../src/summary/openssh-key.js";
import { parseSignature, signMessage, verifyMessage } from "../../src/summary/sshsig.js";

describe("OpenSSH private keys", () => {
  const key = generateKey("sam@school.example");

  it("round-trips unencrypted", () => {
    const text = encodePrivateKey(key);
    expect(text).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(isEncrypted(text)).toBe(false);
    const back = decodePrivateKey(text);
    expect(back.seed.equals(key.seed)).toBe(true);
    expect(back.comment).toBe("sam@school.example");
  });

  it("round-trips with a passphrase, and refuses a wrong or missing one", () => {
    const text = encodePrivateKey(key, "correct horse");
    expect(isEncrypted(text)).toBe(true);
    expect(decodePrivateKey(text, "correct horse").publicKey.equals(key.publicKey)).toBe(true);
    expect(() => decodePrivateKey(text, "wrong")).toThrow(
      expect.objectContaining({ problem: "wrong-passphrase" }),
    );
    expect(() => decodePrivateKey(text)).toThrow(
      expect.objectContaining({ problem: "passphrase-required" }),
    );
  });

  it.each([
    ["not a key at all", "hello"],
    ["a PEM key of another kind", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"],
    [
      "a truncated key",
      encodePrivateKey(generateKey("x")).replace(/\n[A-Za-z0-9+/=]+\n-----END/, "\n-----END"),
    ],
  ])("refuses %s", (_name, text) => {
    expect(() => decodePrivateKey(text)).toThrow(KeyError);
  });

  it("fingerprints like ssh-keygen -l (SHA256, base64 without padding)", () => {
    expect(fingerprint(key.publicKey)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

describe("SSHSIG", () => {
  const key = generateKey("k");
  const message = Buffer.from('{"a":1}\n');

  it("signs and verifies; any change to the message fails", () => {
    const parsed = parseSignature(signMessage(key, "selfcheck-summary-v1", message));
    expect(parsed.namespace).toBe("selfcheck-summary-v1");
    expect(parsed.hashAlgorithm).toBe("sha512");
    expect(verifyMessage(parsed, message)).toBe(true);
    expect(verifyMessage(parsed, Buffer.from('{"a":2}\n'))).toBe(false);
  });

  it("wraps the armor at 70 columns like ssh-keygen", () => {
    const lines = signMessage(key, "n", message).split("\n");
    expect(lines[0]).toBe("-----BEGIN SSH SIGNATURE-----");
    expect(lines.at(-1)).toBe("-----END SSH SIGNATURE-----");
    for (const line of lines.slice(1, -2)) expect(line).toHaveLength(70);
  });

  it.each([
    ["no armor", (s: string) => s.split("\n").slice(1, -1).join("\n")],
    ["a missing end line", (s: string) => s.split("\n").slice(0, -1).join("\n")],
    ["junk inside the base64", (s: string) => s.replace(/\n([A-Za-z0-9+/]{10})/, "\n$1!")],
    ["bytes appended after the padding", (s: string) => s.replace("\n-----END", "AAAA\n-----END")],
  ])("refuses %s", (_name, mangle) => {
    expect(() => parseSignature(mangle(signMessage(key, "n", message)))).toThrow();
  });
});
