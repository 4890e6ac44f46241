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
 * `JSON.stringify(report, null, 2)` and a newline, the same bytes, made one array item (one
 * person) at a time: the register of 100,000 files is 50 MB of JSON, never held as one string.
 * JSON.stringify writes no raw line break inside a value, so indenting its lines is exact.
 */
export function* renderReportJson(report: ReportData): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  const indent = (json: string, pad: string) => json.replaceAll("\n", `\n${pad}`);
  yield "{\n";
  for (const [i, [key, value]] of entries.entries()) {
    const head = `  ${JSON.stringify(key)}: `;
    const end = i < entries.length - 1 ? ",\n" : "\n";
    if (Array.isArray(value) && value.length > 0) {
      yield `${head}[\n`;
      for (const [j, item] of value.entries()) {
        yield escapeJsonText(`    ${indent(JSON.stringify(item ?? null, null, 2), "    ")}${j < value.length - 1 ? ",\n" : "\n"}`);
      }
      yield `  ]${end}`;
    } else {
      yield escapeJsonText(`${head}${indent(JSON.stringify(value, null, 2), "  ")}${end}`);
    }
  }
  yield "}\n";
}
