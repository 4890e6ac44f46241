import { access, unlink } from "node:fs/promises";
import path from "node:path";
import {
  encodePrivateKey,
  fingerprint,
  formatPublicKey,
  generateKey,
} from "../../summary/openssh-key.js";
import * as values from "../../bank/values.js";
import { NAMESPACE } from "../../summary/summary.js";
import { hasControl } from "../../util/escape.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { checkFlagValue } from "../flag-values.js";
import { checkWriteTarget, writeTargetFile } from "../io.js";
import { displayFor, hasTerminal, styleFor, terminalPrompter, writeJson } from "../shared.js";

export interface KeygenOptions {
  file: string;
  principal: string;
  comment?: string;
  passphrase: boolean;
  json?: boolean;
  color?: boolean;
}

export async function runKeygen(opts: KeygenOptions, deps: Deps): Promise<number> {
  checkFlagValue("--principal", values.principal, opts.principal);
  const comment = opts.comment ?? opts.principal;
  if (hasControl(comment)) throw new UsageError("--comment must not contain control characters");

  const file = path.resolve(deps.cwd, opts.file);
  const pub = `${file}.pub`;
  const show = displayFor(deps);
  for (const target of [file, pub]) {
    if (await exists(target))
      throw new UsageError(`${show(target)} already exists; keygen never overwrites a key`);
  }
  checkWriteTarget(opts.file, false, deps);
  checkWriteTarget(`${opts.file}.pub`, false, deps);

  const passphrase = await choosePassphrase(opts, deps);
  const key = generateKey(comment);
  await writeTargetFile(file, encodePrivateKey(key, passphrase), { force: false, mode: 0o600 }, deps);
  try {
    await writeTargetFile(pub, `${formatPublicKey(key.publicKey, comment)}\n`, { force: false, mode: 0o644 }, deps);
  } catch (error) {
    await unlink(file).catch(() => undefined); // no half a key pair
    throw error;
  }

  const allowedSigners = `${opts.principal} namespaces="${NAMESPACE}" ${formatPublicKey(key.publicKey)}`;
  const result = {
    privateKey: show(file),
    publicKey: show(pub),
    fingerprint: fingerprint(key.publicKey),
    principal: opts.principal,
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
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}

async function choosePassphrase(opts: KeygenOptions, deps: Deps): Promise<string> {
  const fromEnv = deps.env.SELFCHECK_KEY_PASSPHRASE;
  if (fromEnv !== undefined) return fromEnv;
  if (!opts.passphrase || !hasTerminal(deps, deps.stderr)) return "";
  const prompter = await terminalPrompter(deps, deps.stderr, opts.color);
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
