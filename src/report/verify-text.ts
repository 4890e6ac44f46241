import type { FileOutcome } from "../summary/verify-file.js";
import { escapeControl } from "../util/escape.js";
import type { Style } from "./style.js";

const e = escapeControl;

/** One file's verify outcome for the terminal: a ✓ with who, when and what, or a ✗ with why. */
export function renderVerifyOutcome(o: FileOutcome, style: Style): string {
  const where = o.line !== undefined ? `:${o.line}:${o.col}` : "";
  if (o.status !== "verified" || !o.summary) {
    const label = o.status === "malformed" ? "NOT A VALID SUMMARY" : "NOT VERIFIED";
    return `${style.bad(`✗ ${e(o.file)}${where}: ${label}`)} — ${e(o.reason)}`;
  }
  // Summary values passed the value rules (no control characters); escaped again all the same,
  // since this is the line a crafted file would most like to forge.
  const s = o.summary;
  const person = e(`${s.person.name}${s.person.role ? ` (${s.person.role})` : ""}${s.person.staffId ? ` [${s.person.staffId}]` : ""}${s.person.email ? ` <${s.person.email}>` : ""}`);
  const sections = s.sections
    .map((x) => `${x.id} ${x.result.toUpperCase()} ${x.correct}/${x.total}`)
    .join(" · ");
  return [
    `${style.good(`✓ ${e(o.file)}: verified`)}`,
    `    ${person} · finished ${s.finishedAt.replace("T", " ").replace("Z", " UTC")}${s.session ? ` · session ${e(s.session)}` : ""}`,
    `    signed by ${e(s.signer.principal)} (${o.keyFingerprint})`,
    `    bank ${s.bank.id} ${s.bank.version} · overall ${s.overall.result.toUpperCase()} ${s.overall.correct}/${s.overall.total} (${s.overall.percentage}%) · valid until ${s.validUntil.slice(0, 10)}`,
    `    ${sections}`,
  ].join("\n");
}
