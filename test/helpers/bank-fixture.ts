import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEFAULT_BANK = path.join(ROOT, "questions");
export const MINIMAL_BANK = path.join(ROOT, "test/fixtures/banks/minimal");
export const CLI = path.join(ROOT, "bin/selfcheck.js");

/** A private copy of a bank, with some files replaced or added, removed when `cleanup` runs. */
export async function bankCopy(
  from: string,
  overrides: Record<string, string | null> = {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "selfcheck-bank-"));
  await cp(from, dir, { recursive: true });
  for (const [name, content] of Object.entries(overrides)) {
    const file = path.join(dir, name);
    if (content === null) {
      await rm(file, { force: true });
    } else {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "selfcheck-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A named pipe (FIFO) at `file`: Node cannot make one itself, so mkfifo(1) does. */
export function makeFifo(file: string): void {
  execFileSync("mkfifo", [file]);
}
