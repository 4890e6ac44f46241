import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scaffoldBank } from "../../src/bank/scaffold.js";
import { QUALITY_RULES } from "../../src/bank/lint-quality.js";
import { ROOT } from "../helpers/bank-fixture.js";

/** The maintainer's guide shows what `init` writes, and documents every bank-quality rule. */
const guide = () => readFile(path.join(ROOT, "docs/writing-a-bank.md"), "utf8");
const files = scaffoldBank({ id: "example", title: "Safeguarding Policy", organisation: "Hill Primary" });

describe("docs/writing-a-bank.md", () => {
  it("shows init's example section file and scenario exactly as init writes them", async () => {
    const text = await guide();
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(files["sections/01-reporting.yaml"]);
    expect(blocks).toContain(files["scenarios/missed-critical-fails.yaml"]);
  });

  it("explains every bank-quality rule validate reports", async () => {
    const text = await guide();
    for (const rule of [...QUALITY_RULES, "placeholder", "no-contacts", "public-test-title"]) {
      expect(text, rule).toContain(`\`${rule}\``);
    }
  });

  it("is linked from the README", async () => {
    expect(await readFile(path.join(ROOT, "README.md"), "utf8")).toContain("docs/writing-a-bank.md");
  });
});
