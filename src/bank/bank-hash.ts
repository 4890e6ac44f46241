import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The one bank content hash. It is the `bank.sha256` a signed summary records, the key the
 * precompiled default bank is checked against (bank-cache.ts), and the name of the folder the
 * standalone executable unpacks its bank to (scripts/build-sea.mjs): sha256 over each file's
 * name, byte length and bytes, in the order given. Length-prefixed, so no two different banks
 * hash alike by shifting bytes from one file to the next.
 */
export interface BankHasher {
  add(name: string, bytes: Uint8Array): void;
  digest(): string;
}

export function createBankHasher(): BankHasher {
  const hash = createHash("sha256");
  return {
    add(name, bytes) {
      hash.update(`${name}\0${bytes.byteLength}\0`);
      hash.update(bytes);
    },
    digest: () => hash.digest("hex"),
  };
}

/** Hashes the files (relative to `root`, `/`-separated) in the order given. */
export function hashBankFiles(root: string, files: readonly string[]): string {
  const hasher = createBankHasher();
  for (const name of files) hasher.add(name, readFileSync(path.join(root, ...name.split("/"))));
  return hasher.digest();
}
