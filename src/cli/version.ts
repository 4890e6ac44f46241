import { createRequire } from "node:module";

/** The package version, read from package.json beside dist/. */
export const TOOL_VERSION = (
  createRequire(import.meta.url)("../../package.json") as { version: string }
).version;
