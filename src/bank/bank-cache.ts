import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Bank } from "./bank.js";
import { hashBankFiles } from "./bank-hash.js";

/**
 * The default bank, already loaded, validated and resolved at build time (`npm run build` writes
 * dist/default-bank.json). Loading 300 KB of YAML with positions, checking and linting it takes a
 * quarter of a second; this takes a few milliseconds. It is used only while the bank's files
 * are byte for byte the ones it was built from: the content hash is recomputed on every use,
 * exactly as the loader computes it, and any difference falls back to the full load.
 */
export interface BankCache {
  format: 1;
  /** The files the hash covers, relative to the bank folder, in hashing order. */
  files: string[];
  bank: Bank;
}

/** The cached bank for `root`, or undefined when there is none or it no longer matches. */
export function readBankCache(cacheFile: string, root: string, display: (abs: string) => string): Bank | undefined {
  try {
    return useBankCache(JSON.parse(readFileSync(cacheFile, "utf8")) as BankCache, root, display);
  } catch {
    return undefined;
  }
}

/**
 * The bank in `cache`, shown from the current folder, if `root` still holds exactly the files it
 * was made from; otherwise undefined. Used for the build's file and for the copy a process keeps
 * after its first full load (cli/shared.ts).
 */
export function useBankCache(cache: BankCache, root: string, display: (abs: string) => string): Bank | undefined {
  try {
    if (cache.format !== 1) return undefined;
    // Every section file still there, and no new one: the listing must match as well as the bytes.
    const sections = readdirSync(path.join(root, "sections")).filter((n) => n.endsWith(".yaml") || n.endsWith(".yml")).sort();
    const cachedSections = cache.files.filter((f) => f.startsWith("sections/")).map((f) => f.slice("sections/".length));
    if (JSON.stringify(sections) !== JSON.stringify(cachedSections)) return undefined;
    if (hashBankFiles(root, cache.files) !== cache.bank.sha256) return undefined;
    const bank = cache.bank;
    return {
      ...bank,
      dir: root,
      sections: bank.sections.map((s) => {
        const file = display(path.join(root, s.file));
        return { ...s, file, questions: s.questions.map((q) => ({ ...q, file })) };
      }),
    };
  } catch {
    return undefined;
  }
}

/**
 * What the build writes: the bank with its files named relative to the bank folder. `absolute`
 * turns a file name as the loader showed it back into a path (it was shown from `cwd`).
 */
export function makeBankCache(bank: Bank, files: string[], cwd: string = process.cwd()): BankCache {
  const relative = (file: string) => path.relative(bank.dir, path.resolve(cwd, file));
  return {
    format: 1,
    files,
    bank: {
      ...bank,
      sections: bank.sections.map((s) => ({
        ...s,
        file: relative(s.file),
        questions: s.questions.map((q) => ({ ...q, file: relative(q.file) })),
      })),
    },
  };
}
