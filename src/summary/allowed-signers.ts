import type { Diagnostic } from "../util/diagnostic.js";
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
    let i = 0;
    // Options come before the key type; a token that is a key type ends them.
    const keyTypeAt = rest.findIndex((t) => /^(ssh-|ecdsa-|sk-)/.test(t.text));
    if (keyTypeAt === -1) {
      report(first.col, "no key type (expected e.g. ssh-ed25519 AAAA…)");
      return;
    }
    for (; i < keyTypeAt; i++) {
      const token = rest[i];
      if (!token) continue;
      for (const option of splitOptions(token.text)) {
        const eq = option.indexOf("=");
        const name = (eq === -1 ? option : option.slice(0, eq)).toLowerCase();
        const value = eq === -1 ? undefined : unquote(option.slice(eq + 1));
        if (!KNOWN_OPTIONS.has(name)) {
          report(token.col, `unknown option "${name}" (known: ${[...KNOWN_OPTIONS].join(", ")})`);
          return;
        }
        if (name === "cert-authority") {
          signer.certAuthority = true;
          continue;
        }
        if (value === undefined || value === "") {
          report(token.col, `option ${name} needs a value`);
          return;
        }
        if (name === "namespaces") {
          signer.namespaces = value.split(",");
        } else {
          const date = parseSshTime(value);
          if (!date) {
            report(token.col, `${name}="${value}" is not a time (expected YYYYMMDD[HHMM[SS]][Z])`);
            return;
          }
          if (name === "valid-after") signer.validAfter = date;
          else signer.validBefore = date;
        }
      }
    }
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
  const re = new RegExp(
    `^${[...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&"))).join("")}$`,
  );
  return re.test(text);
}

/** YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, optionally ending in Z. Read as UTC either way. */
export function parseSshTime(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?Z?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1).map((x) => x ?? undefined) as string[];
  const date = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
  );
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return date;
}

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

/** Options are comma-separated, but commas inside quotes belong to the value. */
function splitOptions(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      out.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  out.push(current);
  return out.filter((o) => o !== "");
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
