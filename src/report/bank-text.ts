import { type Bank, isChoice } from "../bank/bank.js";
import { applicableQuestions } from "../engine/score.js";
import { plural, wrap } from "../util/text.js";
import type { Style } from "./style.js";

/** `selfcheck show`: the resolved bank for a reader, keyed options marked. */
export function renderBankText(bank: Bank, role: string | undefined, style: Style): string {
  const out: string[] = [
    style.bold(`${bank.title} (${bank.id} ${bank.version})`),
    `${bank.policy.organisation} · ${bank.policy.title}, updated ${bank.policy.updated}`,
    `Roles: ${bank.roles.map((r) => r.id).join(", ")} · pass mark ${bank.passThreshold}% · renew every ${bank.renewalMonths} months`,
  ];
  for (const section of bank.sections) {
    const questions = applicableQuestions(section, role);
    out.push(
      "",
      style.bold(
        style.accent(
          `${section.title} [${section.id}] — ${plural(questions.length, "question")}, pass at ${section.passThreshold}%`,
        ),
      ),
    );
    for (const q of questions) {
      const flags = [
        q.type,
        isChoice(q) && q.critical ? style.bad("critical") : "",
        q.roles ? `roles: ${q.roles.join(", ")}` : "",
        `clauses: ${q.clauses.join(", ")}`,
      ].filter(Boolean);
      out.push(
        "",
        `${style.bold(q.id)} ${style.dim(`(${flags.join(" · ")})`)}`,
        wrap(q.prompt, 96, "  "),
      );
      if (isChoice(q)) {
        for (const o of q.options) {
          out.push(
            o.correct ? style.good(`  ✓ ${o.id}: ${o.label} (keyed)`) : `    ${o.id}: ${o.label}`,
          );
        }
      } else {
        for (const p of q.parts) out.push(`    ${p.id}: ${p.prompt} (yes / no)`);
      }
    }
  }
  return out.join("\n");
}

/**
 * The bank as JSON. A public-test question has no keyed options of its own; it is listed with
 * the two answers an answers file may give it — `no` (nothing to flag, listed as correct so
 * an all-correct answers file passes) and `yes` — plus its parts.
 */
export function bankToJson(bank: Bank, role?: string) {
  return {
    bank: { id: bank.id, title: bank.title, version: bank.version, sha256: bank.sha256 },
    policy: bank.policy,
    roles: bank.roles,
    passThreshold: bank.passThreshold,
    renewalMonths: bank.renewalMonths,
    sections: bank.sections.map((s) => ({
      id: s.id,
      title: s.title,
      intro: s.intro ?? null,
      passThreshold: s.passThreshold,
      questions: applicableQuestions(s, role).map((q) => ({
        id: q.id,
        type: q.type,
        prompt: q.prompt,
        critical: isChoice(q) ? q.critical === true : false,
        roles: q.roles ?? null,
        tags: q.tags ?? [],
        clauses: q.clauses,
        options: isChoice(q)
          ? q.options.map((o) => ({ id: o.id, label: o.label, correct: o.correct === true }))
          : [
              { id: "no", label: "No to every part", correct: true },
              { id: "yes", label: "Yes to any part", correct: false },
            ],
        ...(isChoice(q) ? {} : { parts: q.parts, guidance: q.guidance }),
        explanation: q.explanation,
      })),
    })),
    clauses: bank.clauses,
  };
}
