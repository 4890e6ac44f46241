import { cp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idRecord } from "../../src/util/records.js";
import { MINIMAL_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { sampleSummary, signSummary, trustedKey } from "../helpers/summaries.js";
import { runCli } from "../helpers/cli.js";

describe("idRecord: ids index data without a prototype", () => {
  it("finds nothing for constructor, toString or __proto__ unless they were put there", () => {
    const r = idRecord([["scope", 1]]);
    expect(r.constructor).toBeUndefined();
    expect(r.toString).toBeUndefined();
    expect(r.scope).toBe(1);
    const withProto = idRecord([["__proto__", 2]]);
    expect(Object.keys(withProto)).toEqual(["__proto__"]);
    expect(withProto.__proto__).toBe(2);
    expect(JSON.parse(JSON.stringify(withProto))).toEqual(JSON.parse('{"__proto__": 2}'));
  });
});

describe("a bank whose section id is `constructor`", () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    work = await tempDir();
    // The minimal bank with its section `alpha` renamed `constructor` (ids, files and references).
    const odd = path.join(work.dir, "odd-bank");
    await cp(MINIMAL_BANK, odd, { recursive: true });
    for (const file of ["bank.yaml", "policy.yaml", "sections/01-alpha.yaml", "sections/02-beta.yaml"]) {
      const p = path.join(odd, file);
      await writeFile(p, (await readFile(p, "utf8")).replaceAll("alpha", "constructor").replace(/^id: minimal$/m, "id: odd"));
    }
    await rename(path.join(odd, "sections/01-alpha.yaml"), path.join(odd, "sections/01-constructor.yaml"));
    const trainer = trustedKey("trainer@school.example");
    await writeFile(path.join(work.dir, "allowed_signers"), `${trainer.line}\n`);
    // Two people: one took the ordinary bank (no `constructor` section), one the odd bank.
    await writeFile(path.join(work.dir, "a.json"), signSummary(sampleSummary(await mustLoad(MINIMAL_BANK), { name: "Ann Able", staffId: "A-1" }), trainer.key));
    await writeFile(path.join(work.dir, "b.json"), signSummary(sampleSummary(await mustLoad(odd), { name: "Bob Best", staffId: "B-1" }), trainer.key));
    await rm(odd, { recursive: true });
    expect((await readdir(work.dir)).sort()).toEqual(["a.json", "allowed_signers", "b.json"]);
  });
  afterAll(() => work.cleanup());

  it.each(["csv", "json", "table", "html"])("report --format %s never shows Object's own function", async (format) => {
    const r = await runCli(["report", "a.json", "b.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", "2026-12-01", "--format", format], { cwd: work.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/constructor/);
    expect(r.stdout).not.toMatch(/function Object|\[native code\]/);
  });
});
