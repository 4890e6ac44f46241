import type { Diagnostic } from "../util/diagnostic.js";
import { keyedOptions, unknownRole } from "./bank.js";
import type { BankFile, Clause, PolicyFile, Question, SectionFile } from "./schema.js";
import type { PathSegment, YamlSource } from "./yaml-file.js";

export interface Parsed<T> {
  value: T;
  source: YamlSource;
}

/** Everything read from a bank folder that passed the schema, ready for cross-file checks. */
export interface LoadedFiles {
  bank: Parsed<BankFile> | undefined;
  policy: Parsed<PolicyFile> | undefined;
  sections: (Parsed<SectionFile> & { fileId: string })[];
  /** Ids of section files that exist but did not read, parse or match the schema (already reported). */
  unreadSections: string[];
  sectionsDir: string;
  /** The policy's own text, when bank.yaml names a `source`. */
  policyText?: string;
}

/** Quotes shorter than this prove little; explanations must quote at least this many words. */
export const MIN_QUOTE_WORDS = 4;

/** Shortens text quoted in a message to at most `width` terminal columns (display-width.ts's truncateDisplay). */
export type Shorten = (text: string, width: number) => string;

/**
 * Cross-file rules the schema cannot express. Pure: files in, diagnostics out. `shorten` is
 * passed in because the module that measures terminal width takes some 18 ms to load, and most
 * banks never need it (see loadBank).
 */
export function lintBank(files: LoadedFiles, shorten: Shorten): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (
    source: YamlSource,
    path: readonly PathSegment[],
    rule: string,
    message: string,
    severity: Diagnostic["severity"] = "error",
  ) => out.push({ file: source.file, ...source.locate(path), severity, message, rule });

  const bank = files.bank;
  const policy = files.policy;
  const clauses = new Map<string, Clause>();
  const sectionIds = new Set(bank?.value.sections ?? []);
  const roleIds = new Set((bank?.value.roles ?? []).map((r) => r.id));

  out.push(...unfilled(files, shorten));
  if (bank && bank.value.contacts === undefined) {
    report(
      bank.source,
      [],
      "no-contacts",
      "bank.yaml names no `contacts`: staff told to speak to someone will not be told who (add contacts.concerns: the person, as the policy names them)",
      "warning",
    );
  }

  if (bank) {
    duplicates(bank.value.sections, (i, id) =>
      report(bank.source, ["sections", i], "duplicate-id", `section "${id}" is listed twice`),
    );
    duplicates(
      bank.value.roles.map((r) => r.id),
      (i, id) =>
        report(bank.source, ["roles", i, "id"], "duplicate-id", `duplicate role id "${id}"`),
    );
  }

  if (policy) {
    duplicates(
      policy.value.clauses.map((c) => c.id),
      (i, id) =>
        report(policy.source, ["clauses", i, "id"], "duplicate-id", `duplicate clause id "${id}"`),
    );
    const normalisedPolicy =
      files.policyText === undefined ? undefined : normalise(files.policyText.replaceAll("*", ""));
    // Clauses mostly follow the policy's order: look first after the last one found (the same
    // answer as searching the whole text, without scanning 150 KB for each of 2,000 clauses).
    let from = 0;
    const inPolicy = (policyText: string, quote: string) => {
      let at = policyText.indexOf(quote, from);
      if (at === -1 && from > 0) at = policyText.indexOf(quote);
      if (at !== -1) from = at;
      return at !== -1;
    };
    policy.value.clauses.forEach((clause, i) => {
      if (!clauses.has(clause.id)) clauses.set(clause.id, clause);
      if (bank && !sectionIds.has(clause.section)) {
        report(
          policy.source,
          ["clauses", i, "section"],
          "unknown-section",
          `clause "${clause.id}" belongs to unknown section "${clause.section}" (known: ${[...sectionIds].join(", ")})`,
        );
      }
      if (normalisedPolicy !== undefined) {
        for (const key of ["lead", "text"] as const) {
          const value = clause[key];
          if (value !== undefined && !inPolicy(normalisedPolicy, normalise(value))) {
            report(
              policy.source,
              ["clauses", i, key],
              "not-verbatim",
              `clause "${clause.id}" ${key} is not found verbatim in ${bank?.value.policy.source}`,
            );
          }
        }
      }
    });
  }

  // Sections: bank.yaml's list and the files in sections/ must match one to one.
  const fileBySection = new Map<string, string>();
  for (const section of files.sections) {
    const { source, value } = section;
    if (value.id !== section.fileId) {
      report(
        source,
        ["id"],
        "section-id-mismatch",
        `section id "${value.id}" does not match the file name's "${section.fileId}"`,
      );
    }
    const earlier = fileBySection.get(value.id);
    if (earlier !== undefined) {
      report(source, ["id"], "duplicate-id", `section "${value.id}" is also defined in ${earlier}`);
    } else {
      fileBySection.set(value.id, source.file);
    }
    if (bank && !sectionIds.has(value.id)) {
      report(
        source,
        ["id"],
        "section-not-listed",
        `section "${value.id}" has a file but is not listed in bank.yaml's sections`,
      );
    }
  }
  if (bank) {
    bank.value.sections.forEach((id, i) => {
      // A file that exists but did not parse has its own error; "has no file" would be false.
      if (!fileBySection.has(id) && !files.unreadSections.includes(id)) {
        report(
          bank.source,
          ["sections", i],
          "missing-section-file",
          `section "${id}" has no file ${files.sectionsDir}/NN-${id}.yaml`,
        );
      }
    });
  }

  // Questions: ids unique across the bank; keys, clauses and roles consistent.
  const clauseTexts = new Map(
    [...clauses.values()].map((c) => [c.id, [normalise(c.text), normalise(c.lead ?? "")]]),
  );
  const questionFile = new Map<string, string>();
  for (const { source, value } of files.sections) {
    value.questions.forEach((q, qi) => {
      const at = (...rest: PathSegment[]): PathSegment[] => ["questions", qi, ...rest];
      const earlier = questionFile.get(q.id);
      if (earlier !== undefined) {
        report(
          source,
          at("id"),
          "duplicate-id",
          `duplicate question id "${q.id}" (also in ${earlier})`,
        );
      } else {
        questionFile.set(q.id, source.file);
      }
      lintQuestion(q, {
        report: (path, rule, message, severity) =>
          report(source, at(...path), rule, message, severity),
        clauses,
        clauseTexts,
        clausesKnown: policy !== undefined,
        roleIds,
        rolesKnown: bank !== undefined,
        shorten,
      });
    });
  }
  return out;
}

interface QuestionContext {
  report: (
    path: PathSegment[],
    rule: string,
    message: string,
    severity?: Diagnostic["severity"],
  ) => void;
  clauses: Map<string, Clause>;
  /** Each clause's text and lead, whitespace-folded once for the quote checks. */
  clauseTexts: Map<string, string[]>;
  clausesKnown: boolean;
  roleIds: Set<string>;
  rolesKnown: boolean;
  shorten: Shorten;
}

function lintQuestion(q: Question, ctx: QuestionContext): void {
  const { report } = ctx;
  if (q.type === "public-test") {
    if (q.title === undefined) {
      report(
        ["type"],
        "public-test-title",
        `public-test "${q.id}" has no \`title\`: staff see a generic heading instead of the name the policy gives its test`,
        "warning",
      );
    }
    duplicates(
      q.parts.map((p) => p.id),
      (i, id) =>
        report(["parts", i, "id"], "duplicate-id", `duplicate part id "${id}" in "${q.id}"`),
    );
  } else {
    duplicates(
      q.options.map((o) => o.id),
      (i, id) =>
        report(["options", i, "id"], "duplicate-id", `duplicate option id "${id}" in "${q.id}"`),
    );
    const correct = keyedOptions(q).length;
    if (q.type === "multi" ? correct < 1 : correct !== 1) {
      report(
        ["options"],
        "correct-count",
        q.type === "multi"
          ? `multi question "${q.id}" has no correct option; mark at least one with correct: true`
          : `${q.type} question "${q.id}" has ${correct} correct options; it needs exactly one`,
      );
    }
    if (q.type === "yesno") {
      const ids = q.options.map((o) => o.id).sort();
      if (ids.length !== 2 || ids[0] !== "no" || ids[1] !== "yes") {
        report(
          ["options"],
          "yesno-options",
          `yesno question "${q.id}" must have exactly the options "yes" and "no"`,
        );
      }
    }
  }

  const cited: Clause[] = [];
  if (ctx.clausesKnown) {
    q.clauses.forEach((id, i) => {
      const clause = ctx.clauses.get(id);
      if (clause) {
        cited.push(clause);
        return;
      }
      report(
        ["clauses", i],
        "unknown-clause",
        `unknown clause "${id}" (known: ${knownLike(id, ctx.clauses)})`,
      );
    });
    duplicates(q.clauses, (i, id) =>
      report(["clauses", i], "duplicate-id", `clause "${id}" is cited twice`),
    );
  }
  if (ctx.rolesKnown) {
    (q.roles ?? []).forEach((role, i) => {
      const problem = unknownRole(ctx.roleIds, role);
      if (problem !== undefined) report(["roles", i], "unknown-role", problem);
    });
  }
  if (cited.length > 0) lintExplanation(q, cited, ctx);
  if (q.type === "public-test" && q.wording !== undefined && cited.length > 0) {
    const wording = normalise(q.wording.replace(/^["“]|["”]$/g, ""));
    if (!cited.some((c) => (ctx.clauseTexts.get(c.id) ?? []).some((t) => t.includes(wording)))) {
      report(
        ["wording"],
        "not-verbatim",
        `the wording of "${q.id}" is not found verbatim in a clause it cites (${q.clauses.join(", ")})`,
      );
    }
  }
}

/** What `init` leaves for the author to fill in: any text that still says TODO. */
export const PLACEHOLDER = /\bTODO\b/;

/** Every value still holding a TODO placeholder, in every file, as a warning at the value. */
function unfilled(files: LoadedFiles, shorten: Shorten): Diagnostic[] {
  const out: Diagnostic[] = [];
  // One path, grown and shrunk on the way down: a large bank has some 50,000 values.
  const path: PathSegment[] = [];
  const visit = (source: YamlSource, value: unknown) => {
    if (typeof value === "string") {
      if (PLACEHOLDER.test(value)) {
        out.push({
          file: source.file,
          ...source.locate(path),
          severity: "warning",
          message: `placeholder not filled in: ${shorten(normalise(value), 70)}`,
          rule: "placeholder",
        });
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(source, value[i]);
        path.pop();
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        path.push(k);
        visit(source, v);
        path.pop();
      }
    }
  };
  for (const f of [files.bank, files.policy, ...files.sections]) {
    if (f) visit(f.source, f.value);
  }
  return out;
}

/**
 * An explanation must quote the policy it rests on: at least one passage in double quotes of
 * MIN_QUOTE_WORDS or more words found verbatim in a cited clause. Quotes that match no clause
 * at all are misquotes, reported as warnings.
 */
function lintExplanation(q: Question, cited: Clause[], ctx: QuestionContext): void {
  const quotes = extractQuotes(q.explanation);
  const citedTexts = cited.flatMap((c) => ctx.clauseTexts.get(c.id) ?? []);
  const inAnyClause = (quote: string) =>
    [...ctx.clauseTexts.values()].some((texts) => texts.some((t) => t.includes(quote)));
  let quotesCited = false;
  for (const quote of quotes) {
    const words = quote.split(" ").length;
    if (citedTexts.some((t) => t.includes(quote))) {
      if (words >= MIN_QUOTE_WORDS) quotesCited = true;
    } else if (words >= MIN_QUOTE_WORDS && !inAnyClause(quote)) {
      ctx.report(
        ["explanation"],
        "misquote",
        `explanation of "${q.id}" quotes "${ctx.shorten(quote, 60)}", which is not in any clause`,
        "warning",
      );
    }
  }
  if (!quotesCited) {
    ctx.report(
      ["explanation"],
      "explanation-quote",
      `explanation of "${q.id}" must quote a cited clause (${q.clauses.join(", ")}) in double quotes, at least ${MIN_QUOTE_WORDS} words verbatim`,
    );
  }
}

/** Passages inside "straight" or “curly” double quotes, split at ellipses, whitespace folded. */
export function extractQuotes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"([^"]+)"|“([^”]+)”/g)) {
    const body = m[1] ?? m[2] ?? "";
    for (const part of body.split(/\s*(?:\.\.\.|…)\s*/)) {
      const cleaned = normalise(part).replace(/[.,;:]+$/, "");
      if (cleaned !== "") out.push(cleaned);
    }
  }
  return out;
}

export function normalise(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}


function duplicates(
  ids: readonly string[],
  onDuplicate: (index: number, id: string) => void,
): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) onDuplicate(i, id);
    seen.add(id);
  });
}

/** Clause ids with the same prefix as the unknown one ("sg-1 … sg-13"), or all of them. */
function knownLike(id: string, clauses: Map<string, Clause>): string {
  const prefix = id.replace(/-?\d+$/, "");
  const same = [...clauses.keys()].filter((k) => k.replace(/-?\d+$/, "") === prefix);
  const list = same.length > 0 ? same : [...clauses.keys()];
  if (list.length === 0) return "none";
  return list.length <= 4 ? list.join(", ") : `${list[0]} … ${list[list.length - 1]}`;
}
