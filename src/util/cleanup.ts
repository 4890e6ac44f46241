import { unlinkSync } from "node:fs";

/**
 * Temporary files to remove if the process is stopped by a signal before it finishes with
 * them. Synchronous on purpose: a signal handler has no time for promises.
 */
const pending = new Set<string>();

export function trackTempFile(file: string): () => void {
  pending.add(file);
  return () => pending.delete(file);
}

export function removeTempFiles(): void {
  for (const file of pending) {
    try {
      unlinkSync(file);
    } catch {
      // never created, or already renamed into place
    }
  }
  pending.clear();
}
