import { readFileSync } from "node:fs";

/** Set by the bundler (esbuild --define) for the standalone executable, where package.json is not beside the code. */
declare const __SELFCHECK_VERSION__: string | undefined;

/** The package version. */
export const TOOL_VERSION: string =
  typeof __SELFCHECK_VERSION__ === "string" ? __SELFCHECK_VERSION__ : readPackageVersion();

function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
