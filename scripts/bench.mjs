#!/usr/bin/env node
// `npm run bench`: start-up and throughput of the CLI, each as a ratio to `node -e 0` measured in
// the same run. A benchmark, not a test: it prints figures and the goals (issue 6); it never
// fails on a goal. It fails (exit 1) only when a benchmarked command does not do its job (a wrong
// exit code), since a fast wrong answer measures nothing.
//
//   npm run bench                      every case, 7 timed runs each (after one warm-up)
//   npm run bench -- --runs 15         more runs
//   npm run bench -- --only help,run   the cases whose name contains one of these
//   npm run bench -- --json out.json   also write the figures as JSON
//
// Runs are interleaved (baseline, case 1, case 2, …, then again), so a busy machine slows every
// case alike and the ratios stay comparable. Peak memory is the maximum resident set size of one
// extra run of each case, from /usr/bin/time -f %M when present (said so when it is not).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { defaultBankAnswers, generateBank, generateSummaries } from "./bench-data.mjs";
import { ROOT } from "./build-bundle.mjs";

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    only: { type: "string" },
    json: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const RUNS = Math.max(1, Number.parseInt(flags.runs, 10) || 7);
const ONLY = flags.only?.split(",").filter(Boolean);

const NODE = process.execPath;
const CLI = path.join(ROOT, "bin", "selfcheck.js");
const SEA = path.join(ROOT, "release", process.platform === "win32" ? "selfcheck.exe" : "selfcheck");
const TIME = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p));

if (!existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
  console.error("bench: dist/ is missing; run `npm run build` first");
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), "selfcheck-bench-"));
const cleanup = () => {
  if (!flags.keep) rmSync(work, { recursive: true, force: true });
};
process.on("exit", cleanup);

const log = (text) => process.stderr.write(`${text}\n`);
const cli = (...args) => [NODE, CLI, ...args];
const want = (name) => !ONLY || ONLY.some((o) => name.includes(o));

/** Runs a command once; returns wall milliseconds, or throws when the exit code is wrong. */
function runOnce(c, { time = false } = {}) {
  const argv = time && TIME ? [TIME, "-f", "%M", ...c.argv] : c.argv;
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: c.cwd ?? work,
    env: { ...process.env, NO_COLOR: "1", ...c.env },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const expected = c.code ?? 0;
  if (r.error) throw new Error(`${c.name}: ${r.error.message}`);
  if (r.status !== expected) {
    throw new Error(`${c.name}: exit ${r.status} (expected ${expected})\n${r.stderr.toString().slice(-2000)}`);
  }
  let rssKb;
  if (time && TIME) {
    const lines = r.stderr.toString().trim().split("\n");
    rssKb = Number.parseInt(lines[lines.length - 1] ?? "", 10);
  }
  return { ms, rssKb };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------------------------------------
// Data, generated now into a temporary folder.

log(`bench: preparing data in ${work}`);
const cases = [];
const skipped = [];
const baseline = { name: "node -e 0", argv: [NODE, "-e", "0"] };

if (want("help")) cases.push({ name: "selfcheck --help", argv: cli("--help"), goal: 1.4 });

if (want("run")) {
  const answers = await defaultBankAnswers();
  writeFileSync(path.join(work, "answers.yaml"), answers);
  // The same answers as JSON: a scripted run then never loads the YAML parser.
  writeFileSync(path.join(work, "answers.json"), JSON.stringify(parseYaml(answers)));
  cases.push({
    name: "run --answers --json (default bank)",
    argv: cli("run", "--answers", "answers.yaml", "--role", "teacher", "--name", "Bench Mark", "--seed", "1", "--json"),
    goal: 1.8,
  });
  cases.push({
    name: "run --answers FILE.json --json",
    argv: cli("run", "--answers", "answers.json", "--role", "teacher", "--name", "Bench Mark", "--seed", "1", "--json"),
    goal: 1.8,
  });
}

if (want("sea")) {
  if (existsSync(SEA)) {
    cases.push({ name: "SEA binary --help", argv: [SEA, "--help"], goal: 1.5 });
  } else {
    skipped.push("SEA binary --help: release/selfcheck does not exist (run `npm run build:bin` first)");
  }
}

if (want("validate") || want("test")) {
  const bank = path.join(work, "bank");
  const t = performance.now();
  await generateBank(bank, { sections: 20, perSection: 100, scenarios: 1000 });
  log(`bench: generated a bank of 2,000 questions and 1,000 scenarios (${Math.round(performance.now() - t)} ms)`);
  if (want("validate")) cases.push({ name: "validate (2,000 questions)", argv: cli("validate", "--bank", bank), goal: 3 });
  if (want("test")) cases.push({ name: "test (1,000 scenarios)", argv: cli("test", "--bank", bank), goal: 4 });
}

if (want("verify") || want("report")) {
  const dir = path.join(work, "summaries");
  const t = performance.now();
  const { files, allowedSigners } = await generateSummaries(dir, 10_000);
  log(`bench: generated and signed 10,000 summaries (${Math.round(performance.now() - t)} ms)`);
  if (want("verify")) {
    cases.push({
      name: "verify (10,000 summaries)",
      argv: cli("verify", ...files, "--allowed-signers", allowedSigners, "--at", "2026-11-01"),
      cwd: dir,
      goal: 10,
    });
  }
  if (want("report")) {
    const probe = spawnSync(NODE, cli("report", "--help").slice(1), { stdio: "ignore" });
    if (probe.status === 0) {
      cases.push({
        name: "report --format json (10,000 summaries)",
        argv: cli("report", dir, "--allowed-signers", allowedSigners, "--format", "json", "--at", "2026-11-01"),
        goal: 12,
      });
    } else {
      skipped.push("report: `selfcheck report --help` does not work in this build");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Measure.

const all = [baseline, ...cases];
log(`bench: ${RUNS} timed runs of ${all.length} commands, interleaved, after one warm-up each`);
const times = new Map(all.map((c) => [c, []]));
try {
  for (const c of all) runOnce(c); // warm-up: file cache, compile caches, checks the exit code
  for (let r = 0; r < RUNS; r++) {
    for (const c of all) times.get(c).push(runOnce(c).ms);
    process.stderr.write(`\rbench: run ${r + 1} of ${RUNS}`);
  }
  process.stderr.write("\n");
} catch (error) {
  console.error(`\nbench: ${error.message}`);
  process.exit(1);
}
const memory = new Map(all.map((c) => [c, TIME ? runOnce(c, { time: true }).rssKb : undefined]));

// ---------------------------------------------------------------------------------------------
// Report.

const base = median(times.get(baseline));
const rows = all.map((c) => {
  const ms = median(times.get(c));
  const ratio = ms / base;
  return {
    name: c.name,
    medianMs: Math.round(ms * 10) / 10,
    minMs: Math.round(Math.min(...times.get(c)) * 10) / 10,
    ratio: c === baseline ? 1 : Math.round(ratio * 100) / 100,
    goal: c.goal ?? null,
    met: c.goal === undefined ? null : ratio <= c.goal,
    peakRssMb: memory.get(c) === undefined ? null : Math.round(memory.get(c) / 102.4) / 10,
  };
});

const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? "unknown",
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  cli: readEntry(),
  runs: RUNS,
  date: new Date().toISOString(),
};

function readEntry() {
  const bundle = path.join(ROOT, "dist", "bundle", "selfcheck.js");
  return existsSync(bundle) ? "bin/selfcheck.js → dist/bundle (esbuild)" : "bin/selfcheck.js → dist/cli (tsc)";
}

const header = ["command", "median ms", "min ms", "× node -e 0", "goal", "met", "peak RSS MB"];
const table = rows.map((r) => [
  r.name,
  r.medianMs.toFixed(1),
  r.minMs.toFixed(1),
  r.ratio.toFixed(2),
  r.goal === null ? "" : `≤ ${r.goal}`,
  r.met === null ? "" : r.met ? "yes" : "NO",
  r.peakRssMb === null ? "n/a" : r.peakRssMb.toFixed(1),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`);
for (const row of table) console.log(line(row));
console.log("");
console.log(
  `machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GiB, ${machine.platform}, Node ${machine.node}; ` +
    `load average ${machine.loadAverage.join(" ")}; ${machine.cli}; median of ${RUNS} runs`,
);
if (!TIME) console.log("peak memory: n/a (no /usr/bin/time on this machine)");
for (const s of skipped) console.log(`skipped: ${s}`);

if (flags.json) {
  writeFileSync(flags.json, `${JSON.stringify({ machine, rows, skipped }, null, 2)}\n`);
  console.log(`wrote ${flags.json}`);
}
