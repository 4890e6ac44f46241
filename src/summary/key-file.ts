import { stat } from "node:fs/promises";
import { readInput } from "../bank/read-input.js";
import { escapeControl } from "../util/escape.js";
import { decodePrivateKey, type Ed25519Key, isEncrypted, KEY_TYPE, KeyError, parsePublicKeyBlob } from "./openssh-key.js";

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyFileError";
  }
}

/**
 * Reads an OpenSSH Ed25519 private key as ssh does: a key that group or others can read is
 * refused, and the passphrase is asked for only when the key is encrypted. A mistyped
 * passphrase is asked for again, up to `attempts` times in all (ssh-keygen allows three on a
 * terminal; a passphrase from the environment gets one); `askPassphrase` learns which attempt
 * it is, so it can say that the last one was wrong.
 */
export async function readPrivateKeyFile(
  file: string,
  shown: string,
  askPassphrase: (attempt: number) => Promise<string | undefined>,
  /** Called just before the passphrase is stretched (bcrypt: seconds for a key with many rounds). */
  onUnlock: () => void = () => undefined,
  attempts = 1,
): Promise<Ed25519Key> {
  const info = await stat(file).catch(() => undefined);
  if (info && process.platform !== "win32" && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, "0");
    throw new KeyFileError(
      `permissions ${mode} for private key ${shown} are too open: it must be readable by you only (chmod 600 ${shown})`,
    );
  }
  const read = await readInput(file, shown, { maxBytes: 64 * 1024 });
  if (!read.ok) throw new KeyFileError(`private key ${shown}: ${read.diagnostic.message}`);
  const text = new TextDecoder().decode(read.bytes);
  for (let attempt = 1; ; attempt++) {
    try {
      const passphrase = isEncrypted(text) ? await askPassphrase(attempt) : undefined;
      if (passphrase !== undefined && passphrase !== "") onUnlock();
      return decodePrivateKey(text, passphrase);
    } catch (error) {
      if (error instanceof KeyError) {
        if (error.problem === "wrong-passphrase" && attempt < attempts) continue;
        const hint =
          error.problem === "passphrase-required"
            ? " (set SELFCHECK_KEY_PASSPHRASE, or run on a terminal to be asked)"
            : error.problem === "wrong-passphrase" && attempts > 1
              ? ` (${attempts} attempts)`
              : "";
        throw new KeyFileError(`private key ${shown}: ${error.message}${hint}`);
      }
      throw error;
    }
  }
}

/**
 * Reads an OpenSSH public key file (`ssh-ed25519 AAAA… comment`, as `ssh-keygen` writes
 * `id_ed25519.pub`): the first line that is not blank or a `#` comment. Only Ed25519 keys sign
 * summaries; a private key given by mistake is refused without echoing any of it.
 */
export async function readPublicKeyFile(
  file: string,
  shown: string,
): Promise<{ publicKey: Buffer; comment: string }> {
  const read = await readInput(file, shown, { maxBytes: 64 * 1024 });
  if (!read.ok) throw new KeyFileError(`public key ${shown}: ${read.diagnostic.message}`);
  const lines = new TextDecoder().decode(read.bytes).split(/\r?\n/);
  const index = lines.findIndex((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  const line = (lines[index] ?? "").trim();
  const where = `${shown}:${index + 1}:1`;
  if (index === -1) throw new KeyFileError(`public key ${shown}: the file holds no key`);
  if (line.startsWith("-----BEGIN")) {
    throw new KeyFileError(
      `${shown} is a private key: give its public half (${shown.endsWith(".pub") ? shown : `${shown}.pub`}), which is safe to share`,
    );
  }
  const [type = "", base64 = "", ...rest] = line.split(/\s+/);
  if (type !== KEY_TYPE) {
    const known = /^(ssh-|ecdsa-|sk-)/.test(type);
    throw new KeyFileError(
      known
        ? `${where} is a ${escapeControl(type.slice(0, 40))} key: summaries are signed with Ed25519 keys only (make one with selfcheck keygen, or ssh-keygen -t ed25519)`
        : `${where} is not an OpenSSH public key line (expected "${KEY_TYPE} AAAA… comment")`,
    );
  }
  const blob = Buffer.from(base64, "base64");
  if (base64 === "" || blob.toString("base64") !== base64) {
    throw new KeyFileError(`${where}: the key is not valid base64`);
  }
  try {
    return { publicKey: parsePublicKeyBlob(blob), comment: rest.join(" ") };
  } catch (error) {
    if (error instanceof KeyError) throw new KeyFileError(`${where}: ${error.message}`);
    // A truncated blob: the wire reader runs out of bytes.
    throw new KeyFileError(`${where}: the key is malformed`);
  }
}
