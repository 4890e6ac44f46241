// Bundles the CLI with esbuild, so that start-up loads a few files instead of hundreds of modules.
//
//   node scripts/build-bundle.mjs     → dist/bundle/selfcheck.js (+ chunks), what bin/selfcheck.js loads
//
// `npm run build` runs it after `tsc` (which still emits dist/ for scripts and benchmarks that use
// the modules directly). The npm bundle is ESM with code splitting: `selfcheck --help` loads the
// entry chunk (commander and the command definitions) only; each command's action, zod and yaml,
// the signing code and @inquirer/prompts stay in chunks loaded by the dynamic `import()`s in
// src/cli, as before. scripts/build-sea.mjs reuses `esbuildBase` for the standalone executable.
import { readFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function packageVersion() {
  return JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
}

/**
 * Three dependencies bring code the CLI never runs; left in, every start-up that loads them pays
 * for it. Each is changed at bundle time only (node_modules is untouched), and a dependency update
 * that moves the code only loses the saving: the build says so and carries on.
 *
 * - zod re-exports every locale (about 260 KB minified) as `z.locales` from its classic and core
 *   entry points; the CLI uses zod's default English messages only, so `locales` holds `en` alone.
 * - `import("@inquirer/prompts")` (src/session/inquirer-prompter.ts) loads every prompt, and the
 *   `editor` prompt, which the CLI does not use, pulls in iconv-lite's code-page tables and chardet
 *   (about 500 KB). The bundle imports @inquirer/prompts through a module that re-exports every
 *   prompt but `editor`, so esbuild leaves the editor's dependencies out. (Should the CLI ever use
 *   `editor`, add it to the list below.)
 * - commander loads node:child_process (and with it net, dgram and streams: about 5 ms) on start,
 *   for subcommands that are separate executables, which the CLI does not have; it is loaded
 *   when first used instead.
 */
const slimDependencies = {
  name: "selfcheck-slim-dependencies",
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const from = 'export * as locales from "../locales/index.js";';
      if (!text.includes(from)) {
        console.warn(`build-bundle: ${args.path} no longer re-exports locales as expected; keeping all of zod`);
        return undefined;
      }
      const to = 'import __selfcheckEn from "../locales/en.js";\nexport const locales = { en: __selfcheckEn };';
      return { contents: text.replace(from, to), loader: "js" };
    });
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const from = "const childProcess = require('node:child_process');";
      if (!text.includes(from)) {
        console.warn(`build-bundle: ${args.path} no longer loads child_process as expected; leaving it`);
        return undefined;
      }
      const to = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(from, to), loader: "js" };
    });
    b.onResolve({ filter: /^@inquirer\/prompts$/ }, (args) => {
      if (args.pluginData === "real") return undefined;
      return { path: "inquirer-prompts-without-editor", namespace: "selfcheck", pluginData: args.resolveDir };
    });
    b.onLoad({ filter: /^inquirer-prompts-without-editor$/, namespace: "selfcheck" }, async (args) => {
      const real = await b.resolve("@inquirer/prompts", {
        kind: "import-statement",
        resolveDir: args.pluginData,
        pluginData: "real",
      });
      if (real.errors.length > 0) return { errors: real.errors };
      // Each prompt from its own package, resolved where @inquirer/prompts resolves it: going
      // through its index would still evaluate (and so bundle) @inquirer/editor.
      const prompts = ["checkbox", "confirm", "expand", "input", "number", "password", "rawlist", "search", "select"];
      return {
        contents: [
          ...prompts.map((p) => `export { default as ${p} } from "@inquirer/${p}";`),
          'export { Separator } from "@inquirer/checkbox";',
        ].join("\n"),
        resolveDir: path.dirname(real.path),
        loader: "js",
      };
    });
  },
};

/** Options shared by both bundles. */
export function esbuildBase() {
  return {
    plugins: [slimDependencies],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    // The oldest Node we support; esbuild lowers nothing that Node 20 already has.
    target: "node20.12",
    // The version is baked in: src/cli/version.ts then never reads package.json at start-up.
    define: { __SELFCHECK_VERSION__: JSON.stringify(packageVersion()) },
    // Smaller files parse faster; identifiers stay readable, so stack traces still name functions.
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: "none",
    logLevel: "warning",
  };
}

export const BUNDLE_DIR = path.join(ROOT, "dist", "bundle");

/** The bundle that bin/selfcheck.js imports (npm installs and the checkout). */
export async function buildNpmBundle() {
  await rm(BUNDLE_DIR, { recursive: true, force: true });
  const esm = {
    ...esbuildBase(),
    outdir: BUNDLE_DIR,
    format: "esm",
    // CommonJS dependencies (commander, bcrypt-pbkdf, parts of inquirer) call require() for Node's
    // own modules; ESM has no require, so each output file gets one.
    banner: {
      js: 'import { createRequire as __selfcheckCreateRequire } from "node:module"; const require = __selfcheckCreateRequire(import.meta.url);',
    },
  };
  // The workers are entries of their own: verify-files.ts and load-scenarios.ts start them from
  // the file beside whichever chunk holds that code (all of them sit in dist/bundle/).
  await build({
    ...esm,
    entryPoints: { selfcheck: "src/cli/main.ts", "scenario-worker": "src/session/scenario-worker.ts" },
    splitting: true,
    // Chunks sit beside the entry (see the check below).
    chunkNames: "[name]-[hash]",
  });
  // verify and report's worker is one self-contained file (85 KB, no chunks shared with the CLI):
  // the thread loads one file rather than fifteen and answers its first batch sooner (37 against
  // 45 ms from `new Worker`, measured alone). The scenario worker gained nothing this way (its
  // thread waits for the bank anyway) and stays in chunks.
  await build({ ...esm, entryPoints: { "verify-worker": "src/report/verify-worker.ts" }, splitting: false });
  // Every output file sits two levels below the package root, as dist/cli/*.js does, so
  // `new URL("../../questions", import.meta.url)` in src/cli/shared.ts, in whichever chunk it
  // lands, still finds the default bank.
  const files = await readdir(BUNDLE_DIR, { withFileTypes: true });
  const js = files.filter((f) => f.isFile() && f.name.endsWith(".js"));
  if (files.some((f) => f.isDirectory()) || !["selfcheck.js", "verify-worker.js", "scenario-worker.js"].every((n) => js.some((f) => f.name === n))) {
    throw new Error(`unexpected bundle layout in ${BUNDLE_DIR}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildNpmBundle();
}
