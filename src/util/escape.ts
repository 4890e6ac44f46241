/**
 * Values from files (a summary's name, a file name, an unknown key) are data, never terminal
 * control: an ESC in a crafted file name could otherwise redraw a "✓ verified" line over a
 * failing one, and a bidi override could reverse what a reader sees. One rule for every output
 * format: C0 controls (newline and tab included), DEL, C1 controls, the bidi embedding, override
 * and isolate characters and the line/paragraph separators are shown as `\xNN` / `\uNNNN`.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\u061c]/g;

const UNSAFE_ANY = new RegExp(UNSAFE.source);
/** The same set less C0, which JSON.stringify escapes inside strings (and whose \n lays out the text). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\u061c]/g;

/** Whether a string holds a character that `escapeControl` would change. */
export function hasControl(text: string): boolean {
  return UNSAFE_ANY.test(text);
}

/** `text` with every control and bidi-control character written as a visible escape. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * JSON text for a terminal or a file: JSON.stringify already escapes C0 controls, but leaves DEL,
 * C1 controls and bidi controls raw. Writing those as `\uNNNN` keeps the same JSON value.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Multi-line text (commander's messages): every line escaped, the line breaks kept. */
export function escapeControlLines(text: string): string {
  return text.split("\n").map(escapeControl).join("\n");
}
