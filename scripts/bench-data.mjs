// Data for `npm run bench` (scripts/bench.mjs), generated at bench time, never committed:
//
//   generateBank(dir, { sections, perSection, scenarios })
//       a valid bank (bank.yaml, policy.txt, policy.yaml, sections/, scenarios/) of
//       sections × perSection questions and that many scenarios, each with the result it gives;
//   generateSummaries(dir, count)
//       signed summaries of the default bank made with the project's own code (dist/), one key,
//       and the allowed_signers file that trusts it.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./build-bundle.mjs";

const pad = (n, width) => String(n).padStart(width, "0");

/** Question `q` (1-based) of section `s`: its id, type, options, keyed answer(s) and clause. */
function questionFor(s, q) {
  const sid = `s${pad(s, 2)}`;
  const id = `${sid}-q${pad(q, 3)}`;
  const clause = `c${pad(s, 2)}-${pad(q, 3)}`;
  const text = `Staff in area ${s} must record item ${q} in the register within two working days.`;
  const kind = q % 10;
  // The last question of the last section is the public-knowledge test.
  if (q === 100 && s === 20) {
    return { id, clause, text, type: "public-test", keyed: [], wrong: "yes" };
  }
  if (kind === 8) {
    return {
      id, clause, text, type: "yesno", keyed: ["yes"], wrong: "no",
      options: [{ id: "yes", label: "Yes", correct: true }, { id: "no", label: "No" }],
    };
  }
  if (kind === 6 || kind === 7) {
    return {
      id, clause, text, type: "multi", keyed: ["register", "two-days"], wrong: ["never"],
      options: [
        { id: "register", label: "Record it in the register", correct: true },
        { id: "two-days", label: "Do it within two working days", correct: true },
        { id: "never", label: "Leave it for someone else" },
        { id: "term", label: "Wait until the end of term" },
      ],
    };
  }
  return {
    id, clause, text, type: "single", keyed: ["record"], wrong: "later",
    options: [
      { id: "record", label: "Record it in the register within two working days", correct: true },
      { id: "later", label: "Record it at the end of term" },
      { id: "ignore", label: "Leave it for someone else to record" },
    ],
  };
}

const isCritical = (q) => q % 25 === 3;
const teacherOnly = (q) => q % 50 === 11;

function questionYaml(s, q) {
  const question = questionFor(s, q);
  const lines = [`  - id: ${question.id}`, `    type: ${question.type}`];
  lines.push(`    prompt: In area ${s}, what must you do with item ${q}?`);
  if (question.type === "public-test") {
    lines.push(
      "    parts:",
      "      - id: integrity",
      "        prompt: Could it raise questions about your integrity?",
      "      - id: disrepute",
      "        prompt: Could it bring the school into disrepute?",
      "    guidance: Do not post it; remove it; speak to the Headteacher.",
    );
  } else {
    lines.push("    options:");
    for (const o of question.options) {
      lines.push(`      - id: "${o.id}"`, `        label: "${o.label}"`);
      if (o.correct) lines.push("        correct: true");
    }
  }
  if (isCritical(q) && question.type !== "public-test") lines.push("    critical: true");
  if (teacherOnly(q)) lines.push("    roles: [teacher]");
  lines.push(`    clauses: [${question.clause}]`);
  lines.push(`    explanation: 'The policy says "${question.text}"'`);
  return lines.join("\n");
}

/**
 * A valid bank of `sections × perSection` questions and `scenarios` scenarios. Every scenario's
 * expectation is worked out here from the same rules the tool applies (threshold 80%, a missed
 * critical question fails its section), and kept clear of the threshold so rounding cannot matter.
 */
export async function generateBank(dir, { sections = 20, perSection = 100, scenarios = 1000 } = {}) {
  if (perSection !== 100 || sections !== 20) throw new Error("the generator is written for 20 × 100");
  const sectionIds = Array.from({ length: sections }, (_, i) => `s${pad(i + 1, 2)}`);
  await mkdir(path.join(dir, "sections"), { recursive: true });
  await mkdir(path.join(dir, "scenarios"), { recursive: true });

  await writeFile(
    path.join(dir, "bank.yaml"),
    [
      "id: bench-bank",
      "title: Generated benchmark bank",
      "version: 1.0.0",
      "policy:",
      "  title: Benchmark Policy",
      "  organisation: Benchmark School",
      '  updated: "2026-01"',
      "  source: policy.txt",
      "roles:",
      "  - id: teacher",
      "    label: Teacher",
      "  - id: volunteer",
      "    label: Volunteer",
      "sections:",
      ...sectionIds.map((id) => `  - ${id}`),
      "passThreshold: 80",
      "renewalMonths: 12",
      "",
    ].join("\n"),
  );

  const policyText = ["Benchmark Policy", ""];
  const clauses = ["clauses:"];
  for (let s = 1; s <= sections; s++) {
    policyText.push(`Area ${s}`, "");
    const questions = [];
    for (let q = 1; q <= perSection; q++) {
      const question = questionFor(s, q);
      policyText.push(question.text);
      clauses.push(`  - id: ${question.clause}`, `    section: ${sectionIds[s - 1]}`, `    text: ${question.text}`);
      questions.push(questionYaml(s, q));
    }
    policyText.push("");
    await writeFile(
      path.join(dir, "sections", `${pad(s, 2)}-${sectionIds[s - 1]}.yaml`),
      [`id: ${sectionIds[s - 1]}`, `title: Area ${s}`, "questions:", ...questions, ""].join("\n"),
    );
  }
  await writeFile(path.join(dir, "policy.txt"), `${policyText.join("\n")}\n`);
  await writeFile(path.join(dir, "policy.yaml"), `${clauses.join("\n")}\n`);

  const all = (verdict) => Object.fromEntries(sectionIds.map((id) => [id, verdict]));
  for (let n = 0; n < scenarios; n++) {
    let scenario;
    if (n === 0) {
      scenario = { name: "all correct passes", base: "all-correct", expect: { overall: "pass", sections: all("pass") } };
    } else if (n === 1) {
      scenario = { name: "all wrong fails", base: "all-wrong", expect: { overall: "fail", sections: all("fail") } };
    } else if (n === 2) {
      scenario = { name: "no answers fails", base: "none", expect: { overall: "fail", sections: all("fail") } };
    } else {
      // Misses in one section: a few (passes), many (fails on score), or one critical (fails).
      const s = (n % sections) + 1;
      const misses = [1, 2, 3, 5, 10, 15, 25, 30][n % 8];
      const critical = n % 5 === 0;
      const picked = [];
      for (let q = 1 + (n % 7); picked.length < misses && q < 100; q++) {
        if (!isCritical(q) && !teacherOnly(q)) picked.push(q);
      }
      if (critical) picked[0] = 3 + 25 * (n % 4); // 3, 28, 53 or 78: critical questions
      const answers = {};
      for (const q of picked) answers[questionFor(s, q).id] = questionFor(s, q).wrong;
      const fails = critical || misses > 20;
      const other = sectionIds[s % sections];
      const missed = picked.map((q) => questionFor(s, q).id).sort();
      scenario = {
        name: `scenario ${n}: ${misses} missed in ${sectionIds[s - 1]}${critical ? " with a critical one" : ""}`,
        base: "all-correct",
        answers,
        expect: {
          overall: fails ? "fail" : "pass",
          sections: { [sectionIds[s - 1]]: fails ? "fail" : "pass", [other]: "pass" },
          missed,
          criticalMissed: critical ? [questionFor(s, picked[0]).id] : [],
        },
      };
    }
    await writeFile(path.join(dir, "scenarios", `scenario-${pad(n, 4)}.yaml`), scenarioYaml(scenario));
  }
  return { dir, questions: sections * perSection, scenarios };
}

function scenarioYaml(s) {
  const lines = [`name: "${s.name}"`, `base: ${s.base}`];
  if (s.answers) {
    lines.push("answers:");
    for (const [id, value] of Object.entries(s.answers)) {
      lines.push(`  ${id}: ${Array.isArray(value) ? `[${value.join(", ")}]` : `"${value}"`}`);
    }
  }
  lines.push("expect:", `  overall: ${s.expect.overall}`, "  sections:");
  for (const [id, verdict] of Object.entries(s.expect.sections)) lines.push(`    ${id}: ${verdict}`);
  if (s.expect.missed) lines.push(`  missed: [${s.expect.missed.join(", ")}]`);
  if (s.expect.criticalMissed) lines.push(`  criticalMissed: [${s.expect.criticalMissed.join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

const dist = (p) => import(pathToFileURL(path.join(ROOT, "dist", p)).href);

/** An answers file answering every question of the default bank correctly (for a scripted run). */
export async function defaultBankAnswers() {
  const { loadBank } = await dist("bank/load-bank.js");
  const { bank } = await loadBank(path.join(ROOT, "questions"));
  if (!bank) throw new Error("the default bank does not load");
  const lines = [];
  for (const section of bank.sections) {
    for (const q of section.questions) {
      const keyed = q.type === "public-test" ? ["no"] : q.options.filter((o) => o.correct).map((o) => o.id);
      lines.push(`${q.id}: ${q.type === "multi" ? `[${keyed.map((k) => `"${k}"`).join(", ")}]` : `"${keyed[0]}"`}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `count` signed summaries of the default bank in `dir`, as `selfcheck run --export` writes them:
 * made by the project's own code from dist/ (scoring, buildSummary, canonical JSON, SSHSIG), all
 * signed by one trainer key that the returned allowed_signers file trusts. People, dates and
 * missed questions vary, so a report has something to aggregate.
 */
export async function generateSummaries(dir, count) {
  const { loadBank } = await dist("bank/load-bank.js");
  const { scoreAnswers } = await dist("engine/score.js");
  const { signedBytes } = await dist("summary/canonical-json.js");
  const { formatPublicKey, generateKey } = await dist("summary/openssh-key.js");
  const { signMessage } = await dist("summary/sshsig.js");
  const { buildSummary } = await dist("summary/build-summary.js");
  const { NAMESPACE } = await dist("summary/summary.js");
  const { bank } = await loadBank(path.join(ROOT, "questions"));
  if (!bank) throw new Error("the default bank does not load");

  const principal = "trainer@school.example";
  const key = generateKey(principal);
  await mkdir(dir, { recursive: true });
  // Beside the folder and named after it: each call makes a new key, so `--large`'s 100,000 must
  // not overwrite the file that trusts the 10,000 (every 10,000 row then failed to verify).
  const allowedSigners = path.join(dir, "..", `${path.basename(dir)}.allowed_signers`);
  await writeFile(allowedSigners, `${principal} namespaces="${NAMESPACE}" ${formatPublicKey(key.publicKey)}\n`);

  const questions = bank.sections.flatMap((s) => s.questions);
  const first = ["Sam", "Alex", "Kim", "Jo", "Priya", "Tom", "Ana", "Lee", "Maya", "Ravi", "Zoe", "Ben"];
  const last = ["Patel", "Doe", "Lee", "Smith", "Okafor", "Nowak", "Garcia", "Khan", "Brown", "Evans"];
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const files = [];
  for (let i = 0; i < count; i++) {
    const answers = new Map();
    for (const q of questions) {
      answers.set(q.id, q.type === "public-test" ? [] : q.options.filter((o) => o.correct).map((o) => o.id));
    }
    // Everyone misses a question or two; some miss a critical one.
    for (const j of [(i * 7) % questions.length, (i * 13) % questions.length].slice(0, 1 + (i % 2))) {
      const q = questions[j];
      if (q && q.type !== "public-test") answers.set(q.id, [q.options.find((o) => !o.correct).id]);
    }
    // Spread over 280 days from 5 January 2026 whatever the count, so that every summary has
    // finished and none has expired at the bench's --at 2026-11-01.
    const finishedAt = new Date(Date.UTC(2026, 0, 5) + Math.floor((i * 280 * 24 * 60) / count) * 60 * 1000);
    const summary = buildSummary({
      bank,
      result: scoreAnswers(bank, answers),
      toolVersion: "0.1.0",
      person: {
        // Up to 3 attempts per person, so a report has people with several.
        name: `${first[i % first.length]} ${letters[Math.floor(i / 3) % 26]}. ${last[Math.floor(i / 78) % last.length]}`,
        role: bank.roles[i % bank.roles.length].id,
        staffId: `T${pad(Math.floor(i / 3), 5)}`,
        email: null,
      },
      principal,
      session: `Induction ${2026}-${pad(1 + (i % 12), 2)}`,
      mode: "self",
      seed: i,
      startedAt: new Date(finishedAt.getTime() - 15 * 60 * 1000),
      finishedAt,
    });
    const sshsig = signMessage(key, NAMESPACE, signedBytes(summary));
    const name = `summary-${pad(i, 5)}.json`;
    await writeFile(path.join(dir, name), `${JSON.stringify({ summary, signature: { namespace: NAMESPACE, sshsig } }, null, 2)}\n`);
    files.push(name);
  }
  return { dir, files, allowedSigners };
}
