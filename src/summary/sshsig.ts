import { createHash, sign, verify } from "node:crypto";
import {
  type Ed25519Key,
  KEY_TYPE,
  KeyError,
  parsePublicKeyBlob,
  privateKeyObject,
  publicKeyBlob,
  publicKeyObject,
} from "./openssh-key.js";
import { WireError, WireReader, WireWriter } from "./ssh-wire.js";

/**
 * OpenSSH's SSHSIG signature format (PROTOCOL.sshsig), as made by `ssh-keygen -Y sign` and
 * checked by `ssh-keygen -Y verify`: an Ed25519 signature over the namespace and a SHA-512
 * hash of the message, armored in "SSH SIGNATURE" lines.
 */
const MAGIC = "SSHSIG";
const VERSION = 1;
const BEGIN = "-----BEGIN SSH SIGNATURE-----";
const END = "-----END SSH SIGNATURE-----";
const HASHES = new Set(["sha512", "sha256"]);

export interface ParsedSignature {
  publicKey: Buffer;
  namespace: string;
  hashAlgorithm: string;
  signature: Buffer;
}

export class SignatureFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignatureFormatError";
  }
}

/** The hash of the message that SSHSIG signs in its place (`sha512` or `sha256`). */
export function messageDigest(hashAlgorithm: string, message: Uint8Array): Buffer {
  return createHash(hashAlgorithm).update(message).digest();
}

function signedData(namespace: string, hashAlgorithm: string, message: Uint8Array): Buffer {
  return signedDataOfDigest(namespace, hashAlgorithm, messageDigest(hashAlgorithm, message));
}

/** What the signed data starts with, by namespace and hash: one per summary format, made once. */
const signedDataHeads = new Map<string, Buffer>();

function signedDataOfDigest(namespace: string, hashAlgorithm: string, digest: Uint8Array): Buffer {
  const id = `${hashAlgorithm} ${namespace}`;
  let head = signedDataHeads.get(id);
  if (head === undefined) {
    head = new WireWriter().raw(MAGIC).string(namespace).string("").string(hashAlgorithm).toBuffer();
    // Bounded: namespaces come from the files, and a folder of odd ones must not grow this.
    if (signedDataHeads.size < 100) signedDataHeads.set(id, head);
  }
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(digest.length);
  return Buffer.concat([head, length, digest]);
}

/** Signs `message` and returns the armored signature (no trailing newline). */
export function signMessage(key: Ed25519Key, namespace: string, message: Uint8Array): string {
  const data = signedData(namespace, "sha512", message);
  const raw = sign(null, data, privateKeyObject(key));
  const blob = new WireWriter()
    .raw(MAGIC)
    .uint32(VERSION)
    .string(publicKeyBlob(key.publicKey))
    .string(namespace)
    .string("")
    .string("sha512")
    .string(new WireWriter().string(KEY_TYPE).string(raw).toBuffer())
    .toBuffer();
  const lines = blob.toString("base64").match(/.{1,70}/g) ?? [];
  return [BEGIN, ...lines, END].join("\n");
}

/**
 * Parses an armored signature strictly: exact armor lines, canonical base64 (nothing after the
 * padding), the SSHSIG magic and version, an ssh-ed25519 key and signature, no trailing bytes.
 */
export function parseSignature(armored: string): ParsedSignature {
  const lines = armored.replace(/\r\n/g, "\n").replace(/\n+$/, "").split("\n");
  if (lines[0] !== BEGIN || lines[lines.length - 1] !== END || lines.length < 3) {
    throw new SignatureFormatError("signature armor is missing or truncated");
  }
  const base64 = lines.slice(1, -1).join("");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    throw new SignatureFormatError("signature is not valid base64");
  }
  const blob = Buffer.from(base64, "base64");
  // Buffer.from ignores junk; re-encoding must give back exactly what was written.
  if (blob.toString("base64") !== base64)
    throw new SignatureFormatError("signature is not canonical base64");
  try {
    const r = new WireReader(blob);
    if (r.raw(MAGIC.length).toString("latin1") !== MAGIC)
      throw new SignatureFormatError("not an SSHSIG signature");
    const version = r.uint32();
    if (version !== VERSION)
      throw new SignatureFormatError(`unsupported SSHSIG version ${version}`);
    const publicKey = parsePublicKeyBlob(r.string());
    const namespace = r.text();
    r.string(); // reserved
    const hashAlgorithm = r.text();
    if (!HASHES.has(hashAlgorithm))
      throw new SignatureFormatError(`unsupported hash algorithm ${hashAlgorithm}`);
    const sig = new WireReader(r.string());
    r.end();
    if (sig.text() !== KEY_TYPE) throw new SignatureFormatError("signature is not ssh-ed25519");
    const signature = sig.string();
    sig.end();
    if (signature.length !== 64) throw new SignatureFormatError("an Ed25519 signature is 64 bytes");
    return { publicKey, namespace, hashAlgorithm, signature };
  } catch (error) {
    if (error instanceof WireError || error instanceof KeyError) {
      throw new SignatureFormatError(`malformed signature (${error.message})`);
    }
    throw error;
  }
}

/** Checks the signature itself (not who made it: that is the allowed-signers check). */
export function verifyMessage(parsed: ParsedSignature, message: Uint8Array): boolean {
  return verifyDigest(parsed, messageDigest(parsed.hashAlgorithm, message));
}

/** verifyMessage for a caller that has the message's digest (`messageDigest`) already. */
export function verifyDigest(parsed: ParsedSignature, digest: Uint8Array): boolean {
  const data = signedDataOfDigest(parsed.namespace, parsed.hashAlgorithm, digest);
  return verify(null, data, publicKeyObject(parsed.publicKey), parsed.signature);
}
