import path from "node:path";
import { verifyFiles } from "../../report/verify-files.js";
import type { ViewResult } from "../../report/verify-views.js";
import type { Deps } from "../deps.js";
import { EXIT } from "../errors.js";
import { parseDate } from "../flags.js";
import { displayFor, loadAllowedSignersOrFail, loadBankOrFail, styleFor, threadsFor, writeJson } from "../shared.js";

export interface VerifyCommandOptions {
  files: string[];
  allowedSigners: string;
  at?: string;
  bank?: string;
  trainer?: string[];
  json?: boolean;
  color?: boolean;
}

export async function runVerify(opts: VerifyCommandOptions, deps: Deps): Promise<number> {
  const at = opts.at === undefined ? deps.now() : parseDate(opts.at, "--at");
  const show = displayFor(deps);
  const signers = await loadAllowedSignersOrFail(opts.allowedSigners, deps);
  const bankHashes =
    opts.bank === undefined ? undefined : new Set([(await loadBankOrFail(opts.bank, deps)).sha256]);

  const files = opts.files.map((file) => {
    const abs = path.resolve(deps.cwd, file);
    return { abs, shown: show(abs) };
  });
  const options = { signers, at, trainers: opts.trainer ?? [], ...(bankHashes ? { bankHashes } : {}) };
  // Text is written as the outcomes arrive, in order (nothing is kept but the counts); JSON
  // names the overall result first, so it waits for all of them.
  const counts: Counts = { verified: 0, malformed: 0, all: 0 };
  const run = { threads: threadsFor(deps) };
  const outcomes: ViewResult<"outcome">[] = [];
  if (opts.json) {
    for await (const batch of verifyFiles(files, options, { ...run, view: "outcome" })) {
      countStatuses(batch, counts);
      outcomes.push(...batch);
    }
  } else {
    const color = styleFor(deps.stdout, deps, opts.color).color;
    let text = "";
    for await (const batch of verifyFiles(files, options, { ...run, view: "text", viewConfig: { color } })) {
      countStatuses(batch, counts);
      text += linesOf(batch);
      // Written in pieces of about 64 KB: one write per file would cost a system call each.
      if (text.length >= 65_536) {
        deps.stdout.write(text);
        text = "";
      }
    }
    if (text !== "") deps.stdout.write(text);
  }

  if (opts.json) {
    writeJson(deps.stdout, {
      ok: counts.verified === counts.all,
      at: at.toISOString(),
      results: outcomes.map(({ summary, ...rest }) => ({ ...rest, summary: summary ?? null })),
    });
  }
  if (counts.malformed > 0) return EXIT.unusable;
  return counts.verified === counts.all ? EXIT.ok : EXIT.negative;
}

interface Counts {
  verified: number;
  malformed: number;
  all: number;
}

// The loops over each batch's files live apart from runVerify: V8 then optimises these small
// functions, rather than compiling the whole command on the stack (its loop runs 10,000 times).

function countStatuses(batch: readonly { status: string }[], counts: Counts): void {
  for (const { status } of batch) {
    counts.all++;
    if (status === "verified") counts.verified++;
    if (status === "malformed") counts.malformed++;
  }
}

function linesOf(batch: readonly { text: string }[]): string {
  let text = "";
  for (const o of batch) text += `${o.text}\n`;
  return text;
}
