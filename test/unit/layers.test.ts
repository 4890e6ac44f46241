import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/bank-fixture.js";

/**
 * The layer rule in eslint.config.js (`npm run lint`, part of `npm test`): layers only point down,
 * cli → session → report → summary → engine → bank → util, and no action imports another.
 */
const eslint = new ESLint({ cwd: ROOT });
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the layer rule", () => {
  it.each([
    ["src/bank/x.ts", 'import { renderBankText } from "../report/bank-text.js";\nexport const f = renderBankText;\n'],
    ["src/bank/x.ts", 'import type { Mode } from "../engine/mode.js";\nexport type M = Mode;\n'],
    ["src/engine/x.ts", 'export const f = () => import("../summary/summary.js");\n'],
    ["src/util/x.ts", 'export { main } from "../cli/main.js";\n'],
    ["src/report/x.ts", 'import { askQuestions } from "../session/questionnaire.js";\nexport const f = askQuestions;\n'],
    ["src/session/x.ts", 'import type { Deps } from "../cli/deps.js";\nexport type D = Deps;\n'],
    ["src/cli/actions/x.ts", 'import { runShow } from "./show.js";\nexport const f = runShow;\n'],
    ["src/cli/actions/x.ts", 'export const f = () => import("./run.js");\n'],
  ])("refuses %s importing upward or across: %s", async (file, code) => {
    const found = await problems(file, code);
    expect(found.length).toBe(1);
    expect(found[0]).toMatch(/^no-restricted-(imports|syntax): .*(layers point down|an action imports no other action)/);
  });

  it.each([
    ["src/report/x.ts", 'import type { Bank } from "../bank/bank.js";\nimport { wrap } from "../util/text.js";\nexport const f = (b: Bank) => wrap(b.title, 80);\n'],
    ["src/session/x.ts", 'import { renderBankText } from "../report/bank-text.js";\nexport const f = renderBankText;\n'],
    ["src/cli/actions/x.ts", 'import { parseDate } from "../flags.js";\nimport { wrap } from "../../util/text.js";\nexport const f = [parseDate, wrap];\n'],
  ])("allows %s importing downward: %s", async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
