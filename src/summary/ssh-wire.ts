/**
 * The SSH wire encoding (RFC 4251 §5): uint32 big-endian lengths in front of byte strings.
 * Used by OpenSSH keys, public key blobs and SSHSIG signatures.
 */
export class WireWriter {
  private readonly parts: Buffer[] = [];

  uint32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0);
    this.parts.push(b);
    return this;
  }

  string(value: Uint8Array | string): this {
    const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
    this.uint32(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  raw(value: Uint8Array | string): this {
    this.parts.push(typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value));
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Thrown for any malformed wire data; callers turn it into a reason. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WireError";
  }
}

export class WireReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  uint32(): number {
    if (this.offset + 4 > this.bytes.length) throw new WireError("truncated data");
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return (
      ((b[o] as number) * 2 ** 24 +
        ((b[o + 1] as number) << 16) +
        ((b[o + 2] as number) << 8) +
        (b[o + 3] as number)) >>>
      0
    );
  }

  string(): Buffer {
    const length = this.uint32();
    if (length > this.bytes.length - this.offset) throw new WireError("truncated data");
    const out = Buffer.from(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return out;
  }

  text(): string {
    return this.string().toString("utf8");
  }

  raw(length: number): Buffer {
    if (this.offset + length > this.bytes.length) throw new WireError("truncated data");
    const out = Buffer.from(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return out;
  }

  remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Refuses trailing bytes: a well-formed structure ends exactly where its data does. */
  end(): void {
    if (this.offset !== this.bytes.length) throw new WireError("unexpected trailing data");
  }
}
