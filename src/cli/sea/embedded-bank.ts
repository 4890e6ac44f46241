import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

/** One file of the bank embedded in the standalone executable; `name` is relative, with `/`. */
export interface EmbeddedFile {
  name: string;
  bytes: Uint8Array;
}

const getuid = (): number | undefined => (typeof process.getuid === "function" ? process.getuid() : undefined);

/**
 * Unpacks the embedded bank into a private folder and returns its path. The bank loader reads a
 * folder, so the executable gives it one: `selfcheck-bank-UID-HASH` in the temporary folder,
 * named by `digest` (the sha256 of the files' names, lengths and contents, computed when the
 * executable was built), so that each build has its own folder and later runs reuse it.
 *
 * The folder is trusted only if it is ours and exactly right: a real directory (not a link),
 * owned by this user and closed to others (mode 0700, on systems with users and modes), holding
 * exactly the embedded files, byte for byte. Anything else — another user's folder in a shared
 * /tmp, a folder a temp cleaner has half emptied, an edited file — is not used. A new copy is
 * written into a fresh private folder (mkdtemp: 0700, files 0600) and renamed into place in one
 * step, so no process ever sees a half-written bank; if the name stays taken by something that
 * is not ours, the fresh copy is used for this run and removed at exit.
 */
export function unpackBank(
  files: readonly EmbeddedFile[],
  options: { digest: string; base?: string },
): string {
  const { digest } = options;
  const base = realpathSync(options.base ?? os.tmpdir());
  const uid = getuid();
  const final = path.join(base, `selfcheck-bank-${uid ?? "user"}-${digest.slice(0, 16)}`);
  if (isIntact(final, files)) return final;

  const fresh = mkdtempSync(path.join(base, `.selfcheck-bank-${digest.slice(0, 16)}-`));
  try {
    for (const f of files) {
      const target = path.join(fresh, ...f.name.split("/"));
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, f.bytes, { mode: 0o600, flag: "wx" });
    }
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }

  if (tryRename(fresh, final)) return final;
  // Another run may have put the same bank there a moment ago: then use it.
  if (isIntact(final, files)) {
    rmSync(fresh, { recursive: true, force: true });
    return final;
  }
  // Our own stale or damaged copy: set it aside, put the fresh one in its place.
  if (isOurs(final)) {
    const aside = `${fresh}-old`;
    if (tryRename(final, aside)) {
      rmSync(aside, { recursive: true, force: true });
      if (tryRename(fresh, final)) return final;
    }
  }
  process.once("exit", () => rmSync(fresh, { recursive: true, force: true }));
  return fresh;
}

function tryRename(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}

function isOurs(dir: string): boolean {
  let info;
  try {
    info = lstatSync(dir);
  } catch {
    return false;
  }
  if (!info.isDirectory()) return false;
  const uid = getuid();
  return uid === undefined || (info.uid === uid && (info.mode & 0o077) === 0);
}

/** Every regular file under `dir`, relative with `/`; undefined if anything else is there. */
function listFiles(dir: string, prefix = ""): string[] | undefined {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      const inner = listFiles(path.join(dir, entry.name), rel);
      if (inner === undefined) return undefined;
      names.push(...inner);
    } else if (entry.isFile()) {
      names.push(rel);
    } else {
      return undefined;
    }
  }
  return names;
}

function isIntact(dir: string, files: readonly EmbeddedFile[]): boolean {
  if (!isOurs(dir)) return false;
  try {
    const found = listFiles(dir);
    if (found === undefined || found.length !== files.length) return false;
    const expected = new Set(files.map((f) => f.name));
    if (!found.every((name) => expected.has(name))) return false;
    return files.every((f) =>
      Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength).equals(
        readFileSync(path.join(dir, ...f.name.split("/"))),
      ),
    );
  } catch {
    return false;
  }
}
