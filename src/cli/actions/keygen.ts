import { existsSync } from "node:fs";
import { access, mkdir, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  encodePrivateKey,
  fingerprint,
  formatPublicKey,
  generateKey,
} from "../../summary/openssh-key.js";
import * as values from "../../bank/values.js";
import { KeyFileError, readPublicKeyFile } from "../../summary/key-file.js";
import { NAMESPACE } from "../../summary/summary.js";
import type { Prompter } from "../../session/prompter.js";
import { hasControl } from "../../util/escape.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { checkFlagValue } from "../flag-values.js";
import { checkWriteTarget, writeFailure, writeTargetFile } from "../io.js";
import { displayFor, hasTerminal, styleFor, terminalPrompter, writeJson } from "../shared.js";

export interface KeygenOptions {
  file?: string;
  principal?: string;
  comment?: string;
  passphrase: boolean;
  fromSshKey?: string;
  json?: boolean;
  color?: boolean;
}

/** Where a new key goes when the person does not say: beside their SSH keys, as ssh-keygen would. */
const DEFAULT_KEY = [".ssh", "selfcheck_ed25519"] as const;

export async function runKeygen(opts: KeygenOptions, deps: Deps): Promise<number> {
  checkFlagValue("--principal", values.principal, opts.principal);
  const ask = lazyPrompter(deps, opts.color);
  if (opts.fromSshKey !== undefined) return printSignerLine(opts, opts.fromSshKey, ask, deps);

  const show = displayFor(deps);
  const file =
    opts.file !== undefined ? path.resolve(deps.cwd, opts.file) : await askKeyFile(await ask("--file PATH"), deps);
  const principal = opts.principal ?? (await askPrincipal(await ask("--principal ID")));
  const comment = opts.comment ?? principal;
  if (hasControl(comment)) throw new UsageError("--comment must not contain control characters");

  const pub = `${file}.pub`;
  for (const target of [file, pub]) {
    if (await exists(target))
      throw new UsageError(`${show(target)} already exists; keygen never overwrites a key`);
  }
  await ensureKeyFolder(file, deps);
  checkWriteTarget(opts.file ?? file, false, deps);
  checkWriteTarget(`${opts.file ?? file}.pub`, false, deps);

  const passphrase = await choosePassphrase(opts, deps, ask);
  const key = generateKey(comment);
  await writeTargetFile(file, encodePrivateKey(key, passphrase), { force: false, mode: 0o600 }, deps);
  try {
    await writeTargetFile(pub, `${formatPublicKey(key.publicKey, comment)}\n`, { force: false, mode: 0o644 }, deps);
  } catch (error) {
    await unlink(file).catch(() => undefined); // no half a key pair
    throw error;
  }

  const allowedSigners = signerLine(principal, key.publicKey);
  const result = {
    privateKey: show(file),
    publicKey: show(pub),
    fingerprint: fingerprint(key.publicKey),
    principal,
    encrypted: passphrase !== "",
    allowedSigners,
  };
  if (opts.json) {
    writeJson(deps.stdout, result);
    return EXIT.ok;
  }
  const style = styleFor(deps.stdout, deps, opts.color);
  deps.stdout.write(
    [
      `${style.good("✓")} Wrote ${result.privateKey} (private, mode 0600${result.encrypted ? ", passphrase-protected" : ", no passphrase"}) and ${result.publicKey}`,
      `Fingerprint: ${result.fingerprint}`,
      "Line for the allowed_signers file of whoever verifies your summaries:",
      allowedSigners,
      `Sign your summary with: selfcheck run --export --key ${quoteForShell(result.privateKey)}`,
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}

/**
 * `keygen --from-ssh-key ~/.ssh/id_ed25519.pub --principal …`: no new key, only the
 * allowed_signers line for one the person already has (run --export signs with its private half).
 */
async function printSignerLine(
  opts: KeygenOptions,
  fromSshKey: string,
  ask: (flag: string) => Promise<Prompter>,
  deps: Deps,
): Promise<number> {
  const clashing = [
    opts.file !== undefined && "--file",
    opts.comment !== undefined && "--comment",
    !opts.passphrase && "--no-passphrase",
  ].filter((f): f is string => f !== false);
  if (clashing.length > 0) {
    throw new UsageError(
      `--from-ssh-key uses an existing key; ${clashing.join(", ")} only make sense when keygen makes a new one`,
    );
  }
  const show = displayFor(deps);
  const file = path.resolve(deps.cwd, expandHome(fromSshKey, deps));
  let publicKey: Buffer;
  try {
    ({ publicKey } = await readPublicKeyFile(file, show(file)));
  } catch (error) {
    if (error instanceof KeyFileError) throw new UsageError(error.message);
    throw error;
  }
  const principal = opts.principal ?? (await askPrincipal(await ask("--principal ID")));
  const privateKey = file.endsWith(".pub") ? file.slice(0, -".pub".length) : undefined;
  const result = {
    publicKey: show(file),
    fingerprint: fingerprint(publicKey),
    principal,
    allowedSigners: signerLine(principal, publicKey),
  };
  if (opts.json) {
    writeJson(deps.stdout, result);
    return EXIT.ok;
  }
  deps.stdout.write(
    [
      `Fingerprint: ${result.fingerprint}`,
      "Line for the allowed_signers file of whoever verifies your summaries:",
      result.allowedSigners,
      ...(privateKey !== undefined
        ? [`Sign your summary with: selfcheck run --export --key ${quoteForShell(show(privateKey))}`]
        : []),
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}

function signerLine(principal: string, publicKey: Uint8Array): string {
  return `${principal} namespaces="${NAMESPACE}" ${formatPublicKey(publicKey)}`;
}

/**
 * The terminal prompter, made once and only when something must be asked. Without a terminal a
 * missing flag is an error that names it: a script never waits on a question.
 */
function lazyPrompter(deps: Deps, color: boolean | undefined): (flag: string) => Promise<Prompter> {
  let prompter: Promise<Prompter> | undefined;
  return (flag) => {
    if (!hasTerminal(deps, deps.stderr)) {
      throw new UsageError(
        `keygen needs ${flag} when not run on a terminal (on a terminal it asks), e.g. selfcheck keygen -f ~/.ssh/selfcheck_ed25519 --principal you@school.example`,
      );
    }
    prompter ??= terminalPrompter(deps, deps.stderr, color);
    return prompter;
  };
}

/** The person's home folder, from the injected environment first (tests; HOME on Windows too). */
function homeFolder(deps: Deps): string {
  return deps.env.HOME || deps.env.USERPROFILE || os.homedir();
}

/** `~/x` (or `~\x`) is the home folder's x: typed at a prompt or on Windows, no shell expands it. */
function expandHome(file: string, deps: Deps): string {
  return /^~(?:[/\\]|$)/.test(file) ? path.join(homeFolder(deps), file.slice(1)) : file;
}

/** Proposes ~/.ssh/selfcheck_ed25519; Enter takes it, or the person types another path. */
async function askKeyFile(prompter: Prompter, deps: Deps): Promise<string> {
  const home = homeFolder(deps);
  const proposed = path.join(home, ...DEFAULT_KEY);
  const shown = `~${path.sep}${path.join(...DEFAULT_KEY)}`;
  const resolve = (answer: string) => path.resolve(deps.cwd, expandHome(answer.trim() || proposed, deps));
  const answer = await prompter.input({
    key: "key-file",
    message: `Where to keep your signing key (Enter for ${shown})`,
    validate: (value) => {
      const file = resolve(value);
      if (hasControl(value)) return "The path must not contain control characters";
      if (existsSync(file) || existsSync(`${file}.pub`))
        return `${displayFor(deps)(file)} already exists; keygen never overwrites a key: give another path`;
      if (!existsSync(path.dirname(file)) && !isSshFolder(path.dirname(file), deps))
        return `The folder ${displayFor(deps)(path.dirname(file))} does not exist`;
      return true;
    },
  });
  return resolve(answer);
}

async function askPrincipal(prompter: Prompter): Promise<string> {
  const answer = await prompter.input({
    key: "principal",
    message: "Your email address (it names you as the signer, e.g. sam.patel@school.example)",
    validate: (value) => {
      const v = value.trim();
      const problem = values.email.problem(v) ?? values.principal.problem(v);
      return problem === undefined ? true : `That ${problem}`;
    },
  });
  return answer.trim();
}

function isSshFolder(folder: string, deps: Deps): boolean {
  return folder === path.join(homeFolder(deps), ".ssh");
}

/** ~/.ssh is made when missing (mode 0700), as ssh-keygen does; any other folder must exist. */
async function ensureKeyFolder(file: string, deps: Deps): Promise<void> {
  const folder = path.dirname(file);
  if (!isSshFolder(folder, deps) || (await exists(folder))) return;
  try {
    await mkdir(folder, { mode: 0o700 });
  } catch (error) {
    throw writeFailure(error, file, displayFor(deps));
  }
}

/** A path as one shell word, for the hint a person copies (spaces in Windows user names). */
function quoteForShell(file: string): string {
  return /^[\w@%+=:,./\\~-]+$/.test(file) ? file : `"${file}"`;
}

async function choosePassphrase(
  opts: KeygenOptions,
  deps: Deps,
  ask: (flag: string) => Promise<Prompter>,
): Promise<string> {
  const fromEnv = deps.env.SELFCHECK_KEY_PASSPHRASE;
  if (fromEnv !== undefined) return fromEnv;
  if (!opts.passphrase || !hasTerminal(deps, deps.stderr)) return "";
  const prompter = await ask("--no-passphrase");
  for (;;) {
    const first = await prompter.password({
      key: "passphrase",
      message: "Passphrase for the new key (empty for none)",
    });
    if (first === "") return "";
    const second = await prompter.password({
      key: "passphrase-again",
      message: "Same passphrase again",
    });
    if (first === second) return first;
    deps.stderr.write("The passphrases did not match; try again.\n");
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
