import { existsSync } from "node:fs";
import path from "node:path";
import type { Bank } from "../bank/bank.js";
import type { Result } from "../engine/score.js";
import type { Prompter } from "../session/prompter.js";
import { signedBytes } from "../summary/canonical-json.js";
import { KeyFileError, readPrivateKeyFile } from "../summary/key-file.js";
import { type Ed25519Key, fingerprint } from "../summary/openssh-key.js";
import { signMessage } from "../summary/sshsig.js";
import { buildSummary } from "../summary/build-summary.js";
import { NAMESPACE } from "../summary/summary.js";
import * as values from "../bank/values.js";
import { escapeControl } from "../util/escape.js";
import { FileExistsError, writeFileAtomic } from "../util/write-file-atomic.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { checkFlagValue } from "./flag-values.js";
import { checkWriteTarget, writeFailure } from "./io.js";
import { displayFor } from "./shared.js";
import { TOOL_VERSION } from "./version.js";

/** Tries at a mistyped passphrase on a terminal, as ssh-keygen allows. */
const PASSPHRASE_ATTEMPTS = 3;

export interface ExportFlags {
  export?: string | boolean;
  key?: string;
  principal?: string;
  staffId?: string;
  email?: string;
  session?: string;
  force?: boolean;
}

/** What `run --export` needs, checked before the first question so a session is never wasted. */
export interface ExportPlan {
  /** Absolute path, or undefined until the person's name gives the default one. */
  target: string | undefined;
  force: boolean;
  /** The default name when the target is one of its retake numbers: taken when written, the next is used. */
  retakeBase?: string;
  key: Ed25519Key;
  principal: string;
  staffId: string | null;
  email: string | null;
  session: string | null;
}

/** Checks the person/session flags that go into a summary; they are validated even without --export. */
export function checkSummaryFlags(flags: ExportFlags): void {
  checkFlagValue("--staff-id", values.staffId, flags.staffId);
  checkFlagValue("--email", values.email, flags.email);
  checkFlagValue("--session", values.sessionLabel, flags.session);
  checkFlagValue("--principal", values.principal, flags.principal);
}

export async function prepareExport(
  flags: ExportFlags,
  deps: Deps,
  prompter: Prompter | undefined,
): Promise<ExportPlan | undefined> {
  if (flags.export === undefined || flags.export === false) {
    for (const flag of ["key", "principal", "force"] as const) {
      if (flags[flag] !== undefined)
        throw new UsageError(`--${flag} only makes sense with --export`);
    }
    return undefined;
  }
  const show = displayFor(deps);
  const keyPath = flags.key ?? deps.env.SELFCHECK_KEY;
  if (keyPath === undefined || keyPath === "") {
    throw new UsageError(
      "--export needs a signing key: --key FILE or SELFCHECK_KEY (make one with selfcheck keygen)",
    );
  }
  const target =
    typeof flags.export === "string" ? checkWriteTarget(flags.export, flags.force === true, deps, "export") : undefined;

  const keyFile = path.resolve(deps.cwd, keyPath);
  let key: Ed25519Key;
  let unlocking = false;
  try {
    const fromEnv = deps.env.SELFCHECK_KEY_PASSPHRASE;
    key = await readPrivateKeyFile(
      keyFile,
      show(keyFile),
      async (attempt) => {
        if (fromEnv !== undefined) return fromEnv;
        if (attempt > 1) {
          if (unlocking) deps.stderr.write("\r\u001b[2K");
          unlocking = false;
          deps.stderr.write(`Incorrect passphrase; try again (attempt ${attempt} of ${PASSPHRASE_ATTEMPTS}).\n`);
        }
        return prompter?.password({ key: "passphrase", message: `Passphrase for ${show(keyFile)}` });
      },
      // bcrypt with many rounds takes seconds (30 s at 1,000): say why nothing is happening.
      () => {
        if (deps.stderr.isTTY) {
          deps.stderr.write("unlocking key…");
          unlocking = true;
        }
      },
      // A person at a terminal may mistype; a passphrase from the environment will not improve.
      fromEnv === undefined && prompter !== undefined ? PASSPHRASE_ATTEMPTS : 1,
    );
  } catch (error) {
    if (error instanceof KeyFileError) throw new UsageError(error.message);
    throw error;
  } finally {
    if (unlocking) deps.stderr.write("\r\u001b[2K");
  }
  const principal = flags.principal ?? key.comment;
  if (values.principal.problem(principal) !== undefined) {
    throw new UsageError(
      `the key's comment "${escapeControl(principal)}" is not a signer principal (letters, digits and . _ @ + -); pass --principal`,
    );
  }
  return {
    target,
    force: flags.force === true,
    key,
    principal,
    staffId: flags.staffId ?? null,
    // Staff signing their own summary are the signer: their principal is their email, so it
    // attests for themselves with no extra flags. A trainer signing for someone names them with
    // --staff-id or --email, and then the trainer's principal must not become the person's email.
    email:
      flags.email ??
      (flags.staffId === undefined && values.email.problem(principal) === undefined ? principal : null),
    session: flags.session ?? null,
  };
}

/** `selfcheck-sam-patel-2026-11-24.json` in the working folder. */
export function defaultExportPath(name: string, date: Date, cwd: string): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "summary";
  return path.join(cwd, `selfcheck-${slug}-${date.toISOString().slice(0, 10)}.json`);
}

/**
 * The file a summary goes to when `--export` names none: `selfcheck-NAME-DATE.json`, or for a
 * same-day retake `selfcheck-NAME-DATE-2.json`, `-3` … (the first name not taken), so a second
 * attempt never needs --force and never replaces the first. With --force the plain name is
 * replaced, as asked. Checked before the first question: a missing folder wastes no session.
 */
export async function chooseDefaultTarget(plan: ExportPlan, name: string, date: Date, deps: Deps): Promise<string> {
  const base = defaultExportPath(name, date, deps.cwd);
  if (plan.force) return checkWriteTarget(base, true, deps, "export");
  plan.retakeBase = base;
  return checkWriteTarget(await firstFreeRetakePath(base, 1), false, deps, "export");
}

/** The largest retake number tried: a hundred summaries of one person in a day is a mistake. */
const MAX_RETAKES = 99;

/** `base` for the first take, `base` with `-N` before `.json` for the Nth. */
export function retakePath(base: string, n: number): string {
  return n === 1 ? base : base.replace(/\.json$/, `-${n}.json`);
}

async function firstFreeRetakePath(base: string, from: number): Promise<string> {
  for (let n = from; n <= MAX_RETAKES; n++) {
    const candidate = retakePath(base, n);
    if (!existsSync(candidate)) return candidate;
  }
  throw new UsageError(
    `${MAX_RETAKES} summaries named ${escapeControl(path.basename(base))} already exist here; pass --export FILE`,
  );
}

/** Builds, signs and writes the summary; returns where it went and who signed. */
export async function writeSignedSummary(
  plan: ExportPlan & { target: string },
  input: {
    bank: Bank;
    result: Result;
    name: string;
    role: string | null;
    mode: "self" | "training";
    seed: number;
    startedAt: Date;
    finishedAt: Date;
  },
  deps: Deps,
): Promise<{ file: string; principal: string; fingerprint: string }> {
  const summary = buildSummary({
    bank: input.bank,
    result: input.result,
    toolVersion: TOOL_VERSION,
    person: { name: input.name, role: input.role, staffId: plan.staffId, email: plan.email },
    principal: plan.principal,
    session: plan.session,
    mode: input.mode,
    seed: input.seed,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
  });
  const sshsig = signMessage(plan.key, NAMESPACE, signedBytes(summary));
  const file = `${JSON.stringify({ summary, signature: { namespace: NAMESPACE, sshsig } }, null, 2)}\n`;
  let target = plan.target;
  for (;;) {
    try {
      await writeFileAtomic(target, file, { force: plan.force });
      break;
    } catch (error) {
      // The default name was taken since it was chosen (another run finished first): the next one.
      if (error instanceof FileExistsError && plan.retakeBase !== undefined) {
        target = await firstFreeRetakePath(plan.retakeBase, 2);
        continue;
      }
      throw writeFailure(error, target, displayFor(deps));
    }
  }
  return { file: displayFor(deps)(target), principal: plan.principal, fingerprint: fingerprint(plan.key.publicKey) };
}
