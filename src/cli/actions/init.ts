import { chmod, mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { readInput } from "../../bank/read-input.js";
import { ScaffoldError, scaffoldBank } from "../../bank/scaffold.js";
import * as values from "../../bank/values.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { checkFlagValue } from "../flag-values.js";
import { describeWriteCode, writeFailure } from "../io.js";
import { displayFor, formatLocated } from "../shared.js";

export interface InitOptions {
  dir: string;
  id?: string;
  title?: string;
  organisation: string;
  /** A plain-text or Markdown policy to split into clauses and sections. */
  from?: string;
}

/** Writes the scaffold into a temporary folder beside the target, then renames it into place. */
export async function runInit(opts: InitOptions, deps: Deps): Promise<number> {
  const target = path.resolve(deps.cwd, opts.dir);
  const show = displayFor(deps);
  const shown = show(target);
  const id = opts.id ?? path.basename(target).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new UsageError(`--id must be kebab-case, got "${id}"`);
  const policyText = opts.from === undefined ? undefined : await readPolicyText(opts.from, deps);
  // Without --title, a policy's first line is its likely title (the author can change it).
  const title = opts.title ?? (policyText === undefined ? "Policy" : firstLineTitle(policyText));
  // The same rule validate applies to bank.yaml, so the new bank validates.
  checkFlagValue("--title", values.bankTitle, title);
  checkFlagValue("--organisation", values.bankTitle, opts.organisation);
  const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new UsageError(`cannot use ${shown}: ${error.code === "ENOTDIR" ? "it is a file" : describeWriteCode(error.code ?? "EIO", target, show)}`);
  });
  if (existing !== undefined && existing.length > 0) throw new UsageError(`${shown} is not empty; init only creates a new bank`);

  const parent = path.dirname(target);
  // A short temporary name: a target name near the 255-byte limit must not fail on it.
  const temp = await mkdtemp(path.join(parent, `.${Array.from(path.basename(target)).slice(0, 40).join("")}.init-`)).catch((error: unknown) => {
    throw writeFailure(error, target, show);
  });
  let files: Record<string, string>;
  try {
    files = scaffoldBank({ id, title, organisation: opts.organisation, ...(policyText === undefined ? {} : { policyText }) });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof ScaffoldError) throw new UsageError(`cannot draft a bank from ${opts.from ?? "the policy"}: ${error.message}`);
    throw error;
  }
  try {
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(temp, name)), { recursive: true });
      await writeFile(path.join(temp, name), content);
    }
    // mkdtemp makes a private (0700) folder; a bank is shared like any project folder.
    await chmod(temp, 0o755);
    if (existing !== undefined) await rmdir(target);
    await rename(temp, target);
  } catch (error) {
    // Nothing half-written: a full disk or a lost permission leaves no partial bank behind.
    await rm(temp, { recursive: true, force: true });
    throw writeFailure(error, target, show);
  }
  const sectionFiles = Object.keys(files).filter((f) => f.startsWith("sections/")).length;
  const clauses = (files["policy.yaml"]?.match(/^ {2}- id: /gm) ?? []).length;
  deps.stdout.write(
    [
      `Created ${shown}: bank.yaml, policy.txt, policy.yaml (${clauses} clause${clauses === 1 ? "" : "s"}), ${sectionFiles} section file${sectionFiles === 1 ? "" : "s"}, scenarios/, schema.json`,
      policyText === undefined
        ? "Next: replace the example policy and questions with your own (docs/writing-a-bank.md), or start from your policy's text with --from."
        : "Next: read policy.yaml against the policy, then replace each section's example question (the TODOs validate lists).",
      `Check as you go: selfcheck validate --bank ${shown} && selfcheck test --bank ${shown} && selfcheck coverage --bank ${shown}`,
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}

/** The policy as text: UTF-8, at most 4 MiB, page breaks as line breaks, no other control characters. */
async function readPolicyText(file: string, deps: Deps): Promise<string> {
  const show = displayFor(deps);
  const abs = path.resolve(deps.cwd, file);
  const read = await readInput(abs, show(abs), { maxBytes: 4 * 1024 * 1024 });
  if (!read.ok) throw new UsageError("cannot use the policy text", [formatLocated(read.diagnostic)]);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(read.bytes);
  } catch {
    throw new UsageError(`${show(abs)} is not UTF-8 text; save the policy as plain text (UTF-8) first, see docs/writing-a-bank.md`);
  }
  // pdftotext separates pages with a form feed, Windows ends lines with CR LF.
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/[\f\v]/g, "\n").replace(/\t/g, " ");
  const lines = text.split("\n");
  const bad = lines.findIndex((l) => /[\u0000-\u0008\u000e-\u001f\u007f]/.test(l));
  if (bad !== -1) {
    const col = (lines[bad]?.search(/[\u0000-\u0008\u000e-\u001f\u007f]/) ?? 0) + 1;
    throw new UsageError(`${show(abs)}:${bad + 1}:${col} contains a control character; is it a Word or PDF file? Save it as plain text first (docs/writing-a-bank.md)`);
  }
  if (text.trim() === "") throw new UsageError(`${show(abs)} is empty`);
  return text;
}

function firstLineTitle(text: string): string {
  const first = text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "Policy";
  const clean = first.replace(/^#+\s*/, "").replace(/\*/g, "").trim();
  return clean.length > 0 && clean.length <= 200 ? clean : "Policy";
}
