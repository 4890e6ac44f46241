import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { parseYaml } from "../../src/bank/yaml-file.js";
import { checkAnswersFile } from "../../src/session/answers-file.js";
import { DEFAULT_BANK, ROOT } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

/** Documented examples must work against the shipped bank, or the docs teach wrong ids. */
let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(DEFAULT_BANK);
});

function checkExample(text: string) {
  const parsed = parseYaml(new TextEncoder().encode(text), "example.yaml");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  // Examples are partial on purpose: only unknown ids and options are mistakes.
  return checkAnswersFile(parsed.source, bank).diagnostics.filter(
    (d) => d.rule !== "missing-answer",
  );
}

describe("documented answers-file examples use real ids", () => {
  it("README", async () => {
    const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
    const block = /An answers file is YAML[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    expect(checkExample(block ?? "")).toEqual([]);
  });

  it("run --help", async () => {
    const help = await readFile(path.join(ROOT, "src/cli/commands/run.ts"), "utf8");
    const lines = /Answers file \(YAML or JSON\)[\s\S]*?\n((?: {2}\S.*\n)+)/.exec(help)?.[1];
    expect(lines).toBeDefined();
    expect(checkExample((lines ?? "").replace(/^ {2}/gm, ""))).toEqual([]);
  });
});
