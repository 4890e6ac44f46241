import type { Style } from "./style.js";

/** What `selfcheck keygen` made: the files, the fingerprint and the line for allowed_signers. */
export interface NewKey {
  privateKey: string;
  publicKey: string;
  fingerprint: string;
  encrypted: boolean;
  allowedSigners: string;
}

/** `keygen`: the files written, and what to do with the public half. */
export function renderNewKey(result: NewKey, style: Style): string {
  return [
    `${style.good("✓")} Wrote ${result.privateKey} (private, mode 0600${result.encrypted ? ", passphrase-protected" : ", no passphrase"}) and ${result.publicKey}`,
    `Fingerprint: ${result.fingerprint}`,
    "Line for the allowed_signers file of whoever verifies your summaries:",
    result.allowedSigners,
    `Sign your summary with: selfcheck run --export --key ${quoteForShell(result.privateKey)}`,
    "",
  ].join("\n");
}

/** `keygen --from-ssh-key`: the line for an existing key, and how to sign with its private half. */
export function renderSignerLine(result: { fingerprint: string; allowedSigners: string }, privateKey: string | undefined): string {
  return [
    `Fingerprint: ${result.fingerprint}`,
    "Line for the allowed_signers file of whoever verifies your summaries:",
    result.allowedSigners,
    ...(privateKey !== undefined ? [`Sign your summary with: selfcheck run --export --key ${quoteForShell(privateKey)}`] : []),
    "",
  ].join("\n");
}

/** A path as one shell word, for the hint a person copies (spaces in Windows user names). */
function quoteForShell(file: string): string {
  return /^[\w@%+=:,./\\~-]+$/.test(file) ? file : `"${file}"`;
}
