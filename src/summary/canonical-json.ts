/**
 * RFC 8785 (JCS) canonical JSON for the restricted values a summary may hold: ASCII keys,
 * safe integers, strings without control characters, booleans, null, arrays and objects.
 * Within that profile the canonical form is exactly what `jq -cS .` prints, so anyone can
 * rebuild the signed bytes with jq and check them with `ssh-keygen -Y verify`.
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

export class CanonicalError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "CanonicalError";
  }
}

const KEY = /^[\x20-\x7e]+$/;

/** `"key":` for each key seen, checked once: summaries repeat the same few dozen keys. */
const keyPrefixes = new Map<string, string>();

export function canonicalize(value: unknown, path = "$"): string {
  // The path of the value being written, as segments: joined only for an error message.
  const at: (string | number)[] = [];
  const where = () => path + at.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
  const write = (v: unknown): string => {
    if (v === null) return "null";
    switch (typeof v) {
      case "boolean":
        return v ? "true" : "false";
      case "number":
        if (!Number.isSafeInteger(v) || Object.is(v, -0)) {
          throw new CanonicalError("only integers from -(2^53-1) to 2^53-1 are allowed", where());
        }
        return String(v);
      case "string":
        if (!isPlainText(v)) {
          throw new CanonicalError("control characters and unpaired surrogates are not allowed", where());
        }
        return JSON.stringify(v);
      case "object": {
        let out: string;
        if (Array.isArray(v)) {
          out = "[";
          for (let i = 0; i < v.length; i++) {
            at.push(i);
            out += i === 0 ? write(v[i]) : `,${write(v[i])}`;
            at.pop();
          }
          return `${out}]`;
        }
        const keys = Object.keys(v).sort();
        out = "{";
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i] as string;
          let prefix = keyPrefixes.get(k);
          if (prefix === undefined) {
            if (!KEY.test(k)) throw new CanonicalError(`key ${JSON.stringify(k)} is not printable ASCII`, where());
            prefix = `${JSON.stringify(k)}:`;
            if (keyPrefixes.size < 1000) keyPrefixes.set(k, prefix);
          }
          at.push(k);
          out += `${i === 0 ? "" : ","}${prefix}${write((v as Record<string, unknown>)[k])}`;
          at.pop();
        }
        return `${out}}`;
      }
      default:
        throw new CanonicalError(`${typeof v} is not a JSON value`, where());
    }
  };
  return write(value);
}

/** The exact bytes a summary's signature covers: canonical JSON and one newline. */
export function signedBytes(summary: unknown): Buffer {
  return signedBytesOf(canonicalize(summary));
}

/** The signed bytes of a summary whose canonical JSON is already written (summary-check.ts). */
export function signedBytesOf(canonicalText: string): Buffer {
  return Buffer.from(`${canonicalText}\n`, "utf8");
}

/** No control characters (C0 or DEL, which jq escapes differently) and no unpaired surrogates. */
export function isPlainText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}
