import { type Bank, isChoice, keyedOptions, type ResolvedQuestion } from "./bank.js";

export interface ClauseChange {
  id: string;
  section: string;
  change: "added" | "removed" | "reworded" | "moved";
}

export interface QuestionChange {
  id: string;
  section: string;
  change: "added" | "removed" | "changed";
  /** For `changed`: which parts differ (prompt, options, keyed, critical, type, roles, clauses, explanation, section). */
  fields: string[];
}

export interface BankDiff {
  old: { id: string; version: string; sha256: string };
  new: { id: string; version: string; sha256: string };
  settings: string[];
  clauses: ClauseChange[];
  questions: QuestionChange[];
  /** Sections whose existing summaries no longer reflect the bank and should be taken again. */
  redo: { section: string; reasons: string[] }[];
  identical: boolean;
}

/** Fields whose change alters what a person is asked or how it is scored. */
const SUBSTANTIVE = new Set(["prompt", "options", "keyed", "critical", "type", "roles", "section"]);

/** What changed between two versions of a bank. Pure. */
export function diffBanks(before: Bank, after: Bank): BankDiff {
  const clauses: ClauseChange[] = [];
  const oldClauses = new Map(before.clauses.map((c) => [c.id, c]));
  const newClauses = new Map(after.clauses.map((c) => [c.id, c]));
  for (const c of after.clauses) {
    const o = oldClauses.get(c.id);
    if (!o) clauses.push({ id: c.id, section: c.section, change: "added" });
    else if (o.text !== c.text || o.lead !== c.lead) clauses.push({ id: c.id, section: c.section, change: "reworded" });
    else if (o.section !== c.section) clauses.push({ id: c.id, section: c.section, change: "moved" });
  }
  for (const c of before.clauses) {
    if (!newClauses.has(c.id)) clauses.push({ id: c.id, section: c.section, change: "removed" });
  }

  const questions: QuestionChange[] = [];
  const oldQuestions = new Map(before.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const newQuestions = new Map(after.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  for (const q of newQuestions.values()) {
    const o = oldQuestions.get(q.id);
    if (!o) {
      questions.push({ id: q.id, section: q.section, change: "added", fields: [] });
      continue;
    }
    const fields = changedFields(o, q);
    if (fields.length > 0) questions.push({ id: q.id, section: q.section, change: "changed", fields });
  }
  for (const q of oldQuestions.values()) {
    if (!newQuestions.has(q.id)) questions.push({ id: q.id, section: q.section, change: "removed", fields: [] });
  }

  const settings: string[] = [];
  if (before.passThreshold !== after.passThreshold) settings.push(`passThreshold ${before.passThreshold} → ${after.passThreshold}`);
  if (before.renewalMonths !== after.renewalMonths) settings.push(`renewalMonths ${before.renewalMonths} → ${after.renewalMonths}`);
  if (JSON.stringify(before.sections.map((s) => s.id)) !== JSON.stringify(after.sections.map((s) => s.id))) {
    settings.push(`sections ${before.sections.map((s) => s.id).join(", ")} → ${after.sections.map((s) => s.id).join(", ")}`);
  }

  const redo = new Map<string, string[]>();
  const because = (section: string, reason: string) => {
    if (!after.sections.some((s) => s.id === section)) return;
    redo.set(section, [...(redo.get(section) ?? []), reason]);
  };
  for (const c of clauses) because(c.section, `clause ${c.id} ${c.change}`);
  for (const q of questions) {
    if (q.change !== "changed") because(q.section, `question ${q.id} ${q.change}`);
    else {
      const substantive = q.fields.filter((f) => SUBSTANTIVE.has(f));
      if (substantive.length > 0) because(q.section, `question ${q.id}: ${substantive.join(", ")} changed`);
    }
  }
  for (const s of after.sections) {
    const o = before.sections.find((x) => x.id === s.id);
    if (!o) because(s.id, "new section");
    else if (o.passThreshold !== s.passThreshold) because(s.id, `threshold ${o.passThreshold}% → ${s.passThreshold}%`);
  }

  const identical = before.sha256 === after.sha256;
  return {
    old: { id: before.id, version: before.version, sha256: before.sha256 },
    new: { id: after.id, version: after.version, sha256: after.sha256 },
    settings,
    clauses,
    questions,
    redo: after.sections.filter((s) => redo.has(s.id)).map((s) => ({ section: s.id, reasons: redo.get(s.id) ?? [] })),
    identical,
  };
}

function changedFields(a: ResolvedQuestion, b: ResolvedQuestion): string[] {
  const fields: string[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (a.type !== b.type) fields.push("type");
  if (a.section !== b.section) fields.push("section");
  if (a.prompt !== b.prompt) fields.push("prompt");
  const options = (q: ResolvedQuestion) => (isChoice(q) ? q.options.map((o) => [o.id, o.label]) : q.parts.map((p) => [p.id, p.prompt]));
  if (!same(options(a), options(b))) fields.push("options");
  const keyed = (q: ResolvedQuestion) => [...keyedOptions(q)].sort();
  if (!same(keyed(a), keyed(b))) fields.push("keyed");
  const critical = (q: ResolvedQuestion) => isChoice(q) && q.critical === true;
  if (critical(a) !== critical(b)) fields.push("critical");
  if (!same(a.roles ?? null, b.roles ?? null)) fields.push("roles");
  if (!same([...a.clauses].sort(), [...b.clauses].sort())) fields.push("clauses");
  if (a.explanation !== b.explanation) fields.push("explanation");
  if (!isChoice(a) && !isChoice(b) && a.guidance !== b.guidance) fields.push("guidance");
  return fields;
}
