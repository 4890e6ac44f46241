import path from "node:path";
import { outputWidth } from "../../util/text.js";
import { presentQuestions, sectionDifficulty } from "../../session/facilitator.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { displayFor, hasTerminal, loadBankOrFail, styleFor, terminalPrompter } from "../shared.js";
import { TOOL_VERSION } from "../version.js";
import { checkWriteTarget } from "../io.js";
import { writeOutput } from "../write-output.js";

export interface PresentCommandOptions {
  bank?: string;
  section?: string;
  export?: string;
  html?: string;
  force?: boolean;
  color?: boolean;
}

export async function runPresent(opts: PresentCommandOptions, deps: Deps): Promise<number> {
  const startedAt = deps.now();
  const bank = await loadBankOrFail(opts.bank, deps);
  const sections = opts.section === undefined ? bank.sections : bank.sections.filter((s) => s.id === opts.section);
  if (sections.length === 0) {
    throw new UsageError(`unknown section "${opts.section}" (known: ${bank.sections.map((s) => s.id).join(", ")})`);
  }
  if (opts.html !== undefined) {
    if (opts.export !== undefined) {
      throw new UsageError("--export is for a session in the terminal; the --html deck downloads its own counts at the end");
    }
    const { deckData, renderPresentHtml } = await import("../../report/present-html.js");
    const html = renderPresentHtml(deckData(bank, sections, opts.section ?? null, TOOL_VERSION));
    await writeOutput(html, opts.html, opts.force === true, deps);
    const questions = sections.reduce((n, s) => n + s.questions.length, 0);
    deps.stdout.write(
      `Session deck written to ${displayFor(deps)(path.resolve(deps.cwd, opts.html))} (${questions} question${questions === 1 ? "" : "s"}; open it in any browser, no network needed)\n`,
    );
    return EXIT.ok;
  }
  if (!hasTerminal(deps, deps.stdout)) {
    throw new UsageError("present needs a terminal (it waits for the trainer at every step)");
  }
  if (opts.export !== undefined) checkWriteTarget(opts.export, opts.force === true, deps, "export");

  const style = styleFor(deps.stdout, deps, opts.color);
  const prompter = await terminalPrompter(deps, deps.stdout, opts.color);
  const { tallies, ended } = await presentQuestions({
    bank,
    sections,
    prompter,
    out: deps.stdout,
    style,
    width: outputWidth(deps.stdout),
    ...(deps.stdout.rows ? { rows: deps.stdout.rows } : {}),
    // Plain output (colour off: screen readers, dumb terminals) is a stream, never cursor movement.
    clear: style.color,
  });

  const difficulty = sectionDifficulty(tallies, sections);
  const counted = difficulty.filter((d) => d.percentage !== null);
  const lines = [
    "",
    style.bold(`Session ${ended === "finished" ? "complete" : "ended"}: ${tallies.length} of ${sections.reduce((n, s) => n + s.questions.length, 0)} questions discussed`),
  ];
  if (counted.length > 0) {
    lines.push("", style.bold("Sections the room found hardest (share of hands on the keyed answers)"));
    for (const d of counted) lines.push(`  ${String(d.percentage).padStart(3)}%  ${d.title}  (${d.correctHands} of ${d.totalHands} hands)`);
  }
  deps.stdout.write(`${lines.join("\n")}\n`);

  if (opts.export !== undefined) {
    const file = {
      format: "selfcheck-session/1",
      tool: { name: "policy-selfcheck", version: TOOL_VERSION },
      bank: { id: bank.id, version: bank.version, sha256: bank.sha256 },
      section: opts.section ?? null,
      startedAt: startedAt.toISOString(),
      finishedAt: deps.now().toISOString(),
      ended,
      questions: tallies.map((t) => ({ id: t.id, section: t.section, tally: t.tally })),
      sections: difficulty,
    };
    await writeOutput(`${JSON.stringify(file, null, 2)}\n`, opts.export, opts.force === true, deps);
    deps.stdout.write(`Session counts written to ${opts.export} (counts only, no names)\n`);
  }
  return EXIT.ok;
}
