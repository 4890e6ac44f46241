import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import bcryptPbkdf from "bcrypt-pbkdf";
import { WireError, WireReader, WireWriter } from "./ssh-wire.js";

/**
 * Ed25519 keys in OpenSSH's own formats, with node:crypto doing the cryptography: the private
 * key file ("openssh-key-v1", optionally encrypted with bcrypt-pbkdf + aes256-ctr, as
 * `ssh-keygen -t ed25519` writes it), public key lines and SHA256 fingerprints.
 */
export interface Ed25519Key {
  seed: Buffer;
  publicKey: Buffer;
  comment: string;
}

export const KEY_TYPE = "ssh-ed25519";
const MAGIC = "openssh-key-v1\0";
const BCRYPT_ROUNDS = 16;

export type KeyProblem = "malformed" | "unsupported" | "passphrase-required" | "wrong-passphrase";

export class KeyError extends Error {
  constructor(
    readonly problem: KeyProblem,
    message: string,
  ) {
    super(message);
    this.name = "KeyError";
  }
}

export function generateKey(comment: string): Ed25519Key {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  return {
    seed: Buffer.from(jwk.d ?? "", "base64url"),
    publicKey: Buffer.from(jwk.x ?? "", "base64url"),
    comment,
  };
}

export function privateKeyObject(key: Ed25519Key): KeyObject {
  return createPrivateKey({
    key: {
      kty: "OKP",
      crv: "Ed25519",
      d: key.seed.toString("base64url"),
      x: key.publicKey.toString("base64url"),
    },
    format: "jwk",
  });
}

/** Key objects by key: verifying 10,000 summaries signed by one trainer builds it once. */
const publicKeyObjects = new Map<string, KeyObject>();

export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey).toString("base64url");
  let key = publicKeyObjects.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
    if (publicKeyObjects.size < 10_000) publicKeyObjects.set(x, key);
  }
  return key;
}

/** The SSH wire blob of a public key: string "ssh-ed25519", string key. */
export function publicKeyBlob(publicKey: Uint8Array): Buffer {
  return new WireWriter().string(KEY_TYPE).string(publicKey).toBuffer();
}

/** Reads an ssh-ed25519 public key blob; anything else is refused. */
export function parsePublicKeyBlob(blob: Uint8Array): Buffer {
  const r = new WireReader(blob);
  const type = r.text();
  if (type !== KEY_TYPE)
    throw new KeyError("unsupported", `key type ${type} is not supported (only ${KEY_TYPE})`);
  const key = r.string();
  r.end();
  if (key.length !== 32) throw new KeyError("malformed", "an ssh-ed25519 key is 32 bytes");
  return key;
}

/** `ssh-ed25519 AAAA… comment`, as in a .pub file or an allowed_signers line. */
export function formatPublicKey(publicKey: Uint8Array, comment = ""): string {
  const line = `${KEY_TYPE} ${publicKeyBlob(publicKey).toString("base64")}`;
  return comment === "" ? line : `${line} ${comment}`;
}

/** `SHA256:…`, as `ssh-keygen -l` prints it. */
export function fingerprint(publicKey: Uint8Array): string {
  const digest = createHash("sha256").update(publicKeyBlob(publicKey)).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

/** Writes the private key file; with a passphrase, encrypted as ssh-keygen does it. */
export function encodePrivateKey(key: Ed25519Key, passphrase?: string): string {
  const encrypted = passphrase !== undefined && passphrase !== "";
  const blockSize = encrypted ? 16 : 8;
  const check = randomBytes(4).readUInt32BE();
  const secret = new WireWriter()
    .uint32(check)
    .uint32(check)
    .string(KEY_TYPE)
    .string(key.publicKey)
    .string(Buffer.concat([key.seed, key.publicKey]))
    .string(key.comment);
  let plain = secret.toBuffer();
  const padding = (blockSize - (plain.length % blockSize)) % blockSize;
  plain = Buffer.concat([plain, Buffer.from(Array.from({ length: padding }, (_, i) => i + 1))]);

  let cipherName = "none";
  let kdfName = "none";
  let kdfOptions: Uint8Array = Buffer.alloc(0);
  let body: Uint8Array = plain;
  if (encrypted) {
    const salt = randomBytes(16);
    const { cipherKey, iv } = deriveKey(passphrase, salt, BCRYPT_ROUNDS);
    const cipher = createCipheriv("aes-256-ctr", cipherKey, iv);
    body = Buffer.concat([cipher.update(plain), cipher.final()]);
    cipherName = "aes256-ctr";
    kdfName = "bcrypt";
    kdfOptions = new WireWriter().string(salt).uint32(BCRYPT_ROUNDS).toBuffer();
  }
  const blob = new WireWriter()
    .raw(MAGIC)
    .string(cipherName)
    .string(kdfName)
    .string(kdfOptions)
    .uint32(1)
    .string(publicKeyBlob(key.publicKey))
    .string(body)
    .toBuffer();
  const base64 = blob.toString("base64").replace(/.{1,70}/g, "$&\n");
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${base64}-----END OPENSSH PRIVATE KEY-----\n`;
}

/** True when the key file needs a passphrase; false for an unencrypted key. Throws if malformed. */
export function isEncrypted(text: string): boolean {
  try {
    const r = new WireReader(unarmor(text));
    if (r.raw(MAGIC.length).toString("latin1") !== MAGIC)
      throw new KeyError("malformed", "not an OpenSSH private key");
    return r.text() !== "none";
  } catch (error) {
    throw asKeyError(error);
  }
}

/** A truncated or garbled key is a malformed key, whichever byte the reader stopped at. */
function asKeyError(error: unknown): unknown {
  return error instanceof WireError ? new KeyError("malformed", `malformed OpenSSH private key (${error.message})`) : error;
}

/** Reads an OpenSSH private key file. Wrong passphrases and unsupported formats are KeyErrors. */
export function decodePrivateKey(text: string, passphrase?: string): Ed25519Key {
  try {
    const r = new WireReader(unarmor(text));
    if (r.raw(MAGIC.length).toString("latin1") !== MAGIC) {
      throw new KeyError("malformed", "not an OpenSSH private key");
    }
    const cipherName = r.text();
    const kdfName = r.text();
    const kdfOptions = r.string();
    if (r.uint32() !== 1)
      throw new KeyError("unsupported", "files with several keys are not supported");
    const publicKey = parsePublicKeyBlob(r.string());
    let body: Uint8Array = r.string();
    r.end();

    if (cipherName !== "none") {
      if (cipherName !== "aes256-ctr" || kdfName !== "bcrypt") {
        throw new KeyError(
          "unsupported",
          `key encryption ${cipherName}/${kdfName} is not supported (aes256-ctr/bcrypt is)`,
        );
      }
      if (passphrase === undefined || passphrase === "") {
        throw new KeyError("passphrase-required", "the key is protected by a passphrase");
      }
      const options = new WireReader(kdfOptions);
      const salt = options.string();
      const rounds = options.uint32();
      options.end();
      if (rounds < 1 || rounds > 1000)
        throw new KeyError("unsupported", `bcrypt rounds ${rounds} out of range`);
      const { cipherKey, iv } = deriveKey(passphrase, salt, rounds);
      const decipher = createDecipheriv("aes-256-ctr", cipherKey, iv);
      body = Buffer.concat([decipher.update(body), decipher.final()]);
    } else if (kdfName !== "none") {
      throw new KeyError("malformed", "unencrypted key with a key derivation function");
    }

    const s = new WireReader(body);
    const check1 = s.uint32();
    const check2 = s.uint32();
    if (check1 !== check2) {
      throw cipherName === "none"
        ? new KeyError("malformed", "the key's check bytes do not match")
        : new KeyError("wrong-passphrase", "incorrect passphrase");
    }
    if (s.text() !== KEY_TYPE)
      throw new KeyError("unsupported", `only ${KEY_TYPE} keys are supported`);
    const pub = s.string();
    const secret = s.string();
    const comment = s.text();
    if (
      pub.length !== 32 ||
      secret.length !== 64 ||
      !pub.equals(publicKey) ||
      !secret.subarray(32).equals(pub)
    ) {
      throw new KeyError("malformed", "the key's public and private parts do not match");
    }
    const padding = s.raw(s.remaining());
    if (!padding.every((b, i) => b === i + 1))
      throw new KeyError("malformed", "bad padding in the key");
    return { seed: secret.subarray(0, 32), publicKey: pub, comment };
  } catch (error) {
    throw asKeyError(error);
  }
}

function unarmor(text: string): Buffer {
  const m =
    /^-----BEGIN OPENSSH PRIVATE KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END OPENSSH PRIVATE KEY-----\s*$/.exec(
      `${text.trim()}\n`,
    );
  if (!m?.[1])
    throw new KeyError(
      "malformed",
      "not an OpenSSH private key (expected BEGIN OPENSSH PRIVATE KEY)",
    );
  return Buffer.from(m[1].replace(/\s+/g, ""), "base64");
}

function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  rounds: number,
): { cipherKey: Buffer; iv: Buffer } {
  const pass = Buffer.from(passphrase, "utf8");
  const out = Buffer.alloc(48);
  bcryptPbkdf.pbkdf(pass, pass.length, salt, salt.length, out, out.length, rounds);
  return { cipherKey: out.subarray(0, 32), iv: out.subarray(32) };
}
