import path from "node:path";
import type { Bank } from "../bank/bank.js";
import { parseJson } from "../bank/json-file.js";
import { readInput } from "../bank/read-input.js";
import * as values from "../bank/values.js";
import type { Answers } from "../engine/score.js";
import { checkAnswersFile } from "../session/answers-file.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { displayFor, formatLocated } from "./shared.js";

// What `run` reads besides its flags: the answers file of a scripted run, the name typed at the prompt.

/** Reads and checks a scripted run's answers file (YAML or JSON); every problem is exit 2 with its position. */
export async function readAnswers(
  file: string,
  bank: Bank,
  role: string | undefined,
  deps: Deps,
): Promise<Answers> {
  const abs = path.resolve(deps.cwd, file);
  const shown = displayFor(deps)(abs);
  const read = await readInput(abs, shown);
  if (!read.ok)
    throw new UsageError("cannot use the answers file", [formatLocated(read.diagnostic)]);
  // JSON is read without loading the YAML parser (a faster start for scripted runs in CI).
  const parsed = /\.json$/i.test(file)
    ? parseJson(read.bytes, shown)
    : (await import("../bank/yaml-file.js")).parseYaml(read.bytes, shown);
  if (!parsed.ok)
    throw new UsageError("cannot use the answers file", parsed.diagnostics.map(formatLocated));
  const checked = checkAnswersFile(parsed.source, bank, role);
  if (checked.diagnostics.length > 0) {
    throw new UsageError("cannot use the answers file", checked.diagnostics.map(formatLocated));
  }
  return checked.answers;
}

/** The prompt trims what was typed, then applies the same rule as --name and the summary. */
export function validateName(value: string): string | true {
  const name = value.trim();
  if (name === "") return "Please enter your name.";
  const problem = values.personName.problem(name);
  return problem === undefined ? true : `Your name ${problem}.`;
}
