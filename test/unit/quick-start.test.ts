import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/bank-fixture.js";

/** CI runs what the README tells a new maintainer to run, so the quick start cannot rot. */
describe("the quick start's test command", () => {
  it("is what .ci/run runs, and installs the system tools through npm run setup", async () => {
    const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const testLine = quickStart.split("\n").find((l) => /\bnpm test\b/.test(l));
    const command = testLine?.replace(/\s+#.*$/, "").trim();
    expect(command).toBe("npm ci && npm run setup && npm test");
    const ci = await readFile(path.join(ROOT, ".ci/run"), "utf8");
    expect(ci.split("\n").map((l) => l.trim())).toContain(command);
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.setup).toBe("bash scripts/install-system-deps.sh");
  });
});
