import path from "node:path";
import { formatDiagnostic } from "../../util/diagnostic.js";
import { readInput } from "../../bank/read-input.js";
import { parseAllowedSigners } from "../../summary/allowed-signers.js";
import { type FileOutcome, verifyFile } from "../../summary/verify-file.js";
import { renderVerifyOutcome } from "../../report/verify-text.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { parseDate } from "../flags.js";
import { displayFor, formatLocated, loadBankOrFail, styleFor, writeJson } from "../shared.js";

export interface VerifyCommandOptions {
  files: string[];
  allowedSigners: string;
  at?: string;
  bank?: string;
  trainer?: string[];
  json?: boolean;
  color?: boolean;
}

export async function runVerify(opts: VerifyCommandOptions, deps: Deps): Promise<number> {
  const at = opts.at === undefined ? deps.now() : parseDate(opts.at, "--at");
  const show = displayFor(deps);
  const signersPath = path.resolve(deps.cwd, opts.allowedSigners);
  const read = await readInput(signersPath, show(signersPath));
  if (!read.ok)
    throw new UsageError("cannot use the allowed signers file", [formatLocated(read.diagnostic)]);
  const { signers, diagnostics } = parseAllowedSigners(
    new TextDecoder().decode(read.bytes),
    show(signersPath),
  );
  if (diagnostics.length > 0)
    throw new UsageError("cannot use the allowed signers file", diagnostics.map(formatDiagnostic));
  const bankHashes =
    opts.bank === undefined ? undefined : new Set([(await loadBankOrFail(opts.bank, deps)).sha256]);

  const outcomes: FileOutcome[] = [];
  for (const file of opts.files) {
    const abs = path.resolve(deps.cwd, file);
    outcomes.push({
      file: show(abs),
      ...(await verifyFile(abs, show(abs), {
        signers,
        at,
        trainers: opts.trainer ?? [],
        ...(bankHashes ? { bankHashes } : {}),
      })),
    });
  }

  if (opts.json) {
    writeJson(deps.stdout, {
      ok: outcomes.every((o) => o.status === "verified"),
      at: at.toISOString(),
      results: outcomes.map(({ summary, ...rest }) => ({ ...rest, summary: summary ?? null })),
    });
  } else {
    const style = styleFor(deps.stdout, deps, opts.color);
    for (const o of outcomes) deps.stdout.write(`${renderVerifyOutcome(o, style)}\n`);
  }
  if (outcomes.some((o) => o.status === "malformed")) return EXIT.unusable;
  return outcomes.every((o) => o.status === "verified") ? EXIT.ok : EXIT.negative;
}
