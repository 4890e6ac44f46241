import { readdir, realpath, stat } from "node:fs/promises";
import { createBankHasher } from "./bank-hash.js";
import path from "node:path";
import { z } from "zod";
import type { Bank } from "./bank.js";
import { checkSchema } from "./check-schema.js";
import { displayPath } from "./display-path.js";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../util/diagnostic.js";
import { type LoadedFiles, lintBank, type Parsed, type Shorten } from "./lint-bank.js";
import { lintQuality } from "./lint-quality.js";
import { describeFsError, readInput } from "./read-input.js";
import { resolveBank } from "./resolve-bank.js";
import { bankFileSchema, policyFileSchema, sectionFileSchema } from "./schema.js";
import { parseYaml } from "./yaml-file.js";

export interface LoadOptions {
  /** How file names appear in messages; defaults to paths relative to the working folder. */
  display?: (absolutePath: string) => string;
  /**
   * "if-invalid": the quality warnings (lintQuality, which only ever warns) only when the bank has
   * errors, that is when a caller that just needs a valid bank shows the diagnostics at all. Such
   * a caller (`test`, `run` on a bank folder) then skips a tenth of a large bank's load; what it
   * shows for an invalid bank is unchanged. Default "always" (`validate`).
   */
  qualityWarnings?: "always" | "if-invalid";
}

export interface LoadResult {
  /** Present only when there are no errors. */
  bank?: Bank;
  diagnostics: Diagnostic[];
  /** The files the bank's content hash covers, relative to its folder, in hashing order. */
  files?: string[];
}

/** Section files are named NN-ID.yaml so a folder listing shows the order they are asked in. */
export const SECTION_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;

/**
 * The bank's schemas compiled to plain functions once per process (zod's ahead-of-time compiler:
 * the same rules and output; a value it refuses is checked again by the runtime parser, so the
 * messages are the same too). Measured on the 2,000-question bench bank: the schema checks take
 * 8 ms instead of 33, plus 8 ms to compile, which the shipped bank also repays.
 */
let compiledSchemas:
  | { bank: typeof bankFileSchema; policy: typeof policyFileSchema; section: typeof sectionFileSchema }
  | undefined;
export function compiledBankSchemas(): NonNullable<typeof compiledSchemas> {
  return (compiledSchemas ??= {
    bank: z.compile(bankFileSchema),
    policy: z.compile(policyFileSchema),
    section: z.compile(sectionFileSchema),
  });
}

/** Reads, validates and lints a bank folder. Never throws for bad input: it returns diagnostics. */
export async function loadBank(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(dir);
  const display = options.display ?? ((p: string) => displayPath(p));
  const diagnostics: Diagnostic[] = [];
  const hash = createBankHasher();

  const rootInfo = await stat(root).catch((error: unknown) => error as Error);
  if (rootInfo instanceof Error || !rootInfo.isDirectory()) {
    const reason = rootInfo instanceof Error ? describeFsError(rootInfo) : "is not a folder";
    return {
      diagnostics: [
        {
          file: display(root),
          line: 0,
          col: 0,
          severity: "error",
          message: `bank folder ${reason}`,
          rule: "no-bank",
        },
      ],
    };
  }

  const realRoot = await realpath(root);
  const hashedFiles: string[] = [];
  const hashed = (name: string, bytes: Uint8Array) => {
    hashedFiles.push(name);
    hash.add(name, bytes);
  };

  async function readYaml<T>(name: string, schema: z.ZodType<T>): Promise<Parsed<T> | undefined> {
    const abs = path.join(root, name);
    const read = await readInput(abs, display(abs), { within: realRoot });
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      return undefined;
    }
    hashed(name, read.bytes);
    const parsed = parseYaml(read.bytes, display(abs));
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      return undefined;
    }
    const checked = checkSchema(parsed.source, schema);
    if (!checked.ok) {
      diagnostics.push(...checked.diagnostics);
      return undefined;
    }
    return { value: checked.value, source: parsed.source };
  }

  const schemas = compiledBankSchemas();
  const bankFile = await readYaml("bank.yaml", schemas.bank);
  const policyFile = await readYaml("policy.yaml", schemas.policy);

  const sectionsDir = path.join(root, "sections");
  const files: LoadedFiles = {
    bank: bankFile,
    policy: policyFile,
    sections: [],
    unreadSections: [],
    sectionsDir: display(sectionsDir),
  };
  let names: string[] = [];
  try {
    names = (await readdir(sectionsDir))
      .filter((n) => n.endsWith(".yaml") || n.endsWith(".yml"))
      .sort();
  } catch (error) {
    diagnostics.push({
      file: display(sectionsDir),
      line: 0,
      col: 0,
      severity: "error",
      message: `sections folder: ${describeFsError(error)}`,
      rule: "no-sections",
    });
  }
  for (const name of names) {
    const abs = path.join(sectionsDir, name);
    const match = SECTION_FILE.exec(name);
    if (!match?.[2]) {
      diagnostics.push({
        file: display(abs),
        line: 0,
        col: 0,
        severity: "error",
        message: `section file name must be NN-ID.yaml, e.g. 04-safeguarding.yaml`,
        rule: "section-file-name",
      });
      continue;
    }
    const parsed = await readYaml(`sections/${name}`, schemas.section);
    if (parsed) files.sections.push({ ...parsed, fileId: match[2] });
    else files.unreadSections.push(match[2]);
  }

  const sourceName = bankFile?.value.policy.source;
  if (sourceName !== undefined) {
    const abs = path.join(root, sourceName);
    const read = await readInput(abs, display(abs), {
      within: realRoot,
      maxBytes: 4 * 1024 * 1024,
    });
    if (read.ok) {
      hashed(sourceName, read.bytes);
      files.policyText = new TextDecoder().decode(read.bytes);
    } else {
      diagnostics.push(read.diagnostic);
    }
  }

  // Text quoted in a message is shortened to fit a terminal, but a text of at most half the
  // room fits whatever its characters (none takes more than 2 columns): only a longer one needs
  // the width module, and then the lint runs again with it.
  let needsWidth = false;
  const fitting: Shorten = (text, width) => {
    if (text.length * 2 > width) needsWidth = true;
    return text;
  };
  let lint = lintBank(files, fitting);
  if (needsWidth) lint = lintBank(files, (await import("../util/display-width.js")).truncateDisplay);
  diagnostics.push(...lint);
  if (options.qualityWarnings !== "if-invalid" || hasErrors(diagnostics) || !files.bank || !files.policy) {
    diagnostics.push(...lintQuality(files));
  }
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || !files.bank || !files.policy) return { diagnostics: sorted };
  return {
    bank: resolveBank(files, root, hash.digest()),
    diagnostics: sorted,
    files: hashedFiles,
  };
}

