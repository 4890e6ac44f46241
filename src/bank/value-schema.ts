import { z } from "zod";
import type { ValueRule } from "./values.js";

/** A zod string schema that applies one value rule (values.ts), for the bank and summary schemas. */
export function valueSchema(rule: ValueRule) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = rule.problem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: `${rule.what} ${problem}` });
    })
    .describe(`${rule.what}: one line, at most ${rule.max} characters`);
}
