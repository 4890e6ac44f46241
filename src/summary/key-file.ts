import { stat } from "node:fs/promises";
import { readInput } from "../bank/read-input.js";
import { decodePrivateKey, type Ed25519Key, isEncrypted, KeyError } from "./openssh-key.js";

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyFileError";
  }
}

/**
 * Reads an OpenSSH Ed25519 private key as ssh does: a key that group or others can read is
 * refused, and the passphrase is asked for only when the key is encrypted.
 */
export async function readPrivateKeyFile(
  file: string,
  shown: string,
  askPassphrase: () => Promise<string | undefined>,
  /** Called just before the passphrase is stretched (bcrypt: seconds for a key with many rounds). */
  onUnlock: () => void = () => undefined,
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
  try {
    const passphrase = isEncrypted(text) ? await askPassphrase() : undefined;
    if (passphrase !== undefined && passphrase !== "") onUnlock();
    return decodePrivateKey(text, passphrase);
  } catch (error) {
    if (error instanceof KeyError) {
      const hint =
        error.problem === "passphrase-required"
          ? " (set SELFCHECK_KEY_PASSPHRASE, or run on a terminal to be asked)"
          : "";
      throw new KeyFileError(`private key ${shown}: ${error.message}${hint}`);
    }
    throw error;
  }
}
