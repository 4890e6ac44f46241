#!/usr/bin/env node
// Tiny shim into the built CLI. `npm run build` (which `npm ci` runs) compiles src/ to dist/ with
// tsc and then bundles it into dist/bundle/ with esbuild (scripts/build-bundle.mjs): a handful of
// files load much faster than the hundreds of modules in dist/ and node_modules/. If the bundle is
// missing or older than dist/ (tsc was run on its own), the modules in dist/ are used instead, so
// a stale bundle never runs.
import { statSync } from "node:fs";

// A closed stdout (`selfcheck show --json | head -c 10`) ends quietly, like cat and git; main()
// installs the same handler, this one also covers anything written before it runs.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

/** What main() does for an unmapped error, for the few that could happen before or outside it. */
function internalError(error) {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(
    `selfcheck: internal error: ${(text.split("\n")[0] ?? "").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?")}\n` +
      "selfcheck: this is a bug; please report it with the command you ran (SELFCHECK_DEBUG=1 shows the details)\n",
  );
  if (process.env.SELFCHECK_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(70);
}
process.on("uncaughtException", internalError);
process.on("unhandledRejection", internalError);

const bundle = new URL("../dist/bundle/selfcheck.js", import.meta.url);
const modules = new URL("../dist/cli/main.js", import.meta.url);
const built = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
try {
  const { main } = await import(built(bundle) >= built(modules) ? bundle.href : modules.href);
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  internalError(error);
}
