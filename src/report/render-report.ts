import type { ReportData } from "./aggregate-report.js";
import { renderReportCsv } from "./report-csv.js";
import type { Style } from "./style.js";
import { escapeJsonText } from "../util/escape.js";

export type ReportFormat = "table" | "csv" | "json" | "html";

/**
 * The compliance register in one format. HTML and the table are loaded only when asked for: the
 * table's display-width code (string-width) is slow to load, and the HTML renderer is large.
 */
export async function renderReport(report: ReportData, format: ReportFormat, terminal: { style: Style; width: number }): Promise<string> {
  switch (format) {
    case "json":
      return `${escapeJsonText(JSON.stringify(report, null, 2))}\n`;
    case "csv":
      return renderReportCsv(report);
    case "html": {
      const { renderReportHtml } = await import("./report-html.js");
      return renderReportHtml(report);
    }
    default: {
      const { renderReportText } = await import("./report-text.js");
      return `${renderReportText(report, terminal.style, terminal.width)}\n`;
    }
  }
}
