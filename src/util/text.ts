// Padding and truncation for a terminal measure display width: util/display-width.ts.

/** Wraps plain text to `width` columns, indenting every line by `indent`. */
export function wrap(text: string, width: number, indent = ""): string {
  const limit = Math.max(20, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line === "") line = word;
      else if (line.length + 1 + word.length <= limit) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.map((l) => (l === "" ? "" : indent + l)).join("\n");
}

/** Terminal width clamped to something readable; 80 when unknown (pipes, files). */
export function outputWidth(stream: { columns?: number }): number {
  const columns = stream.columns ?? 80;
  return Math.max(40, Math.min(columns, 100));
}

/** "1 file", "2 files". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
