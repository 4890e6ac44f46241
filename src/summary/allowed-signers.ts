import type { Diagnostic } from "../util/diagnostic.js";
import { readInput } from "../bank/read-input.js";
import { parseSshTime } from "../util/dates.js";
import { KEY_TYPE, KeyError, parsePublicKeyBlob } from "./openssh-key.js";

/**
 * OpenSSH's allowed_signers file (ssh-keygen(1), "ALLOWED SIGNERS"): one line per trusted key,
 *   principals [options] keytype base64-key [comment]
 * with options cert-authority, namespaces="…", valid-after="…" and valid-before="…".
 * Trust in a summary comes only from here, never from the key inside the summary.
 */
export interface AllowedSigner {
  line: number;
  principals: string[];
  namespaces?: string[];
  validAfter?: Date;
  validBefore?: Date;
  certAuthority: boolean;
  /** The raw Ed25519 key, or null for key types we cannot verify (kept so lines still parse). */
  publicKey: Buffer | null;
}

export interface AllowedSignersResult {
  signers: AllowedSigner[];
  diagnostics: Diagnostic[];
}

/**
 * One cap for every command that reads the file: 4 MiB is tens of thousands of keys, far more
 * than any school's staff; a bigger file is a mistake (or a denial of service).
 */
export const MAX_ALLOWED_SIGNERS_BYTES = 4 * 1024 * 1024;

/** Reads and parses an allowed_signers file; a file that cannot be read is one diagnostic. */
export async function readAllowedSigners(abs: string, shown: string): Promise<AllowedSignersResult> {
  const read = await readInput(abs, shown, { maxBytes: MAX_ALLOWED_SIGNERS_BYTES });
  if (!read.ok) return { signers: [], diagnostics: [read.diagnostic] };
  return parseAllowedSigners(new TextDecoder().decode(read.bytes), shown);
}

const KNOWN_OPTIONS = new Set(["cert-authority", "namespaces", "valid-after", "valid-before"]);

export function parseAllowedSigners(text: string, file: string): AllowedSignersResult {
  const signers: AllowedSigner[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const report = (col: number, message: string, rule = "allowed-signers") =>
      diagnostics.push({ file, line, col, severity: "error", message, rule });
    const tokens = tokenize(raw);
    if (tokens === "unterminated") {
      report(1, "unterminated quote");
      return;
    }
    if (tokens.length === 0 || tokens[0]?.text.startsWith("#")) return;

    const [first, ...rest] = tokens;
    if (!first) return;
    const principals = unquote(first.text).split(",");
    if (principals.some((p) => p === "")) {
      report(first.col, "empty principal");
      return;
    }
    const signer: AllowedSigner = { line, principals, certAuthority: false, publicKey: null };
    // Options come before the key type; a token that is a key type ends them.
    const keyTypeAt = rest.findIndex((t) => /^(ssh-|ecdsa-|sk-)/.test(t.text));
    if (keyTypeAt === -1) {
      report(first.col, "no key type (expected e.g. ssh-ed25519 AAAA…)");
      return;
    }
    // OpenSSH reads one options field: a second one is where it expects the key ("invalid key").
    const extra = rest[1];
    if (keyTypeAt > 1 && extra) {
      report(extra.col, "expected the key type here: options are one comma-separated list, without spaces");
      return;
    }
    const optionsToken = keyTypeAt === 1 ? rest[0] : undefined;
    if (optionsToken && !readOptions(optionsToken, signer, report)) return;
    const typeToken = rest[keyTypeAt];
    const keyToken = rest[keyTypeAt + 1];
    if (!typeToken || !keyToken) {
      report(typeToken?.col ?? first.col, "key type without a key");
      return;
    }
    if (typeToken.text === KEY_TYPE) {
      const blob = Buffer.from(keyToken.text, "base64");
      if (
        !/^[A-Za-z0-9+/]+={0,2}$/.test(keyToken.text) ||
        blob.toString("base64") !== keyToken.text
      ) {
        report(keyToken.col, "key is not valid base64");
        return;
      }
      try {
        signer.publicKey = parsePublicKeyBlob(blob);
      } catch (error) {
        report(keyToken.col, error instanceof KeyError ? error.message : String(error));
        return;
      }
    }
    signers.push(signer);
  });
  return { signers, diagnostics };
}

type Report = (col: number, message: string) => void;

/**
 * The options field as ssh-keygen reads it (sshsig.c, misc.c opt_dequote): names in any case;
 * `cert-authority` takes no value; `namespaces`, `valid-after` and `valid-before` take a value in
 * double quotes and may appear once each. Anything ssh-keygen refuses is refused here, at its column.
 */
function readOptions(token: Token, signer: AllowedSigner, report: Report): boolean {
  const seen = new Set<string>();
  for (const { text: option, offset } of splitOptions(token.text)) {
    const col = token.col + offset;
    const eq = option.indexOf("=");
    const name = (eq === -1 ? option : option.slice(0, eq)).toLowerCase();
    if (!KNOWN_OPTIONS.has(name)) {
      report(col, `unknown option "${name}" (known: ${[...KNOWN_OPTIONS].join(", ")})`);
      return false;
    }
    if (name === "cert-authority") {
      if (eq !== -1) {
        report(col, "cert-authority takes no value");
        return false;
      }
      signer.certAuthority = true;
      continue;
    }
    if (seen.has(name)) {
      report(col, `${name} appears twice (ssh-keygen refuses multiple "${name}" clauses)`);
      return false;
    }
    seen.add(name);
    const raw = eq === -1 ? "" : option.slice(eq + 1);
    if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) {
      report(col, `option ${name} needs a value in double quotes, e.g. ${name}="${name === "namespaces" ? "selfcheck-summary-v1" : "20270101"}"`);
      return false;
    }
    const value = raw.slice(1, -1);
    if (name === "namespaces") {
      // namespaces="" is valid for ssh-keygen: the key is then allowed in no namespace.
      signer.namespaces = value.split(",");
      continue;
    }
    const date = parseSshTime(value);
    if (!date) {
      report(col, `${name}="${value}" is not a time (expected YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, then Z for UTC)`);
      return false;
    }
    if (name === "valid-after") signer.validAfter = date;
    else signer.validBefore = date;
  }
  return true;
}

/** OpenSSH pattern lists: comma-separated `*` and `?` wildcards, `!` negates and wins. */
export function principalMatches(patterns: readonly string[], principal: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    const body = negated ? pattern.slice(1) : pattern;
    if (wildcard(body, principal)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function wildcard(pattern: string, text: string): boolean {
  let re = wildcards.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${[...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&"))).join("")}$`,
    );
    if (wildcards.size < 10_000) wildcards.set(pattern, re);
  }
  return re.test(text);
}

/** Each pattern compiled once: 10,000 summaries are matched against the same few. */
const wildcards = new Map<string, RegExp>();

interface Token {
  text: string;
  col: number;
}

/** Splits on spaces outside double quotes; returns "unterminated" for an open quote. */
function tokenize(line: string): Token[] | "unterminated" {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
    if (i >= line.length) break;
    const start = i;
    let quoted = false;
    while (i < line.length && (quoted || (line[i] !== " " && line[i] !== "\t"))) {
      if (line[i] === '"') quoted = !quoted;
      i++;
    }
    if (quoted) return "unterminated";
    tokens.push({ text: line.slice(start, i), col: start + 1 });
  }
  return tokens;
}

/** Options are comma-separated, but commas inside quotes belong to the value; offsets for columns. */
function splitOptions(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (i === text.length || (c === "," && !quoted)) {
      if (i > start) out.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  return out;
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
