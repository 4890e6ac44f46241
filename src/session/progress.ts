import { type Bank, findQuestion, isChoice } from "../bank/bank.js";
import * as values from "../bank/values.js";
import { MAX_SEED } from "../engine/shuffle.js";
import { wrap } from "../util/text.js";
import type { Prompter } from "./prompter.js";
import { MODES, type Mode } from "../engine/mode.js";
import { firstUnanswered, planQuestions, type Writer } from "./questionnaire.js";

/**
 * What an interrupted interactive run keeps so it can be resumed: the bank it was for, the
 * person's name and role, the mode, the shuffle seed, when it started, and question id → option
 * ids. Nothing else: answers to the public-knowledge test are never in it (they are asked
 * again on resume), and nothing in it is free text but the name.
 */
export const PROGRESS_FORMAT = "selfcheck-progress/1";

export interface Progress {
  format: typeof PROGRESS_FORMAT;
  bank: { id: string; sha256: string };
  name: string;
  role: string;
  mode: Mode;
  seed: number;
  startedAt: string;
  answers: Record<string, string[]>;
}

export interface RunIdentity {
  name: string;
  role: string;
  mode: Mode;
  seed: number;
  startedAt: Date;
}

/** The progress to save after an answer. Pure; the public-knowledge test's answers are left out. */
export function progressOf(bank: Bank, run: RunIdentity, answers: ReadonlyMap<string, readonly string[]>): Progress {
  const kept: Record<string, string[]> = {};
  for (const [id, selected] of answers) {
    const q = findQuestion(bank, id);
    if (q && isChoice(q)) kept[id] = [...selected];
  }
  return {
    format: PROGRESS_FORMAT,
    bank: { id: bank.id, sha256: bank.sha256 },
    name: run.name,
    role: run.role,
    mode: run.mode,
    seed: run.seed,
    startedAt: run.startedAt.toISOString(),
    answers: kept,
  };
}

/**
 * Reads saved progress back for this bank. `undefined` when it is for another bank or another
 * version of it (its ids may mean something else now); an explanation when it cannot be used.
 * Every value is checked as if typed again: the file sits in the user's folder and may be edited.
 */
export function readProgress(text: string, bank: Bank): { progress: Progress } | { problem: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "it is not valid JSON" };
  }
  if (!isRecord(value) || value.format !== PROGRESS_FORMAT) return { problem: "it is not a progress file of this version" };
  const saved = value.bank;
  if (!isRecord(saved) || saved.id !== bank.id || saved.sha256 !== bank.sha256) return undefined;
  const { name, role, mode, seed, startedAt, answers } = value;
  if (typeof name !== "string" || values.personName.problem(name) !== undefined) return { problem: "its name is not valid" };
  if (typeof role !== "string" || !bank.roles.some((r) => r.id === role)) return { problem: "its role is not in the bank" };
  if (typeof mode !== "string" || !MODES.includes(mode as Mode)) return { problem: "its mode is not known" };
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return { problem: "its seed is not valid" };
  if (typeof startedAt !== "string" || Number.isNaN(Date.parse(startedAt))) return { problem: "its start time is not valid" };
  if (!isRecord(answers)) return { problem: "its answers are not valid" };
  const checked: Record<string, string[]> = {};
  for (const [id, selected] of Object.entries(answers)) {
    const q = findQuestion(bank, id);
    const ok =
      q !== undefined &&
      isChoice(q) &&
      Array.isArray(selected) &&
      selected.length > 0 &&
      (q.type === "multi" || selected.length === 1) &&
      new Set(selected).size === selected.length &&
      selected.every((o) => q.options.some((x) => x.id === o));
    if (!ok) return { problem: `its answer to "${id}" is not one this bank takes` };
    checked[id] = selected as string[];
  }
  return {
    progress: { format: PROGRESS_FORMAT, bank: { id: bank.id, sha256: bank.sha256 }, name, role, mode: mode as Mode, seed, startedAt, answers: checked },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Offers to resume a saved run: "Resume from question 41 of 56?". True to resume. */
export async function askToResume(
  progress: Progress,
  { bank, prompter, out, width }: { bank: Bank; prompter: Prompter; out: Writer; width: number },
): Promise<boolean> {
  const plan = planQuestions(bank, progress.role);
  const next = firstUnanswered(plan, new Map(Object.entries(progress.answers)));
  const role = bank.roles.find((r) => r.id === progress.role)?.label ?? progress.role;
  const started = progress.startedAt.slice(0, 16).replace("T", " ");
  // A resumed run keeps its own mode, whatever this run was started with: say so when it differs from the default.
  const mode = progress.mode === "training" ? " It was in training mode, and resumes in it." : "";
  out.write(`${wrap(`An unfinished self-check was saved for ${progress.name} (${role}), started ${started} UTC.${mode}`, width)}\n`);
  const choice = await prompter.select({
    key: "resume",
    message: next
      ? `Resume from question ${next.number} of ${plan.length}?`
      : `Resume? All ${plan.length} questions are answered: check them and finish.`,
    choices: [
      { value: "resume", label: "Yes, resume" },
      { value: "afresh", label: "No, start afresh (the saved answers are deleted)" },
    ],
  });
  return choice === "resume";
}
