import type { FileOutcome } from "../summary/verify-file.js";
import type { Style } from "./style.js";

/** One file's verify outcome for the terminal: a ✓ with who, when and what, or a ✗ with why. */
export function renderVerifyOutcome(o: FileOutcome, style: Style): string {
  const where = o.line !== undefined ? `:${o.line}:${o.col}` : "";
  if (o.status !== "verified" || !o.summary) {
    const label = o.status === "malformed" ? "NOT A VALID SUMMARY" : "NOT VERIFIED";
    return `${style.bad(`✗ ${o.file}${where}: ${label}`)} — ${o.reason}`;
  }
  const s = o.summary;
  const person = `${s.person.name}${s.person.role ? ` (${s.person.role})` : ""}${s.person.staffId ? ` [${s.person.staffId}]` : ""}${s.person.email ? ` <${s.person.email}>` : ""}`;
  const sections = s.sections
    .map((x) => `${x.id} ${x.result.toUpperCase()} ${x.correct}/${x.total}`)
    .join(" · ");
  return [
    `${style.good(`✓ ${o.file}: verified`)}`,
    `    ${person} · finished ${s.finishedAt.replace("T", " ").replace("Z", " UTC")}${s.session ? ` · session ${s.session}` : ""}`,
    `    signed by ${s.signer.principal} (${o.keyFingerprint})`,
    `    bank ${s.bank.id} ${s.bank.version} · overall ${s.overall.result.toUpperCase()} ${s.overall.correct}/${s.overall.total} (${s.overall.percentage}%) · valid until ${s.validUntil.slice(0, 10)}`,
    `    ${sections}`,
  ].join("\n");
}
