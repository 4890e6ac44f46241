import { diffBanks } from "../../bank/diff-banks.js";
import type { Deps } from "../deps.js";
import { EXIT } from "../errors.js";
import { loadBankOrFail, styleFor, writeJson } from "../shared.js";

export interface DiffOptions {
  oldBank: string;
  newBank: string;
  json?: boolean;
  color?: boolean;
}

export async function runDiff(opts: DiffOptions, deps: Deps): Promise<number> {
  const before = await loadBankOrFail(opts.oldBank, deps);
  const after = await loadBankOrFail(opts.newBank, deps);
  const diff = diffBanks(before, after);
  const code = diff.identical ? EXIT.ok : EXIT.negative;
  if (opts.json) {
    writeJson(deps.stdout, diff);
    return code;
  }
  const style = styleFor(deps.stdout, deps, opts.color);
  const lines = [`${style.bold("Bank")} ${diff.old.id} ${diff.old.version} → ${diff.new.id} ${diff.new.version}`];
  if (diff.identical) {
    lines.push("No differences.");
    deps.stdout.write(`${lines.join("\n")}\n`);
    return code;
  }
  const sign = (change: string) => (change === "added" ? style.good("+") : change === "removed" ? style.bad("-") : style.warn("~"));
  if (diff.settings.length > 0) lines.push("", style.bold("Settings"), ...diff.settings.map((s) => `  ~ ${s}`));
  if (diff.clauses.length > 0) {
    lines.push("", style.bold("Clauses"), ...diff.clauses.map((c) => `  ${sign(c.change)} ${c.id} (${c.section}) ${c.change}`));
  }
  if (diff.questions.length > 0) {
    lines.push(
      "",
      style.bold("Questions"),
      ...diff.questions.map((q) => `  ${sign(q.change)} ${q.id} (${q.section}) ${q.change}${q.fields.length > 0 ? `: ${q.fields.join(", ")}` : ""}`),
    );
  }
  lines.push("", style.bold("Sections to redo"));
  if (diff.redo.length === 0) lines.push("  none: existing summaries still reflect the bank");
  for (const r of diff.redo) lines.push(`  ${r.section}: ${r.reasons.join("; ")}`);
  deps.stdout.write(`${lines.join("\n")}\n`);
  return code;
}
