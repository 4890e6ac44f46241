import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Bank } from "../bank/bank.js";
import { type Diagnostic, formatDiagnostic } from "../util/diagnostic.js";
import { type BankCache, makeBankCache, readBankCache, useBankCache } from "../bank/bank-cache.js";
import { displayPath } from "../bank/display-path.js";
import { createStyle, type Style, wantsColor } from "../report/style.js";
import type { Prompter } from "../session/prompter.js";
import type { AllowedSigner } from "../summary/allowed-signers.js";
import type { Deps, OutStream } from "./deps.js";
import { UsageError } from "./errors.js";
import { escapeJsonText } from "../util/escape.js";

let defaultBankOverride: string | undefined;

/**
 * Where the shipped bank lives when it is not `questions/` beside the package: the standalone
 * executable unpacks its embedded copy and points here before running any command.
 */
export function setDefaultBankDir(dir: string): void {
  defaultBankOverride = dir;
}

/** The build's precompiled copy of the shipped bank (see bank-cache.ts); dist/ for both tsc and the bundle. */
function defaultBankCacheFile(): string {
  try {
    return fileURLToPath(new URL("../default-bank.json", import.meta.url));
  } catch {
    return ""; // no module URL (the standalone executable's CommonJS bundle): no cache
  }
}

/** The bank shipped with the tool: `questions/` at the package root. */
export function defaultBankDir(): string {
  return defaultBankOverride ?? fileURLToPath(new URL("../../questions", import.meta.url));
}

export function resolveBankDir(bank: string | undefined, deps: Deps): string {
  return bank === undefined ? defaultBankDir() : path.resolve(deps.cwd, bank);
}

export function displayFor(deps: Deps): (abs: string) => string {
  return (abs) => displayPath(abs, deps.cwd);
}

/** Loads a bank for a command that needs a valid one; an invalid bank is exit 2 with every problem listed. */
/**
 * The shipped bank as this process last loaded it in full, for a second command in the same
 * process (the in-process tests run hundreds): used only while its files still hash the same,
 * exactly as the build's precompiled copy is.
 */
let loadedDefaultBank: BankCache | undefined;

export async function loadBankOrFail(bankOption: string | undefined, deps: Deps): Promise<Bank> {
  if (bankOption === undefined) {
    const dir = defaultBankDir();
    const cached =
      readBankCache(defaultBankCacheFile(), dir, displayFor(deps)) ??
      (loadedDefaultBank && useBankCache(loadedDefaultBank, dir, displayFor(deps)));
    if (cached) return cached;
  }
  // The full loader (yaml, zod, lint) is imported only when it is needed.
  const { loadBank } = await import("../bank/load-bank.js");
  const { bank, files, diagnostics } = await loadBank(resolveBankDir(bankOption, deps), {
    display: displayFor(deps),
    // Warnings are shown only with errors; a valid bank's are not computed (validate shows them).
    qualityWarnings: "if-invalid",
  });
  if (bankOption === undefined && bank && files) loadedDefaultBank = makeBankCache(bank, files, deps.cwd);
  if (!bank) {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    throw new UsageError(
      `the bank is not valid (${errors} error${errors === 1 ? "" : "s"}); run selfcheck validate for details`,
      diagnostics.map(formatLocated),
    );
  }
  return bank;
}

/** The allowed_signers file a command was given, or exit 2 with every problem at its line:col. */
export async function loadAllowedSignersOrFail(file: string, deps: Deps): Promise<AllowedSigner[]> {
  const { readAllowedSigners } = await import("../summary/allowed-signers.js");
  const abs = path.resolve(deps.cwd, file);
  const { signers, diagnostics } = await readAllowedSigners(abs, displayFor(deps)(abs));
  if (diagnostics.length > 0) throw new UsageError("cannot use the allowed signers file", diagnostics.map(formatLocated));
  return signers;
}

/** `file:line:col severity message`, or `file severity message` when there is no position. */
export function formatLocated(d: Diagnostic): string {
  return d.line > 0 ? formatDiagnostic(d) : `${d.file} ${d.severity} ${d.message}`;
}

export function styleFor(stream: OutStream, deps: Deps, color: boolean | undefined): Style {
  return createStyle(wantsColor(stream, deps.env, color));
}

export function writeJson(stream: OutStream, value: unknown): void {
  stream.write(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
}

/**
 * The terminal prompter, or the one tests inject. Arrow-key menus (inquirer, loaded on demand)
 * when colour is on; plain numbered prompts, with no escape codes or cursor movement, when it is
 * off (NO_COLOR, --no-color, TERM=dumb) — what screen readers need.
 */
export async function terminalPrompter(
  deps: Deps,
  output: OutStream & NodeJS.WritableStream,
  color?: boolean,
): Promise<Prompter> {
  if (deps.createPrompter) return deps.createPrompter({ output });
  if (!wantsColor(output, deps.env, color)) {
    const { createPlainPrompter } = await import("../session/plain-prompter.js");
    return createPlainPrompter(deps.stdin, output);
  }
  const { createInquirerPrompter } = await import("../session/inquirer-prompter.js");
  return createInquirerPrompter({ input: deps.stdin, output });
}

export function hasTerminal(deps: Deps, output: OutStream): boolean {
  return deps.stdin.isTTY === true && output.isTTY === true;
}

/**
 * Threads for the bulk commands, the main thread included: one per core, or SELFCHECK_THREADS
 * (1 keeps everything in one thread, for a machine shared with other work).
 */
export function threadsFor(deps: Deps): number {
  const wanted = Number.parseInt(deps.env.SELFCHECK_THREADS ?? "", 10);
  return Number.isSafeInteger(wanted) && wanted > 0 ? Math.min(wanted, 64) : os.availableParallelism();
}
