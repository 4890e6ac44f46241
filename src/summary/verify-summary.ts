import { type AllowedSigner, principalMatches } from "./allowed-signers.js";
import { escapeControl } from "../util/escape.js";
import { signedBytes, signedBytesOf } from "./canonical-json.js";
import { fingerprint } from "./openssh-key.js";
import { messageDigest, parseSignature, SignatureFormatError, verifyDigest } from "./sshsig.js";
import { parseVouched } from "../util/strict-json.js";
import { canonicalSummaryText, summaryFileKeys } from "./summary-check.js";
import { type CurrentSummary, NAMESPACE, readSummary, type Summary, type SummaryFormat1, summaryInconsistency } from "./summary.js";

/** Clock skew tolerated between the machine that signed and the one that verifies. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const MAX_SUMMARY_BYTES = 256 * 1024;

/**
 * `malformed`: the file is not a summary we can read (exit 2). `rejected`: it is a summary, but
 * it must not be trusted (exit 1). `verified`: signed by a key allowed_signers lists for the
 * summary's signer principal, within that key's validity, and not expired.
 */
export type VerifyStatus = "verified" | "rejected" | "malformed";

export type VerifyCode =
  | "verified"
  | "too-large"
  | "bom"
  | "encoding"
  | "empty"
  | "not-json"
  | "structure"
  | "signature-malformed"
  | "wrong-namespace"
  | "signature-invalid"
  | "inconsistent"
  | "untrusted-key"
  | "principal-not-allowed"
  | "namespace-not-allowed"
  | "key-not-yet-valid"
  | "key-expired"
  | "may-not-attest"
  | "expired"
  | "finished-in-future"
  | "unknown-bank";

export interface VerifyOutcome {
  status: VerifyStatus;
  code: VerifyCode;
  /** Human-readable reason, with line:col where the file itself is at fault. */
  reason: string;
  line?: number;
  col?: number;
  /**
   * Present once the file parsed as a summary (even when rejected), for reporting; a format-1
   * file is read as format 2 sees it (readSummary), so no reader sees a public-test answer.
   */
  summary?: Summary;
  keyFingerprint?: string;
  /**
   * For a verified summary: the SHA-512 of the signed bytes, base64. Two files with one id hold
   * the same signed content (copies, however they are laid out), so `report` counts them as one
   * attempt.
   */
  contentId?: string;
}

export interface VerifyOptions {
  signers: readonly AllowedSigner[];
  /** The moment to judge expiry and key validity at. */
  at: Date;
  /** When given, a summary's bank hash must be one of these. */
  bankHashes?: ReadonlySet<string>;
  /** Reports keep expired summaries (to list them as expired); verify refuses them. */
  allowExpired?: boolean;
  /**
   * Principals that may attest for anyone (`--trainer`), as allowed_signers patterns
   * (`*@school.example`, `!pupil*`). Everyone else may attest only for themselves.
   */
  trainers?: readonly string[];
}

/**
 * allowed_signers lines by key, built once per signers list: checking 10,000 summaries against
 * 1,000 keys stays linear.
 */
const signerIndexes = new WeakMap<readonly AllowedSigner[], Map<string, AllowedSigner[]>>();

function signersForKey(signers: readonly AllowedSigner[], publicKey: Buffer): AllowedSigner[] {
  let index = signerIndexes.get(signers);
  if (!index) {
    index = new Map();
    for (const s of signers) {
      if (s.certAuthority || s.publicKey === null) continue;
      const key = s.publicKey.toString("base64");
      index.set(key, [...(index.get(key) ?? []), s]);
    }
    signerIndexes.set(signers, index);
  }
  return index.get(publicKey.toString("base64")) ?? [];
}

/** One decoder for every file; `fatal` makes invalid UTF-8 an error instead of U+FFFD. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Fingerprints by key: 10,000 summaries signed by one trainer hash it once. */
const fingerprints = new Map<string, string>();

function fingerprintOf(publicKey: Buffer): string {
  const id = publicKey.toString("base64");
  let print = fingerprints.get(id);
  if (print === undefined) {
    print = fingerprint(publicKey);
    if (fingerprints.size < 10_000) fingerprints.set(id, print);
  }
  return print;
}

/**
 * Verifies a summary file's bytes. A file the quick check refuses is read by `readFully`; without
 * it, the answer for such a file is undefined (a worker thread leaves it to the main thread, which
 * loads zod for it). Every file the quick check accepts gets the same outcome either way.
 */
export function verifySummaryBytes(bytes: Uint8Array, options: VerifyOptions, readFully: ReadFully): VerifyOutcome;
export function verifySummaryBytes(bytes: Uint8Array, options: VerifyOptions, readFully?: ReadFully): VerifyOutcome | undefined;
export function verifySummaryBytes(bytes: Uint8Array, options: VerifyOptions, readFully?: ReadFully): VerifyOutcome | undefined {
  if (bytes.byteLength > MAX_SUMMARY_BYTES)
    return malformed("too-large", `file is over the ${MAX_SUMMARY_BYTES}-byte limit for a summary`);
  if (bytes.byteLength === 0) return malformed("empty", "file is empty");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return malformed("bom", "file starts with a byte-order mark; a summary is plain UTF-8 JSON", {
      line: 1,
      col: 1,
    });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return malformed("encoding", "file is not valid UTF-8");
  }
  if (text.trim() === "") return malformed("empty", "file is empty");

  // Nearly every file is a well-formed summary: the quick check says so (summary-check.ts) and
  // zod runs only on the rest, to say what is wrong. Either way the same files get through.
  const vouched = parseVouched(text, summaryFileKeys) as { value: SummaryFile } | undefined;
  if (vouched === undefined && readFully === undefined) return undefined;
  const file = vouched?.value ?? (readFully as ReadFully)(text);
  if ("status" in file) return file;
  const signed = file.summary;
  const summary = readSummary(signed);
  const rejected = (
    code: VerifyCode,
    reason: string,
    extra: Partial<VerifyOutcome> = {},
  ): VerifyOutcome => ({
    status: "rejected",
    code,
    reason: escapeControl(reason),
    summary,
    ...extra,
  });

  let signature: ReturnType<typeof parseSignature>;
  try {
    signature = parseSignature(file.signature.sshsig);
  } catch (error) {
    if (error instanceof SignatureFormatError)
      return rejected("signature-malformed", error.message);
    throw error;
  }
  const keyFingerprint = fingerprintOf(signature.publicKey);
  if (signature.namespace !== NAMESPACE || file.signature.namespace !== NAMESPACE) {
    return rejected(
      "wrong-namespace",
      `signature is for namespace "${signature.namespace}", not "${NAMESPACE}"`,
      { keyFingerprint },
    );
  }
  // The signature covers the canonical bytes, so whitespace and key order in the file do not matter.
  const message = vouched ? signedBytesOf(canonicalSummaryText(vouched.value.summary as CurrentSummary)) : signedBytes(signed);
  const digest = messageDigest(signature.hashAlgorithm, message);
  if (!verifyDigest(signature, digest)) {
    return rejected(
      "signature-invalid",
      "signature does not match the summary (the file was changed after signing)",
      { keyFingerprint },
    );
  }

  // Signed by someone, but nonsense: a trusted key may still have signed a broken file.
  const inconsistent = summaryInconsistency(summary);
  if (inconsistent !== undefined) {
    return rejected("inconsistent", `summary is inconsistent: ${inconsistent}`, { keyFingerprint });
  }

  const principal = summary.signer.principal;
  const sameKey = signersForKey(options.signers, signature.publicKey);
  if (sameKey.length === 0) {
    return rejected("untrusted-key", `key ${keyFingerprint} is not in allowed signers`, {
      keyFingerprint,
    });
  }
  const forPrincipal = sameKey.filter((s) => principalMatches(s.principals, principal));
  if (forPrincipal.length === 0) {
    return rejected(
      "principal-not-allowed",
      `key ${keyFingerprint} is not listed for principal "${principal}" in allowed signers`,
      { keyFingerprint },
    );
  }
  const inNamespace = forPrincipal.filter(
    (s) => s.namespaces === undefined || s.namespaces.includes(NAMESPACE),
  );
  if (inNamespace.length === 0) {
    return rejected(
      "namespace-not-allowed",
      `allowed signers limits key ${keyFingerprint} to other namespaces`,
      { keyFingerprint },
    );
  }
  const at = options.at.getTime();
  const current = inNamespace.filter(
    (s) =>
      (s.validAfter === undefined || s.validAfter.getTime() <= at) &&
      (s.validBefore === undefined || at < s.validBefore.getTime()),
  );
  if (current.length === 0) {
    const early = inNamespace.every(
      (s) => s.validAfter !== undefined && at < s.validAfter.getTime(),
    );
    return early
      ? rejected(
          "key-not-yet-valid",
          `key ${keyFingerprint} is not valid yet (valid-after in allowed signers)`,
          { keyFingerprint },
        )
      : rejected(
          "key-expired",
          `key ${keyFingerprint} is no longer valid (valid-before in allowed signers)`,
          { keyFingerprint },
        );
  }
  // A trusted key proves who signed, not for whom: a colleague's key must not vouch for you.
  if (!mayAttest(principal, summary.person.email, options.trainers ?? [])) {
    return rejected(
      "may-not-attest",
      `signer ${principal} may not attest for ${summary.person.email ?? summary.person.name} (only the person themselves or a --trainer)`,
      { keyFingerprint },
    );
  }
  // A summary from the future would stay the "latest attempt" until that time came: a clock set
  // wrong, or a file dated ahead on purpose. A few minutes cover ordinary clock skew.
  if (Date.parse(summary.finishedAt) > at + MAX_CLOCK_SKEW_MS) {
    return rejected("finished-in-future", `summary finished in the future (${summary.finishedAt}, after ${new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z")})`, { keyFingerprint });
  }
  if (!options.allowExpired && Date.parse(summary.validUntil) <= at) {
    return rejected("expired", `summary expired on ${summary.validUntil}`, { keyFingerprint });
  }
  if (options.bankHashes && !options.bankHashes.has(summary.bank.sha256)) {
    return rejected(
      "unknown-bank",
      `bank ${summary.bank.id} ${summary.bank.version} (sha256 ${summary.bank.sha256.slice(0, 12)}…) is not the bank given`,
      { keyFingerprint },
    );
  }
  // Our signatures hash with SHA-512 already; one made with sha256 (ssh-keygen can) is hashed again.
  const contentId = (signature.hashAlgorithm === "sha512" ? digest : messageDigest("sha512", message)).toString("base64");
  return { status: "verified", code: "verified", reason: "verified", summary, keyFingerprint, contentId };
}

export function malformed(code: VerifyCode, reason: string, pos?: { line: number; col: number }): VerifyOutcome {
  // Reasons quote the file (an unknown key, the signature's namespace): never terminal control.
  return { status: "malformed", code, reason: escapeControl(reason), ...(pos ?? {}) };
}

/** A signed summary file, read: by the quick check, or in full (verify-fully.ts). */
export type SummaryFile = { summary: CurrentSummary | SummaryFormat1; signature: { namespace: string; sshsig: string } };

/**
 * The full reading of a file the quick check refused (verify-fully.ts): strict JSON, then the
 * schemas, each with its message. Loaded only for such a file, since it loads zod.
 */
export type ReadFully = (text: string) => SummaryFile | VerifyOutcome;

/** The signer is the person (principal = the summary's email) or a named trainer. */
export function mayAttest(
  principal: string,
  email: string | null,
  trainers: readonly string[],
): boolean {
  if (email !== null && principal.toLowerCase() === email.toLowerCase()) return true;
  const patterns = trainers.flatMap((t) => t.split(","));
  return patterns.length > 0 && principalMatches(patterns, principal);
}
