#!/usr/bin/env node
// The floor for `selfcheck verify` and `selfcheck report` (issue 16), timed by scripts/bench.mjs in
// the same interleaved runs: only the work no implementation can skip, with the same libraries
// (node:crypto), on every core. Per file: read it, JSON.parse, the sorted-key canonical bytes of
// `summary` plus a newline, decode the SSHSIG armor, look its key up among the trusted keys,
// SHA-512 and Ed25519-verify. No strict parsing, no schema, no messages: a lower bound, not a tool.
//
//   node scripts/floor-verify.mjs --allowed-signers FILE DIR|FILE...
//
// Prints "verified N of M files on T threads"; exits 1 when any file does not verify (so the
// benchmark knows the floor did the whole job).
import { createHash, createPublicKey, verify } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isMainThread, runOnAllCores, serveItems } from "./floor-pool.mjs";

const NAMESPACE = "selfcheck-summary-v1";

if (isMainThread) {
  const { values, positionals } = parseArgs({
    options: { "allowed-signers": { type: "string" } },
    allowPositionals: true,
  });
  if (!values["allowed-signers"] || positionals.length === 0) {
    console.error("usage: floor-verify.mjs --allowed-signers FILE DIR|FILE...");
    process.exit(2);
  }
  // The trusted keys: the base64 blob of every ssh-ed25519 key in allowed_signers.
  const keys = readFileSync(values["allowed-signers"], "utf8")
    .split("\n")
    .map((line) => line.match(/ssh-ed25519 ([A-Za-z0-9+/=]+)/)?.[1])
    .filter(Boolean);
  const files = positionals.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p).filter((n) => n.endsWith(".json")).sort().map((n) => path.join(p, n))
      : [p],
  );
  const { threads, verified = 0 } = await runOnAllCores(import.meta.url, files, { keys });
  console.log(`verified ${verified} of ${files.length} files on ${threads} threads`);
  process.exit(verified === files.length ? 0 : 1);
} else {
  serveItems(({ keys }) => {
    // One key object per trusted key, made once per thread.
    const trusted = new Map(
      keys.map((b64) => {
        const blob = Buffer.from(b64, "base64");
        const raw = blob.subarray(blob.length - 32);
        return [raw.toString("base64"), createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" })];
      }),
    );
    return (file) => {
      const { summary, signature } = JSON.parse(readFileSync(file, "utf8"));
      const message = Buffer.from(`${canonical(summary)}\n`);
      const blob = Buffer.from(signature.sshsig.replace(/-----[^-]+-----|\n/g, ""), "base64");
      const fields = wireStrings(blob, 10); // after "SSHSIG" and the version
      const [publicKeyBlob, namespace, , hash, sigBlob] = fields;
      const key = trusted.get(wireStrings(publicKeyBlob, 0)[1].toString("base64"));
      const sig = wireStrings(sigBlob, 0)[1];
      const digest = createHash("sha512").update(message).digest();
      const data = Buffer.concat([Buffer.from("SSHSIG"), ...[namespace, Buffer.alloc(0), hash, digest].map(wire)]);
      const ok = key !== undefined && namespace.toString() === NAMESPACE && verify(null, data, key, sig);
      return ok ? "verified" : "failed";
    };
  });
}

/** Sorted keys, no whitespace: the canonical form of the values a summary may hold. */
function canonical(v) {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
}

/** SSH wire strings (uint32 length, bytes) from `offset` to the end. */
function wireStrings(buf, offset) {
  const out = [];
  for (let at = offset; at + 4 <= buf.length; ) {
    const n = buf.readUInt32BE(at);
    out.push(buf.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}

function wire(bytes) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}
