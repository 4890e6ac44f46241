import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeBankCache, readBankCache } from "../../src/bank/bank-cache.js";
import { loadBank } from "../../src/bank/load-bank.js";
import { bankCopy, MINIMAL_BANK, tempDir } from "../helpers/bank-fixture.js";

/** The build's precompiled bank is used only while the bank's files are exactly what it was built from. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function cached() {
  const copy = await bankCopy(MINIMAL_BANK);
  // The cache lives beside the bank, not in it (a file in the bank folder is bank content).
  const beside = await tempDir();
  cleanups.push(copy.cleanup, beside.cleanup);
  const { bank, files } = await loadBank(copy.dir);
  if (!bank || !files) throw new Error("fixture");
  const cacheFile = path.join(beside.dir, "bank.cache.json");
  await writeFile(cacheFile, JSON.stringify(makeBankCache(bank, files)));
  return { dir: copy.dir, bank, cacheFile };
}

describe("the precompiled bank", () => {
  it("is the same bank as a full load, with files shown from the current folder", async () => {
    const { dir, bank, cacheFile } = await cached();
    const fromCache = readBankCache(cacheFile, dir, (abs) => path.relative(dir, abs));
    expect(fromCache?.sha256).toBe(bank.sha256);
    expect(fromCache?.sections.map((s) => s.questions.map((q) => q.id))).toEqual(bank.sections.map((s) => s.questions.map((q) => q.id)));
    expect(fromCache?.sections[0]?.file).toBe("sections/01-alpha.yaml");
    expect(fromCache?.dir).toBe(dir);
  });

  it.each([
    ["a changed file", "sections/02-beta.yaml", "id: beta\ntitle: Changed\nquestions: []\n"],
    ["an added section file", "sections/03-gamma.yaml", "id: gamma\n"],
    ["a changed policy text", "policy.txt", "Another policy.\n"],
  ])("is not used after %s", async (_name, file, content) => {
    const { dir, cacheFile } = await cached();
    await writeFile(path.join(dir, file), content);
    expect(readBankCache(cacheFile, dir, (abs) => abs)).toBeUndefined();
  });

  it("is not used when the cache file is missing or broken", async () => {
    const { dir, cacheFile } = await cached();
    expect(readBankCache(`${cacheFile}.missing`, dir, (abs) => abs)).toBeUndefined();
    await writeFile(cacheFile, "{not json");
    expect(readBankCache(cacheFile, dir, (abs) => abs)).toBeUndefined();
  });
});
