/**
 * Plain words for YAML indentation mistakes. The parser reports them at the start of the line
 * with its own vocabulary ("Sequence item without - indicator", "All mapping items must start
 * at the same column"); a person needs the key that is out of line, its real column, and the
 * key it should line up with.
 */

/** Parser error codes that, in a hand-written bank, almost always mean a key is out of line. */
const INDENT_CODES = new Set([
  "BAD_INDENT",
  "MISSING_CHAR",
  "BLOCK_AS_IMPLICIT_KEY",
  "MULTILINE_IMPLICIT_KEY",
]);

export interface IndentHint {
  /** Offset of the key that is out of line. */
  offset: number;
  message: string;
}

interface LineKey {
  key: string;
  /** Offset of the key's first character. */
  offset: number;
  /** 1-based column of the key. */
  col: number;
  hasValue: boolean;
}

/**
 * A plain message for an indentation error at `offset`, or undefined when the error is not one
 * or the lines around it do not look like `key: value` lines (then the parser's words stay).
 */
export function indentHint(text: string, code: string, offset: number): IndentHint | undefined {
  if (!INDENT_CODES.has(code)) return undefined;
  const lines = splitLines(text);
  let index = lines.findIndex((l) => offset >= l.start && offset <= l.start + l.text.length);
  if (index === -1) return undefined;
  // A key indented too far is reported on the line above it, where the parser first went wrong.
  const here = lineKey(lines[index]);
  const nextIndex = nextContent(lines, index);
  const next = nextIndex === undefined ? undefined : lineKey(lines[nextIndex]);
  if (
    (code === "BLOCK_AS_IMPLICIT_KEY" || code === "MULTILINE_IMPLICIT_KEY") &&
    here?.hasValue === true &&
    next !== undefined &&
    nextIndex !== undefined &&
    next.col > here.col
  ) {
    index = nextIndex;
  }
  const bad = lineKey(lines[index]);
  const aboveIndex = previousContent(lines, index);
  const above = aboveIndex === undefined ? undefined : lineKey(lines[aboveIndex]);
  if (!bad || !above || bad.col === above.col) return undefined;
  const how = bad.col < above.col ? "less" : "more";
  // Between two levels: name the outer one too, as the key may belong there instead.
  const outer = bad.col < above.col ? enclosing(lines, index, bad.col) : undefined;
  const also = outer && outer.col !== bad.col ? ` and more than \`${outer.key}\` (column ${outer.col})` : "";
  return {
    offset: bad.offset,
    message: `bad indentation: \`${bad.key}\` (column ${bad.col}) is indented ${how} than \`${above.key}\` above it (column ${above.col})${also}; keys of one mapping must line up`,
  };
}

/** The nearest key above `index` at or left of `col`: the level a misplaced key may belong to. */
function enclosing(lines: Line[], index: number, col: number): LineKey | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const key = isContent(lines[i]) ? lineKey(lines[i]) : undefined;
    if (key && key.col <= col) return key;
  }
  return undefined;
}

interface Line {
  start: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const part of text.split("\n")) {
    out.push({ start, text: part.replace(/\r$/, "") });
    start += part.length + 1;
  }
  return out;
}

const isContent = (line: Line | undefined) =>
  line !== undefined && line.text.trim() !== "" && !line.text.trimStart().startsWith("#");

function previousContent(lines: Line[], index: number): number | undefined {
  for (let i = index - 1; i >= 0; i--) if (isContent(lines[i])) return i;
  return undefined;
}

function nextContent(lines: Line[], index: number): number | undefined {
  for (let i = index + 1; i < lines.length; i++) if (isContent(lines[i])) return i;
  return undefined;
}

/** The key a line starts with, after its indentation and any `- ` item marker. */
function lineKey(line: Line | undefined): LineKey | undefined {
  if (!line) return undefined;
  const m = /^(\s*(?:-\s+)?)([^\s:#"'][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(\S.*))?$/.exec(line.text);
  if (!m) return undefined;
  const lead = m[1] ?? "";
  const value = (m[3] ?? "").trim();
  return {
    key: (m[2] ?? "").replace(/^["']|["']$/g, ""),
    offset: line.start + lead.length,
    col: lead.length + 1,
    hasValue: value !== "" && !value.startsWith("#"),
  };
}
