import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { generateKey } from "../../src/summary/openssh-key.js";
import { DEFAULT_BANK, tempDir } from "./bank-fixture.js";
import { mustLoad } from "./load.js";
import { makeSummaryFile, trustedKey } from "./summaries.js";

/** The date the trainer's folder is reported at. */
export const REPORT_AT = "2027-10-01";

/**
 * A trainer's folder of summaries in `dir`: five people, one of whom took it twice, plus one
 * tampered file and one signed by a key nobody trusts. `all/` holds every file, `good/` only the
 * six that verify; `allowed_signers` trusts the trainer.
 */
export async function writeTrainerFolder(dir: string, bank: Bank): Promise<void> {
  const at = (...p: string[]) => path.join(dir, ...p);
  const trainer = trustedKey("trainer@school.example");
  await writeFile(at("allowed_signers"), `${trainer.line}\n`);
  await mkdir(at("all"));
  await mkdir(at("good"));
  const files: Record<string, string> = {
    // Sam failed safeguarding first, then passed a week later: one person, two attempts.
    "sam-1.json": makeSummaryFile(bank, trainer.key, {
      person: { name: "Sam Patel", staffId: "T-042" },
      finishedAt: new Date("2026-11-17T10:00:00Z"),
      wrong: { "safeguarding-current-pupil-request": ["accept"] },
      session: "Induction 2026-11a",
    }),
    "sam-2.json": makeSummaryFile(bank, trainer.key, { person: { name: "Sam Patel", staffId: "T-042" }, finishedAt: new Date("2026-11-24T10:00:00Z") }),
    "alex.json": makeSummaryFile(bank, trainer.key, {
      person: { name: "Alex Doe", email: "alex.doe@school.example", role: "volunteer" },
      finishedAt: new Date("2026-11-24T11:00:00Z"),
    }),
    // Kim answered yes to the public-knowledge test: private, so her summary reads like anyone's.
    "kim.json": makeSummaryFile(bank, trainer.key, {
      person: { name: "Kim Lee" },
      finishedAt: new Date("2026-11-24T12:00:00Z"),
      wrong: { "personal-use-public-test": ["disrepute"] },
    }),
    // Taken in October 2026: valid until 2027-10-15, so within 30 days of AT.
    "old.json": makeSummaryFile(bank, trainer.key, { person: { name: "Jo Brown", staffId: "T-007" }, finishedAt: new Date("2026-10-15T09:00:00Z") }),
    // Long expired by AT.
    "expired.json": makeSummaryFile(bank, trainer.key, { person: { name: "Pat Green", staffId: "T-100" }, finishedAt: new Date("2025-06-01T09:00:00Z"), session: null }),
  };
  for (const [name, text] of Object.entries(files)) {
    await writeFile(at("all", name), text);
    await writeFile(at("good", name), text);
  }
  const tampered = JSON.parse(files["kim.json"] as string);
  tampered.summary.overall.result = "fail";
  await writeFile(at("all", "tampered.json"), JSON.stringify(tampered, null, 2));
  await writeFile(
    at("all", "untrusted.json"),
    makeSummaryFile(bank, generateKey("mallory"), { person: { name: "Mallory Evil" }, finishedAt: new Date("2026-11-24T13:00:00Z") }),
  );
}

/**
 * The trainer's folder for a whole test file: written once before its tests (default bank), removed
 * after them. `dir` is readable from inside the tests.
 */
export function useTrainerFolder(): { readonly dir: string } {
  let work: { dir: string; cleanup: () => Promise<void> } | undefined;
  beforeAll(async () => {
    work = await tempDir();
    await writeTrainerFolder(work.dir, await mustLoad(DEFAULT_BANK));
  });
  afterAll(() => work?.cleanup());
  return {
    get dir() {
      if (!work) throw new Error("useTrainerFolder: the folder is written in beforeAll");
      return work.dir;
    },
  };
}
