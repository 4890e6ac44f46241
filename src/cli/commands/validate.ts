import type { Command } from "commander";
import { loadBank } from "../../bank/load-bank.js";
import { allQuestions } from "../../bank/bank.js";
import type { Deps } from "../deps.js";
import { EXIT } from "../errors.js";
import { displayFor, formatLocated, resolveBankDir, styleFor, writeJson } from "../shared.js";

export interface ValidateOptions {
  bank?: string;
  json?: boolean;
  strict?: boolean;
  color?: boolean;
}

export function registerValidate(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("validate")
    .description("check a question bank: schema, ids, keyed answers, clauses, sections, quotes")
    .option("--bank <dir>", "bank folder (default: the bank shipped with the tool)")
    .option("--json", "print {ok, diagnostics} as JSON")
    .option("--strict", "treat warnings as errors")
    .addHelpText(
      "after",
      `
Every problem is printed as file:line:col severity message.
Exit codes: 0 valid, 2 invalid (or unreadable).

Examples:
  $ selfcheck validate
  $ selfcheck validate --bank ./my-policy-bank
  $ selfcheck validate --bank ./my-policy-bank --json | jq '.diagnostics[]'`,
    )
    .action((opts: ValidateOptions) => run(runValidate(opts, deps)));
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
        ? { id: bank.id, version: bank.version, sha256: bank.sha256, sections: bank.sections.length, questions: allQuestions(bank).length, clauses: bank.clauses.length }
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
  for (const d of diagnostics) {
    const line = formatLocated(d);
    deps.stderr.write(`${d.severity === "error" ? style.bad(line) : style.warn(line)}\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (ok && bank) {
    const out = styleFor(deps.stdout, deps, opts.color);
    deps.stdout.write(
      `${out.good("✓ valid:")} ${bank.id} ${bank.version}: ${bank.sections.length} sections, ${allQuestions(bank).length} questions, ${bank.clauses.length} clauses${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`,
    );
    return EXIT.ok;
  }
  deps.stderr.write(
    `${style.bad("✗ invalid:")} ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`,
  );
  return EXIT.unusable;
}
