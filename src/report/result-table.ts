import { type Bank, bankTestTitle } from "../bank/bank.js";
import type { Result } from "../engine/score.js";
import { displayWidth, padEndDisplay, padStartDisplay, truncateDisplay } from "../util/display-width.js";
import { wrap } from "../util/text.js";
import { verdictLabel } from "./result-text.js";
import type { Style } from "./style.js";

/**
 * The per-section table. At 64 columns and more it is a table; narrower, each section takes two
 * lines so nothing wraps mid-row.
 */
export function renderResultTable(result: Result, style: Style, width: number, bank: Bank): string {
  const testTitle = bankTestTitle(bank);
  const notes = (criticalMissed: number, flagged: boolean) => sectionNotes(criticalMissed, flagged, testTitle);
  const lines: string[] = [];
  if (width >= 64) {
    const nameWidth = Math.min(
      Math.max(7, ...result.sections.map((s) => displayWidth(s.title))),
      width - 34,
    );
    lines.push(
      style.bold(
        `${padEndDisplay("Section", nameWidth)}  ${padStartDisplay("Correct", 7)}  ${padStartDisplay("Score", 5)}  ${padStartDisplay("Needed", 6)}  Result`,
      ),
    );
    for (const s of result.sections) {
      const title = truncateDisplay(s.title, nameWidth);
      lines.push(
        `${padEndDisplay(title, nameWidth)}  ${padStartDisplay(`${s.correct}/${s.total}`, 7)}  ${padStartDisplay(`${s.percentage}%`, 5)}  ${padStartDisplay(`${s.threshold}%`, 6)}  ${verdictLabel(s.result, style)}${notes(s.criticalMissed.length, s.flagged)}`,
      );
    }
  } else {
    for (const s of result.sections) {
      lines.push(style.bold(wrap(s.title, width)));
      // Wrapped as plain words first, then the verdict coloured, so no escape code is split.
      const detail = wrap(
        `${s.correct}/${s.total} correct, ${s.percentage}% (needs ${s.threshold}%): ${s.result.toUpperCase()}${notes(s.criticalMissed.length, s.flagged)}`,
        width,
        "  ",
      );
      lines.push(detail.replace(s.result.toUpperCase(), verdictLabel(s.result, style)));
    }
  }
  const o = result.overall;
  lines.push("");
  lines.push(
    `${style.bold("Overall:")} ${verdictLabel(o.result, style)} (${o.correct} of ${o.total} correct, ${o.percentage}%)`,
  );
  return lines.join("\n");
}

function sectionNotes(criticalMissed: number, flagged: boolean, testTitle: string): string {
  const parts: string[] = [];
  if (criticalMissed > 0) parts.push(`${criticalMissed} critical missed`);
  if (flagged) parts.push(`yes in “${testTitle}”`);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}
