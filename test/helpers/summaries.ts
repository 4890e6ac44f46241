import type { Bank } from "../../src/bank/bank.js";
import { scoreAnswers } from "../../src/engine/score.js";
import { parseAllowedSigners } from "../../src/summary/allowed-signers.js";
import { signedBytes } from "../../src/summary/canonical-json.js";
import { type Ed25519Key, formatPublicKey, generateKey } from "../../src/summary/openssh-key.js";
import { signMessage } from "../../src/summary/sshsig.js";
import { buildSummary } from "../../src/summary/build-summary.js";
import { NAMESPACE, type Summary } from "../../src/summary/summary.js";

export const FINISHED = new Date("2026-11-24T10:15:30.250Z");

/** A real summary of the minimal bank, all answered correctly, by a named person. */
export function sampleSummary(
  bank: Bank,
  changes: Partial<Summary["person"]> = {},
  principal = "trainer@school.example",
): Summary {
  const answers = new Map<string, string[]>([
    ["alpha-photo", ["never"]],
    ["alpha-who", ["head"]],
    ["alpha-report", ["yes"]],
    ["beta-password", ["keep"]],
    ["beta-teacher-only", ["bound"]],
    ["beta-public-test", []],
  ]);
  return buildSummary({
    bank,
    result: scoreAnswers(bank, answers),
    toolVersion: "0.1.0",
    person: { name: "Sam Patel", role: "teacher", staffId: "T-042", email: null, ...changes },
    principal,
    session: "Induction 2026-11",
    mode: "self",
    seed: 42,
    startedAt: new Date("2026-11-24T10:00:00Z"),
    finishedAt: FINISHED,
  });
}

export function signSummary(summary: Summary, key: Ed25519Key, namespace = NAMESPACE): string {
  const sshsig = signMessage(key, namespace, signedBytes(summary));
  return `${JSON.stringify({ summary, signature: { namespace: NAMESPACE, sshsig } }, null, 2)}\n`;
}

export function trustedKey(
  principal = "trainer@school.example",
  options = `namespaces="${NAMESPACE}"`,
) {
  const key = generateKey(principal);
  const line = `${principal} ${options} ${formatPublicKey(key.publicKey)}`.replace(/ {2,}/g, " ");
  const { signers, diagnostics } = parseAllowedSigners(`${line}\n`, "allowed_signers");
  if (diagnostics.length > 0) throw new Error(JSON.stringify(diagnostics));
  return { key, line, signers };
}

/** What a report test's summary says: who, when, which answers were wrong, in which session. */
export interface SummaryOptions {
  person: Partial<Summary["person"]> & { name: string };
  finishedAt: Date;
  wrong?: Record<string, string[]>;
  session?: string | null;
  principal?: string;
}

/** A signed summary of the default bank for report tests: all correct but for `wrong` answers. */
export function makeSummaryFile(bank: Bank, key: Ed25519Key, options: SummaryOptions): string {
  return signSummary(makeSummary(bank, options), key);
}

/** The summary makeSummaryFile signs. */
export function makeSummary(bank: Bank, options: SummaryOptions): Summary {
  const answers = new Map<string, string[]>();
  for (const section of bank.sections) {
    for (const q of section.questions) {
      answers.set(q.id, q.type === "public-test" ? [] : q.options.filter((o) => o.correct).map((o) => o.id));
    }
  }
  for (const [id, value] of Object.entries(options.wrong ?? {})) answers.set(id, value);
  return buildSummary({
    bank,
    result: scoreAnswers(bank, answers),
    toolVersion: "0.1.0",
    person: { role: "teacher", staffId: null, email: null, ...options.person },
    principal: options.principal ?? "trainer@school.example",
    session: options.session === undefined ? "Induction 2026-11" : options.session,
    mode: "self",
    seed: 1,
    startedAt: new Date(options.finishedAt.getTime() - 15 * 60 * 1000),
    finishedAt: options.finishedAt,
  });
}
