import { unlink } from "node:fs/promises";
import path from "node:path";
import * as values from "../../bank/values.js";
import { renderNewKey, renderSignerLine } from "../../report/keygen-text.js";
import { KeyFileError, readPublicKeyFile } from "../../summary/key-file.js";
import { encodePrivateKey, fingerprint, formatPublicKey, generateKey } from "../../summary/openssh-key.js";
import { signerLine } from "../../summary/signer-line.js";
import type { Prompter } from "../../session/prompter.js";
import { hasControl } from "../../util/escape.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { checkFlagValue } from "../flag-values.js";
import { checkWriteTarget, writeTargetFile } from "../io.js";
import { askKeyFile, askPrincipal, choosePassphrase, ensureKeyFolder, exists, expandHome, lazyPrompter } from "../key-prompts.js";
import { displayFor, styleFor, writeJson } from "../shared.js";

export interface KeygenOptions {
  file?: string;
  principal?: string;
  comment?: string;
  passphrase: boolean;
  fromSshKey?: string;
  json?: boolean;
  color?: boolean;
}

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
  deps.stdout.write(renderNewKey(result, styleFor(deps.stdout, deps, opts.color)));
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
  deps.stdout.write(renderSignerLine(result, privateKey === undefined ? undefined : show(privateKey)));
  return EXIT.ok;
}
