/** Exit codes, the same for every command (DESIGN.md). */
export const EXIT = {
  ok: 0,
  negative: 1,
  unusable: 2,
  /** A bug (EX_SOFTWARE): an error no rule maps. */
  internal: 70,
  interrupted: 130,
} as const;

/** Input we cannot use: bad flags, an invalid bank or answers file. Exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Already-formatted lines (diagnostics) printed before the message. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "UsageError";
  }
}
