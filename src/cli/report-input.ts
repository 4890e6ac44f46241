import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Bank } from "../bank/bank.js";
import { describeFsError, readInput } from "../bank/read-input.js";
import { COMPLIANCE, type Compliance } from "../report/aggregate-report.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { displayFor, formatLocated, loadBankOrFail } from "./shared.js";

// What `report` reads besides the summaries' contents: which files, the bank for labels, the
// roster, and its own flags.

/** The summary files named: each file, and every *.json in each folder, once. */
export async function collectFiles(paths: string[], show: (p: string) => string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    // An unreadable folder (EACCES for a non-root user) is unusable input, named, never a trace.
    const unusable = (error: unknown): never => {
      throw new UsageError(`${show(p)}: ${describeFsError(error)}`);
    };
    const info = await stat(p).catch(unusable);
    if (info.isDirectory()) {
      const names = (await readdir(p).catch(unusable)).filter((n) => n.endsWith(".json")).sort();
      const inFolder = folderJoiner(p);
      for (const n of names) files.push(inFolder(n));
    } else {
      files.push(p);
    }
  }
  // One folder's names are distinct already; several paths may name a file twice.
  return paths.length === 1 ? files : [...new Set(files)];
}

/**
 * `(name) => path.join(folder, name)` for names readdir gives (never "." or "..", never holding a
 * separator). For a folder written as path.resolve writes it (what `report` passes), that is the
 * folder, a separator and the name, without normalizing each of 10,000 names again (10 ms of
 * `report`'s start, before any file is verified); any other folder goes through path.join.
 */
export function folderJoiner(folder: string): (name: string) => string {
  if (path.resolve(folder) !== folder) return (name) => path.join(folder, name);
  const head = folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`;
  return (name) => `${head}${name}`;
}

/** The bank for labels; the shipped one when none is named, and none when it does not load. */
export async function bankFor(bankOption: string | undefined, deps: Deps): Promise<Bank | undefined> {
  try {
    return await loadBankOrFail(bankOption, deps);
  } catch (error) {
    // The shipped bank only adds labels; a bank the trainer names must be valid.
    if (bankOption === undefined) return undefined;
    throw error;
  }
}

/** The staff list; csv-parse is loaded only here, when a roster is given. */
export async function readRoster(file: string, bank: Bank | undefined, deps: Deps) {
  const show = displayFor(deps);
  const abs = path.resolve(deps.cwd, file);
  const read = await readInput(abs, show(abs), { maxBytes: 16 * 1024 * 1024 });
  if (!read.ok) throw new UsageError("cannot use the roster", [formatLocated(read.diagnostic)]);
  const { parseRoster, RosterError } = await import("../report/roster.js");
  try {
    return { file: show(abs), people: parseRoster(read.bytes, show(abs), bank?.roles ?? []) };
  } catch (error) {
    if (error instanceof RosterError) throw new UsageError("cannot use the roster", error.problems);
    throw error;
  }
}

/** --expiring-within: whole days, 30 when not given. */
export function parseDays(value: string | undefined): number {
  if (value === undefined) return 30;
  if (!/^\d{1,4}$/.test(value.trim())) throw new UsageError(`--expiring-within "${value}" is not a number of days (e.g. 30)`);
  return Number(value.trim());
}

/** --only: compliance states, separated by commas. */
export function parseOnly(value: string | undefined): Compliance[] | undefined {
  if (value === undefined) return undefined;
  const wanted = value.split(",").map((v) => v.trim().toLowerCase().replace(/\s+/g, "-"));
  const unknown = wanted.filter((v) => !(COMPLIANCE as readonly string[]).includes(v));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new UsageError(`--only "${value}": use any of ${COMPLIANCE.join(", ")}, separated by commas`);
  }
  return wanted as Compliance[];
}
