import { allQuestions } from "../../bank/bank.js";
import { loadBank } from "../../bank/load-bank.js";
import { plural } from "../../util/text.js";
import type { Deps } from "../deps.js";
import { EXIT } from "../errors.js";
import { displayFor, formatLocated, resolveBankDir, styleFor, writeJson } from "../shared.js";

export interface ValidateOptions {
  bank?: string;
  json?: boolean;
  strict?: boolean;
  color?: boolean;
}

export async function runValidate(opts: ValidateOptions, deps: Deps): Promise<number> {
  const dir = resolveBankDir(opts.bank, deps);
  const { bank, diagnostics } = await loadBank(dir, { display: displayFor(deps) });
  const failing = diagnostics.filter((d) => d.severity === "error" || opts.strict === true);
  const ok = bank !== undefined && failing.length === 0;
  if (opts.json) {
    writeJson(deps.stdout, {
      ok,
      bank: bank
        ? {
            id: bank.id,
            version: bank.version,
            sha256: bank.sha256,
            sections: bank.sections.length,
            questions: allQuestions(bank).length,
            clauses: bank.clauses.length,
          }
        : null,
      diagnostics: diagnostics.map(({ file, line, col, severity, message, rule }) => ({
        file,
        line,
        col,
        severity,
        message,
        rule,
      })),
    });
    return ok ? EXIT.ok : EXIT.unusable;
  }
  const style = styleFor(deps.stderr, deps, opts.color);
  // One write: a large bank's lint can warn thousands of times, and each write is a system call.
  const lines = diagnostics.map((d) => {
    const line = formatLocated(d);
    return `${d.severity === "error" ? style.bad(line) : style.warn(line)}\n`;
  });
  if (lines.length > 0) deps.stderr.write(lines.join(""));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (ok && bank) {
    const out = styleFor(deps.stdout, deps, opts.color);
    deps.stdout.write(
      `${out.good("✓ valid:")} ${bank.id} ${bank.version}: ${plural(bank.sections.length, "section")}, ${plural(allQuestions(bank).length, "question")}, ${plural(bank.clauses.length, "clause")}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`,
    );
    return EXIT.ok;
  }
  deps.stderr.write(
    `${style.bad("✗ invalid:")} ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`,
  );
  return EXIT.unusable;
}

