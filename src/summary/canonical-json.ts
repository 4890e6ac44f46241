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

export function canonicalize(value: unknown, path = "$"): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isSafeInteger(value) || Object.is(value, -0)) {
        throw new CanonicalError("only integers from -(2^53-1) to 2^53-1 are allowed", path);
      }
      return String(value);
    case "string":
      if (!isPlainText(value)) {
        throw new CanonicalError(
          "control characters and unpaired surrogates are not allowed",
          path,
        );
      }
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => canonicalize(v, `${path}[${i}]`)).join(",")}]`;
      }
      const keys = Object.keys(value).sort();
      const body = keys.map((k) => {
        if (!KEY.test(k))
          throw new CanonicalError(`key ${JSON.stringify(k)} is not printable ASCII`, path);
        return `${JSON.stringify(k)}:${canonicalize((value as Record<string, unknown>)[k], `${path}.${k}`)}`;
      });
      return `{${body.join(",")}}`;
    }
    default:
      throw new CanonicalError(`${typeof value} is not a JSON value`, path);
  }
}

/** The exact bytes a summary's signature covers: canonical JSON and one newline. */
export function signedBytes(summary: unknown): Buffer {
  return Buffer.from(`${canonicalize(summary)}\n`, "utf8");
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
