import type { ReportData } from "./aggregate-report.js";
import { renderReportCsv } from "./report-csv.js";
import type { Style } from "./style.js";
import { escapeJsonText } from "../util/escape.js";

export type ReportFormat = "table" | "csv" | "json" | "html";

/**
 * The compliance register in one format, as pieces to write one after another. HTML and the table
 * are loaded only when asked for: the table's display-width code (string-width) is slow to load,
 * and the HTML renderer is large.
 */
export async function renderReport(
  report: ReportData,
  format: ReportFormat,
  terminal: { style: Style; width: number },
): Promise<Iterable<string>> {
  switch (format) {
    case "json":
      return renderReportJson(report);
    case "csv":
      return [renderReportCsv(report)];
    case "html": {
      const { renderReportHtml } = await import("./report-html.js");
      return [renderReportHtml(report)];
    }
    default: {
      const { renderReportText } = await import("./report-text.js");
      return [`${renderReportText(report, terminal.style, terminal.width)}\n`];
    }
  }
}

/**
 * People (or other items of a list) stringified together: few enough to keep each piece small
 * (about 160 KB), many enough that the calls cost little (3,334 people took 15 ms in pieces of
 * 128, 18 in pieces of 16).
 */
export const JSON_ITEMS_PER_PIECE = 128;

/**
 * `JSON.stringify(report, null, 2)` and a newline, the same bytes, made a few array items (people)
 * at a time: the register of 100,000 files is 50 MB of JSON, never held as one string. Each run
 * of items is stringified inside an object shaped like the register (`{ "people": [...] }`), so
 * JSON.stringify itself indents it as deep as it sits in the whole; nothing is re-indented
 * (which, with one JSON.stringify per person, took a third of the time on 10,000 summaries).
 */
export function* renderReportJson(report: ReportData): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  yield "{\n";
  for (const [i, [key, value]] of entries.entries()) {
    const end = i < entries.length - 1 ? ",\n" : "\n";
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j += JSON_ITEMS_PER_PIECE) {
        const items = value.slice(j, j + JSON_ITEMS_PER_PIECE);
        const last = j + JSON_ITEMS_PER_PIECE >= value.length;
        yield escapeJsonText(`${itemsAsInRegister(items)}${last ? "\n" : ",\n"}`);
      }
      yield `  ]${end}`;
    } else {
      const json = JSON.stringify({ [key]: value }, null, 2);
      // `{\n  "key": value\n}`: the member as it sits in the whole register.
      yield escapeJsonText(`${json.slice(2, -2)}${end}`);
    }
  }
  yield "}\n";
}

/** The items of a list in the register, as JSON.stringify indents them there (4 spaces), comma-separated. */
function itemsAsInRegister(items: readonly unknown[]): string {
  const json = JSON.stringify({ x: items }, null, 2);
  // `{\n  "x": [\n` … `\n  ]\n}` around the items.
  return json.slice(11, -6);
}
