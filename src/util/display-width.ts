import stringWidth from "string-width";

/**
 * Text measured as a terminal shows it: a CJK character takes two columns, a combining accent
 * none. The one home for padding and truncating text for a terminal. string-width costs tens of
 * milliseconds to load, so paths where start-up time counts (a scripted run) import this module
 * dynamically, only when they print such text.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

export function padEndDisplay(text: string, width: number): string {
  const w = stringWidth(text);
  return w >= width ? text : text + " ".repeat(width - w);
}

export function padStartDisplay(text: string, width: number): string {
  const w = stringWidth(text);
  return w >= width ? text : " ".repeat(width - w) + text;
}

/**
 * Shortens to at most `width` columns, ending in an ellipsis when cut. It cuts between words
 * where one ends in the second half of the room, so "Responsibilities of staff" never reads
 * "Responsibilities of st…"; a single long word is cut where it must be.
 */
export function truncateDisplay(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 1) return "…".slice(0, width);
  let cut = "";
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
    if (stringWidth(cut + segment) > width - 1) break;
    cut += segment;
  }
  const space = cut.lastIndexOf(" ");
  const words = space >= Math.floor(width / 2) ? cut.slice(0, space) : cut;
  return `${words.trimEnd()}…`;
}
