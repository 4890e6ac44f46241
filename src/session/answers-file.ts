import { type Bank, findQuestion, isChoice } from "../bank/bank.js";
import type { Diagnostic } from "../util/diagnostic.js";
import type { PathSegment, YamlSource } from "../bank/yaml-file.js";
import { type Answers, applicableQuestions } from "../engine/score.js";

export interface AnswersCheck {
  answers: Answers;
  diagnostics: Diagnostic[];
}

/**
 * Turns a parsed answers file into Answers, checking it against the bank. Two shapes:
 *
 *   safeguarding-current-pupil-request: decline-and-alert   # flat: question id → option id(s)
 *
 *   bank: wajs-social-media                                  # or with the bank named, so an
 *   answers: { safeguarding-current-pupil-request: ... }     # answers file for another bank is caught
 *
 * Every question that applies to the role must be answered; answers to questions that the role
 * skips are accepted and ignored.
 */
export function checkAnswersFile(source: YamlSource, bank: Bank, role?: string): AnswersCheck {
  const diagnostics: Diagnostic[] = [];
  const report = (path: PathSegment[], message: string, rule: string, key?: string) =>
    diagnostics.push({ file: source.file, ...source.locate(path, key), severity: "error", message, rule });

  const root = source.value;
  if (!isRecord(root)) {
    report([], "an answers file must be a mapping of question id to option id(s)", "answers-shape");
    return { answers: new Map(), diagnostics };
  }
  let entries: Record<string, unknown> = root;
  let base: PathSegment[] = [];
  if ("answers" in root && isRecord(root.answers)) {
    for (const key of Object.keys(root)) {
      if (key !== "answers" && key !== "bank" && key !== "version") {
        report([], `unknown key "${key}" (expected bank, version, answers)`, "unknown-key", key);
      }
    }
    if (root.bank !== undefined && root.bank !== bank.id) {
      report(["bank"], `answers file is for bank "${String(root.bank)}", but the bank in use is "${bank.id}"`, "other-bank");
      return { answers: new Map(), diagnostics };
    }
    entries = root.answers;
    base = ["answers"];
  }

  const keys = Object.keys(entries);
  if (keys.length > 0 && !keys.some((k) => findQuestion(bank, k) !== undefined)) {
    report(
      base,
      `none of the ${keys.length} question ids in this file is in bank "${bank.id}"; is it an answers file for another bank?`,
      "other-bank",
    );
    return { answers: new Map(), diagnostics };
  }

  const checked = checkAnswerEntries(entries, { source, base, bank });
  diagnostics.push(...checked.diagnostics);
  const missing = bank.sections
    .flatMap((s) => applicableQuestions(s, role))
    .filter((q) => !Object.hasOwn(entries, q.id))
    .map((q) => q.id);
  if (missing.length > 0) {
    report(
      base,
      `${missing.length} question${missing.length === 1 ? " has" : "s have"} no answer: ${missing.join(", ")}`,
      "missing-answer",
    );
  }
  return { answers: checked.answers, diagnostics };
}

/**
 * Checks `question id → answer` entries (from an answers file or a scenario's overrides):
 * known questions, known options, the right number of them. A public-test takes `no`, `yes`
 * (every part) or a list of the part ids answered yes. Pure: positions come from `source`.
 */
export function checkAnswerEntries(
  entries: Record<string, unknown>,
  context: { source: YamlSource; base: PathSegment[]; bank: Bank },
): AnswersCheck {
  const { source, base, bank } = context;
  const diagnostics: Diagnostic[] = [];
  const answers = new Map<string, string[]>();
  const report = (path: PathSegment[], message: string, rule: string, key?: string) =>
    diagnostics.push({ file: source.file, ...source.locate(path, key), severity: "error", message, rule });

  let unknownReported = 0;
  for (const key of Object.keys(entries)) {
    const question = findQuestion(bank, key);
    if (!question) {
      // A wrong file can hold thousands of bad ids; name a few and count the rest.
      if (unknownReported++ < 20) report(base, `unknown question id "${key}"`, "unknown-question", key);
      continue;
    }
    const ids = toIdList(entries[key]);
    if (ids === undefined) {
      report([...base, key], `answer to "${key}" must be an option id or a list of option ids`, "answer-shape");
      continue;
    }
    if (isChoice(question)) {
      const optionIds = question.options.map((o) => o.id);
      const bad = ids.filter((id) => !optionIds.includes(id));
      if (bad.length > 0) {
        report(
          [...base, key],
          `unknown option ${bad.map((b) => `"${b}"`).join(", ")} for "${key}" (options: ${optionIds.join(", ")})`,
          "unknown-option",
        );
      } else if (question.type !== "multi" && ids.length !== 1) {
        report([...base, key], `"${key}" takes exactly one option, got ${ids.length}`, "answer-count");
      } else if (new Set(ids).size !== ids.length) {
        report([...base, key], `an option is listed twice for "${key}"`, "answer-count");
      } else {
        answers.set(key, ids);
      }
      continue;
    }
    const partIds = question.parts.map((p) => p.id);
    if (ids.length === 1 && (ids[0] === "no" || ids[0] === "yes")) {
      answers.set(key, ids[0] === "yes" ? partIds : []);
      continue;
    }
    const bad = ids.filter((id) => !partIds.includes(id));
    if (bad.length > 0) {
      report(
        [...base, key],
        `unknown part ${bad.map((b) => `"${b}"`).join(", ")} for "${key}" (use no, yes, or parts: ${partIds.join(", ")})`,
        "unknown-option",
      );
      continue;
    }
    answers.set(key, [...new Set(ids)]);
  }
  if (unknownReported > 20) {
    report(base, `… and ${unknownReported - 20} more unknown question ids`, "unknown-question");
  }
  return { answers, diagnostics };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toIdList(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}
