#!/usr/bin/env node
// Tiny shim into the built CLI. `npm run build` (which `npm ci` runs) compiles src/ to dist/ with
// tsc and then bundles it into dist/bundle/ with esbuild (scripts/build-bundle.mjs): a handful of
// files load much faster than the hundreds of modules in dist/ and node_modules/. If the bundle is
// missing or older than dist/ (tsc was run on its own), the modules in dist/ are used instead, so
// a stale bundle never runs.
import { statSync } from "node:fs";

const bundle = new URL("../dist/bundle/selfcheck.js", import.meta.url);
const modules = new URL("../dist/cli/main.js", import.meta.url);
const built = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const { main } = await import(built(bundle) >= built(modules) ? bundle.href : modules.href);

process.exitCode = await main(process.argv.slice(2));
