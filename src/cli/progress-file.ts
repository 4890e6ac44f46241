import { mkdirSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import type { Bank } from "../bank/bank.js";
import { type Progress, readProgress } from "../session/progress.js";
import { writeFileAtomic } from "../util/write-file-atomic.js";
import { setStopNote } from "./signals.js";

/**
 * The user's own state folder, where an unfinished run's progress lives: `%LOCALAPPDATA%` on
 * Windows; `$XDG_STATE_HOME` (when absolute, as the XDG spec asks) or `~/.local/state`
 * elsewhere. From the injected environment, so tests point it at a temporary folder.
 */
export function stateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === "win32") {
    const local = env.LOCALAPPDATA;
    return local && path.win32.isAbsolute(local) ? path.win32.join(local, "policy-selfcheck") : undefined;
  }
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "policy-selfcheck");
  const home = env.HOME;
  return home && path.isAbsolute(home) ? path.join(home, ".local", "state", "policy-selfcheck") : undefined;
}

/** One progress file per bank id: `run --bank` with another bank never offers this one's. */
export function progressPath(env: NodeJS.ProcessEnv, bank: Bank): string | undefined {
  const dir = stateDir(env);
  return dir === undefined ? undefined : path.join(dir, `progress-${bank.id}.json`);
}

export type SavedProgress =
  | { kind: "none" }
  | { kind: "found"; progress: Progress }
  | { kind: "unusable"; problem: string };

/** Reads the saved progress for this bank, if any; a file for another version of the bank is none. */
export function loadProgress(file: string, bank: Bank): SavedProgress {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { kind: "none" };
  }
  const read = readProgress(text, bank);
  if (read === undefined) return { kind: "none" };
  return "problem" in read ? { kind: "unusable", problem: read.problem } : { kind: "found", progress: read.progress };
}

/**
 * Saves progress so that a reader only ever sees the old or the new file (atomic rename), readable
 * by this user only (0600, in a 0700 folder): it holds a name.
 */
export async function saveProgress(file: string, progress: Progress): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(progress)}\n`, { force: true, mode: 0o600 });
}

export function deleteProgress(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** The progress of one interactive run: what to resume from, how to save, and the clean-up. */
export interface RunProgress {
  /** The saved run the person chose to resume, if any. */
  resumed: Progress | undefined;
  /** After every answer. A folder that cannot be written costs the resume, never the run. */
  save(progress: Progress): Promise<void>;
  /** The run finished (or was declined): nothing is kept. */
  finish(): void;
}

/**
 * Looks for an unfinished run of this bank and asks (through `ask`) whether to resume it.
 * Declined, or `--no-resume`: it is deleted and the run starts afresh.
 */
export async function openRunProgress(options: {
  env: NodeJS.ProcessEnv;
  bank: Bank;
  resume: boolean;
  ask: (progress: Progress) => Promise<boolean>;
  warn: (text: string) => void;
}): Promise<RunProgress> {
  const file = progressPath(options.env, options.bank);
  if (file === undefined) {
    return { resumed: undefined, save: async () => undefined, finish: () => setStopNote(undefined) };
  }
  let resumed: Progress | undefined;
  const saved = options.resume ? loadProgress(file, options.bank) : ({ kind: "none" } as const);
  if (saved.kind === "unusable") {
    options.warn(`A saved unfinished run could not be used (${saved.problem}), so this one starts afresh.`);
  } else if (saved.kind === "found" && (await options.ask(saved.progress))) {
    resumed = saved.progress;
  }
  if (!resumed) deleteProgress(file);
  let failed = false;
  return {
    resumed,
    async save(progress) {
      if (failed) return;
      try {
        await saveProgress(file, progress);
        setStopNote(STOP_NOTE_SAVED);
      } catch (error) {
        failed = true;
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        options.warn(`Your progress cannot be saved in ${path.dirname(file)} (${reason}): if this run is interrupted, it cannot be resumed.`);
      }
    },
    finish() {
      deleteProgress(file);
      setStopNote(undefined);
    },
  };
}

const STOP_NOTE_SAVED = "your answers so far are saved. Run selfcheck run again to resume.";
