import path from "node:path";
import { formatDiagnostic } from "../../util/diagnostic.js";
import { readInput } from "../../bank/read-input.js";
import { parseAllowedSigners } from "../../summary/allowed-signers.js";
import {
  MAX_SUMMARY_BYTES,
  type VerifyOutcome,
  verifySummaryBytes,
} from "../../summary/verify-summary.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
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

export interface FileOutcome extends VerifyOutcome {
  file: string;
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
    for (const o of outcomes) deps.stdout.write(`${renderOutcome(o, style)}\n`);
  }
  if (outcomes.some((o) => o.status === "malformed")) return EXIT.unusable;
  return outcomes.every((o) => o.status === "verified") ? EXIT.ok : EXIT.negative;
}

/** Reads and verifies one file; unreadable files are malformed, never an exception. */
export async function verifyFile(
  abs: string,
  shown: string,
  options: Parameters<typeof verifySummaryBytes>[1],
): Promise<VerifyOutcome> {
  const read = await readInput(abs, shown, { maxBytes: MAX_SUMMARY_BYTES });
  if (!read.ok) {
    return {
      status: "malformed",
      code: read.diagnostic.rule === "file-too-large" ? "too-large" : "not-json",
      reason: read.diagnostic.message,
    };
  }
  return verifySummaryBytes(read.bytes, options);
}

function renderOutcome(o: FileOutcome, style: ReturnType<typeof styleFor>): string {
  const where = o.line !== undefined ? `:${o.line}:${o.col}` : "";
  if (o.status !== "verified" || !o.summary) {
    const label = o.status === "malformed" ? "NOT A VALID SUMMARY" : "NOT VERIFIED";
    return `${style.bad(`✗ ${o.file}${where}: ${label}`)} — ${o.reason}`;
  }
  const s = o.summary;
  const person = `${s.person.name}${s.person.role ? ` (${s.person.role})` : ""}${s.person.staffId ? ` [${s.person.staffId}]` : ""}${s.person.email ? ` <${s.person.email}>` : ""}`;
  const sections = s.sections
    .map((x) => `${x.id} ${x.result.toUpperCase()} ${x.correct}/${x.total}`)
    .join(" · ");
  return [
    `${style.good(`✓ ${o.file}: verified`)}`,
    `    ${person} · finished ${s.finishedAt.replace("T", " ").replace("Z", " UTC")}${s.session ? ` · session ${s.session}` : ""}`,
    `    signed by ${s.signer.principal} (${o.keyFingerprint})`,
    `    bank ${s.bank.id} ${s.bank.version} · overall ${s.overall.result.toUpperCase()} ${s.overall.correct}/${s.overall.total} (${s.overall.percentage}%) · valid until ${s.validUntil.slice(0, 10)}`,
    `    ${sections}`,
  ].join("\n");
}

export function parseDate(value: string, flag: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new UsageError(`${flag} "${value}" is not a date (use YYYY-MM-DD or an ISO time)`);
  }
  return date;
}
