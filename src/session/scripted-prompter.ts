import type { Answers } from "../engine/score.js";
import type { Prompter } from "./prompter.js";

/**
 * Answers prompts from a checked answers file. A question the file does not answer is a bug
 * in the caller (answers are checked for completeness first), so it throws rather than guess.
 */
export function createScriptedPrompter(
  answers: Answers,
  person: { name?: string; role?: string } = {},
): Prompter {
  const lookup = (key: string): readonly string[] => {
    const slash = key.indexOf("/");
    if (slash !== -1) {
      // A public-test part: "yes" when the part is among those answered yes.
      const parts = answers.get(key.slice(0, slash));
      if (parts === undefined) throw new Error(`scripted answers have no entry for "${key}"`);
      return [parts.includes(key.slice(slash + 1)) ? "yes" : "no"];
    }
    const value = answers.get(key);
    if (value === undefined) throw new Error(`scripted answers have no entry for "${key}"`);
    return value;
  };
  return {
    async select({ key }) {
      if (key === "role" && person.role !== undefined) return person.role;
      const [first] = lookup(key);
      if (first === undefined) throw new Error(`scripted answer for "${key}" is empty`);
      return first;
    },
    async checkbox({ key }) {
      return [...lookup(key)];
    },
    async pause() {
      // Nobody to wait for.
    },
    async password({ key }) {
      throw new Error(`scripted runs cannot answer "${key}"`);
    },
    async input({ key }) {
      if (key === "name" && person.name !== undefined) return person.name;
      throw new Error(`scripted runs cannot answer "${key}"`);
    },
  };
}
