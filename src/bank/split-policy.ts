import { ordinal } from "./resolve-bank.js";

/**
 * Splits a policy's plain text (or Markdown) into sections and clauses for `init --from`: one
 * clause per sentence or bullet, verbatim, grouped under the policy's headings, numbered by the
 * policy's own numbering where it has one. Pure and deliberately simple, so an author can predict
 * it: the result is a first draft that `validate` accepts, to be read and corrected by hand.
 *
 * What counts as what (docs/writing-a-bank.md says the same):
 * - a heading: a Markdown `#` line, a line underlined with `===` or `---`, a numbered line such
 *   as `2 Safeguarding` or `2. Safeguarding`, or a short line on its own (at most 10 words, no
 *   closing punctuation) with a blank line before and after it;
 * - a numbered paragraph: a line starting `2.5.1`, `2.5`, `A.3` or `12.`: its number becomes the
 *   clause id (a second sentence of it gets `2.5.1-2`);
 * - a bullet: a line starting `-`, `*`, `•` or `(a)`/`a)`; a paragraph ending in `:` just
 *   before bullets is their `lead`, not a clause of its own;
 * - anything else: paragraphs (consecutive lines), split into sentences at `.`, `!` or `?`
 *   followed by a space and a capital letter, except after e.g., i.e., Mr., Dr., a single capital letter and the like.
 */

export interface DraftClause {
  id: string;
  ref: string;
  lead?: string;
  text: string;
}

export interface DraftSection {
  id: string;
  title: string;
  clauses: DraftClause[];
}

export interface DraftPolicy {
  /** The first line of the document, a likely title. */
  firstLine: string;
  sections: DraftSection[];
}

type Block =
  | { kind: "heading"; text: string; number?: string }
  | { kind: "paragraph"; text: string; number?: string }
  | { kind: "bullet"; text: string; number?: string };

const MARKDOWN_HEADING = /^#{1,6}\s+(.*?)\s*#*$/;
const UNDERLINE = /^(?:=+|-+)\s*$/;
const NUMBERED_HEADING = /^(\d{1,2})\.?\s+([A-Z][^.!?:;]{0,80})$/;
/** `2.5.1 Text`, `2.5 Text`, `A.3 Text`, `12. Text`, `12) Text`. */
const NUMBERED = /^((?:\d{1,3}|[A-Z])(?:\.\d{1,3})+|\d{1,3}(?=[.)]\s))[.)]?\s+(\S.*)$/;
const BULLET = /^(?:[-*•·▪◦‣]|\(?[a-z]\)|\(?[ivx]{1,4}\))\s+(\S.*)$/;
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|Mr|Mrs|Ms|Dr|St|No|vs|cf|approx|incl)\.|\b[A-Z]\.)$/;

export function splitPolicy(text: string): DraftPolicy {
  const blocks = toBlocks(text);
  const firstLine = text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "Policy";
  const sections: DraftSection[] = [];
  const usedSectionIds = new Set<string>();
  let current: DraftSection | undefined;
  let counters = { point: 0, paragraph: 0, clause: 0 };
  let lead: { text: string; number?: string; points: number } | undefined;
  const usedClauseIds = new Set<string>();

  const open = (title: string) => {
    const base = kebab(title) || "section";
    let id = base;
    for (let n = 2; usedSectionIds.has(id); n++) id = `${base}-${n}`;
    usedSectionIds.add(id);
    current = { id, title, clauses: [] };
    sections.push(current);
    counters = { point: 0, paragraph: 0, clause: 0 };
    lead = undefined;
  };
  const uniqueClauseId = (wanted: string) => {
    let id = wanted;
    for (let n = 2; usedClauseIds.has(id); n++) id = `${wanted}-${n}`;
    usedClauseIds.add(id);
    return id;
  };

  blocks.forEach((block, i) => {
    if (block.kind === "heading") {
      open(block.number ? `${block.number} ${block.text}` : block.text);
      return;
    }
    if (!current) open("Introduction");
    const section = current as DraftSection;
    const next = blocks[i + 1];
    if (block.kind === "paragraph" && block.text.endsWith(":") && next?.kind === "bullet") {
      lead = { text: block.text, ...(block.number ? { number: block.number } : {}), points: 0 };
      return;
    }
    if (block.kind === "paragraph") lead = undefined;
    const kind = block.kind === "bullet" ? "point" : "paragraph";
    counters[kind]++;
    // Bullets under a numbered paragraph take its number: 2.2's first bullet is 2.2-a.
    const underNumber = block.kind === "bullet" && lead?.number !== undefined ? lead : undefined;
    if (underNumber) underNumber.points++;
    const number = block.number ?? (underNumber ? `${underNumber.number}-${letter(underNumber.points)}` : undefined);
    const where = block.number
      ? `Paragraph ${block.number}`
      : underNumber
        ? `Paragraph ${underNumber.number}, ${ordinal(underNumber.points)} point`
        : `${section.title}, ${ordinal(counters[kind])} ${kind}`;
    sentences(block.text).forEach((sentence, s) => {
      counters.clause++;
      const id = number
        ? uniqueClauseId(s === 0 ? number : `${number}-${s + 1}`)
        : uniqueClauseId(`${section.id}-${counters.clause}`);
      section.clauses.push({
        id,
        ref: where,
        ...(block.kind === "bullet" && lead !== undefined ? { lead: lead.text } : {}),
        text: sentence,
      });
    });
  });
  return { firstLine, sections: sections.filter((s) => s.clauses.length > 0) };
}

/** Lines into headings, paragraphs and bullets. */
function toBlocks(text: string): Block[] {
  const lines = text.split("\n").map((l) => l.replace(/\s+$/, ""));
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let paragraphNumber: string | undefined;
  /** A bullet's text wraps onto the next lines until a blank line or the next bullet. */
  let openBullet: { kind: "bullet"; text: string } | undefined;
  const flush = () => {
    // The lines a document opens with, all heading-like ("Hill Primary School", "Online Safety
    // Policy"), are its title: a heading, not a clause.
    if (blocks.length === 0 && paragraph.length > 0 && paragraphNumber === undefined && paragraph.every(isHeadingLike)) {
      blocks.push({ kind: "heading", text: paragraph.join(" · ") });
      paragraph = [];
      return;
    }
    if (paragraph.length > 0) {
      blocks.push({ kind: "paragraph", text: paragraph.join(" "), ...(paragraphNumber ? { number: paragraphNumber } : {}) });
    }
    paragraph = [];
    paragraphNumber = undefined;
  };
  const blank = (i: number) => i < 0 || i >= lines.length || (lines[i] ?? "").trim() === "";

  lines.forEach((raw, i) => {
    const line = clean(raw.trim().replace(/^\*\s+/, "- "));
    if (line === "") {
      flush();
      openBullet = undefined;
      return;
    }
    const nextLine = (lines[i + 1] ?? "").trim();
    if (UNDERLINE.test(line) && paragraph.length === 0 && blocks.at(-1)?.kind === "heading") return;
    if (nextLine !== "" && UNDERLINE.test(nextLine) && paragraph.length === 0) {
      openBullet = undefined;
      blocks.push({ kind: "heading", text: line });
      return;
    }
    const md = MARKDOWN_HEADING.exec(line);
    if (md) {
      flush();
      openBullet = undefined;
      blocks.push({ kind: "heading", text: clean(md[1] ?? "") });
      return;
    }
    const numberedHeading = NUMBERED_HEADING.exec(line);
    if (numberedHeading && paragraph.length === 0 && blank(i + 1) && !/[.!?:;,]$/.test(line)) {
      openBullet = undefined;
      blocks.push({ kind: "heading", number: numberedHeading[1] ?? "", text: numberedHeading[2] ?? "" });
      return;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      flush();
      openBullet = { kind: "bullet", text: bullet[1] ?? "" };
      blocks.push(openBullet);
      return;
    }
    const numbered = NUMBERED.exec(line);
    if (openBullet && !numbered) {
      openBullet.text = `${openBullet.text} ${line}`;
      return;
    }
    openBullet = undefined;
    if (numbered) {
      flush();
      paragraph = [numbered[2] ?? ""];
      paragraphNumber = numbered[1];
      return;
    }
    if (paragraph.length === 0 && blank(i - 1) && blank(i + 1) && isHeadingLike(line)) {
      openBullet = undefined;
      blocks.push({ kind: "heading", text: line });
      return;
    }
    paragraph.push(line);
  });
  flush();
  return blocks;
}

function isHeadingLike(line: string): boolean {
  return (
    /^[\p{Lu}\d]/u.test(line) && !/[.!?:;,]$/.test(line) && line.split(/\s+/).length <= 10 && line.length <= 80
  );
}

/** Markdown's emphasis marks are not the policy's words (validate ignores them in the source too). */
function clean(line: string): string {
  return line.replace(/\*/g, "").replace(/\s+/g, " ");
}

/** a, b, … z, aa, ab: the letters a numbered paragraph's bullets are known by. */
function letter(n: number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  return n <= 26 ? (letters[n - 1] ?? "a") : `${letter(Math.floor((n - 1) / 26))}${letters[(n - 1) % 26] ?? "a"}`;
}

/** A paragraph's sentences, split at . ! ? followed by a space and a capital, quote or bracket. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["”’)]?\s+(?=[\p{Lu}"“‘(\d])/gu;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].trimEnd().length;
    if (ABBREVIATION.test(text.slice(start, end))) continue;
    out.push(text.slice(start, end).trim());
    start = (m.index ?? 0) + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest !== "") out.push(rest);
  return out.filter((s) => s !== "");
}

/** "Safeguarding Children" → "safeguarding-children": a section id from its heading. */
export function kebab(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .split("-")
    .slice(0, 6)
    .join("-")
    .slice(0, 48)
    .replace(/-+$/g, "");
}
