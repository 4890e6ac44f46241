#!/usr/bin/env node
// `npm run bench`: start-up and throughput of the CLI. A benchmark, not a test: it prints figures
// and the goals (issues 6 and 16); it never fails on a goal. It fails (exit 1) only when a
// benchmarked command does not do its job (a wrong exit code), since a fast wrong answer measures
// nothing.
//
// Two yardsticks, both measured in the same run as the command:
//   - start-up rows: × `node -e 0`, what any Node program costs to start;
//   - bulk rows (validate, test, verify, report): × floor (`vsFloor`), a small script in scripts/
//     (floor-*.mjs) doing only the irreducible work of that command (the parsing and the crypto)
//     with the same libraries on every core. How close a command is to what its work costs.
//
//   npm run bench                      every case, 7 timed runs each (after one warm-up)
//   npm run bench -- --runs 15         more runs
//   npm run bench -- --only help,run   the cases whose name contains one of these (a bulk case
//                                      brings its floor along)
//   npm run bench -- --json out.json   also write the figures as JSON
//   npm run bench -- --large           also report and its floor on 100,000 summaries (memory)
//
// Runs are interleaved (baseline, floors, case 1, case 2, …, then again), so a busy machine slows
// every case alike and the ratios stay comparable. Each run goes through /usr/bin/time when it is
// present, for its CPU time (user + system, all threads) and its peak memory (maximum resident
// set size); without it those columns say n/a.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
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
    large: { type: "boolean", default: false },
  },
});
const RUNS = Math.max(1, Number.parseInt(flags.runs, 10) || 7);
const ONLY = flags.only?.split(",").filter(Boolean);

const NODE = process.execPath;
const CLI = path.join(ROOT, "bin", "selfcheck.js");
const SEA = path.join(ROOT, "release", process.platform === "win32" ? "selfcheck-win-x64.exe" : "selfcheck");
const TIME = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p));
const SCRIPTS = path.join(ROOT, "scripts");
/** The principal whose key signs the generated summaries (bench-data.mjs): a trainer, who may attest for anyone. */
const TRAINER = "trainer@school.example";

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
const floorScript = (name, ...args) => [NODE, path.join(SCRIPTS, name), ...args];
const want = (name) => !ONLY || ONLY.some((o) => name.includes(o));
const MARK = "selfcheck-bench-time:";

/**
 * Runs a command once; returns wall milliseconds, CPU milliseconds (user + system) and peak RSS in
 * KiB (both undefined without /usr/bin/time), or throws when the exit code is wrong.
 */
function runOnce(c) {
  const argv = TIME ? [TIME, "-f", `${MARK}%U %S %M`, ...c.argv] : c.argv;
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
  const stderr = r.stderr.toString();
  if (r.status !== expected) {
    throw new Error(`${c.name}: exit ${r.status} (expected ${expected})\n${stderr.slice(-2000)}`);
  }
  const timed = stderr.slice(stderr.lastIndexOf(MARK) + MARK.length).trim().split(" ").map(Number);
  if (!TIME || timed.length !== 3 || timed.some(Number.isNaN)) return { ms };
  return { ms, cpuMs: (timed[0] + timed[1]) * 1000, rssKb: timed[2] };
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
const floors = [];
const skipped = [];
const baseline = { name: "node -e 0", argv: [NODE, "-e", "0"] };

if (want("help")) cases.push({ name: "selfcheck --help", argv: cli("--help"), goal: 1.4 });

if (want("run")) {
  const answers = await defaultBankAnswers();
  writeFileSync(path.join(work, "answers.yaml"), answers);
  // The same answers as JSON: a scripted run then never loads the YAML parser.
  writeFileSync(path.join(work, "answers.json"), JSON.stringify(parseYaml(answers)));
  cases.push({
    name: "run --answers FILE.json --json",
    argv: cli("run", "--answers", "answers.json", "--role", "teacher", "--name", "Bench Mark", "--seed", "1", "--json"),
    goal: 1.8,
  });
  cases.push({
    name: "run --answers FILE.yaml --json",
    argv: cli("run", "--answers", "answers.yaml", "--role", "teacher", "--name", "Bench Mark", "--seed", "1", "--json"),
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
  if (want("validate")) {
    const floor = { name: "floor: parse the bank's YAML", argv: floorScript("floor-parse-yaml.mjs", path.join(bank, "bank.yaml"), path.join(bank, "policy.yaml"), path.join(bank, "sections")) };
    floors.push(floor);
    cases.push({ name: "validate (2,000 questions)", argv: cli("validate", "--bank", bank), floor, floorGoal: 1.2 });
  }
  if (want("test")) {
    const floor = { name: "floor: parse the bank and 1,000 scenarios", argv: floorScript("floor-parse-yaml.mjs", bank) };
    floors.push(floor);
    cases.push({ name: "test (1,000 scenarios)", argv: cli("test", "--bank", bank), floor, floorGoal: 1.5 });
  }
}

if (want("verify") || want("report")) {
  const dir = path.join(work, "summaries");
  const t = performance.now();
  const { files, allowedSigners } = await generateSummaries(dir, 10_000);
  log(`bench: generated and signed 10,000 summaries (${Math.round(performance.now() - t)} ms)`);
  const floor = { name: "floor: verify 10,000 signatures", argv: floorScript("floor-verify.mjs", "--allowed-signers", allowedSigners, dir) };
  floors.push(floor);
  if (want("verify")) {
    cases.push({
      name: "verify (10,000 summaries)",
      argv: cli("verify", ...files, "--allowed-signers", allowedSigners, "--trainer", "trainer@school.example", "--at", "2026-11-01", "--trainer", TRAINER),
      cwd: dir,
      floor,
      floorGoal: 1.3,
    });
  }
  if (want("report")) {
    cases.push({
      name: "report --format json (10,000 summaries)",
      argv: cli("report", dir, "--allowed-signers", allowedSigners, "--trainer", "trainer@school.example", "--format", "json", "--at", "2026-11-01", "--trainer", TRAINER),
      floor,
      floorGoal: 1.3,
    });
  }
}

if (flags.large) {
  // Memory at 100,000 files: the peak RSS of report and of its floor, next to the 10,000 rows.
  const dir = path.join(work, "summaries-100k");
  const t = performance.now();
  const { allowedSigners } = await generateSummaries(dir, 100_000);
  log(`bench: generated and signed 100,000 summaries (${Math.round(performance.now() - t)} ms)`);
  const floor = { name: "floor: verify 100,000 signatures", argv: floorScript("floor-verify.mjs", "--allowed-signers", allowedSigners, dir) };
  floors.push(floor);
  cases.push({
    name: "report --format json (100,000 summaries)",
    argv: cli("report", dir, "--allowed-signers", allowedSigners, "--trainer", "trainer@school.example", "--format", "json", "--at", "2026-11-01", "--trainer", TRAINER),
    floor,
    floorGoal: 1.3,
  });
}

// ---------------------------------------------------------------------------------------------
// Measure.

const all = [baseline, ...floors, ...cases];
log(`bench: ${RUNS} timed runs of ${all.length} commands, interleaved, after one warm-up each`);
const runs = new Map(all.map((c) => [c, []]));
try {
  for (const c of all) runOnce(c); // warm-up: file cache, compile caches, checks the exit code
  for (let r = 0; r < RUNS; r++) {
    for (const c of all) runs.get(c).push(runOnce(c));
    process.stderr.write(`\rbench: run ${r + 1} of ${RUNS}`);
  }
  process.stderr.write("\n");
} catch (error) {
  console.error(`\nbench: ${error.message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Report.

const round = (x, digits = 1) => (x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const stats = (c) => {
  const list = runs.get(c);
  const cpu = list.map((r) => r.cpuMs).filter((x) => x !== undefined);
  const rss = list.map((r) => r.rssKb).filter((x) => x !== undefined);
  return {
    ms: median(list.map((r) => r.ms)),
    minMs: Math.min(...list.map((r) => r.ms)),
    cpuMs: cpu.length > 0 ? median(cpu) : undefined,
    rssKb: rss.length > 0 ? Math.max(...rss) : undefined,
  };
};
const base = stats(baseline);
const rows = all.map((c) => {
  const s = stats(c);
  const f = c.floor ? stats(c.floor) : undefined;
  const ratio = s.ms / base.ms;
  const vsFloor = f ? s.ms / f.ms : undefined;
  const goal = c.floor ? c.floorGoal : c.goal;
  const measured = c.floor ? vsFloor : ratio;
  return {
    name: c.name,
    kind: c === baseline ? "baseline" : floors.includes(c) ? "floor" : c.floor ? "bulk" : "start-up",
    medianMs: round(s.ms),
    minMs: round(s.minMs),
    cpuMs: round(s.cpuMs),
    ratio: c === baseline ? 1 : round(ratio, 2),
    floor: c.floor?.name ?? null,
    vsFloor: round(vsFloor, 2),
    cpuVsFloor: f && s.cpuMs !== undefined && f.cpuMs !== undefined ? round(s.cpuMs / f.cpuMs, 2) : null,
    goal: goal ?? null,
    goalOf: goal === undefined ? null : c.floor ? "vsFloor" : "ratio",
    met: goal === undefined ? null : measured <= goal,
    peakRssMb: s.rssKb === undefined ? null : round(s.rssKb / 1024),
  };
});

const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: os.cpus().length,
  availableParallelism: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? "unknown",
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  cli: readEntry(),
  runs: RUNS,
  date: new Date().toISOString(),
};

/**
 * What bin/selfcheck.js runs, by its own rule: the bundle, unless dist/ was built after it (a lone
 * `tsc`), when it runs dist/cli's hundreds of modules and starts far slower. `npm run bench`
 * builds both first; `node scripts/bench.mjs` on its own may not.
 */
function readEntry() {
  const built = (file) => statSync(path.join(ROOT, "dist", file), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return built("bundle/selfcheck.js") >= built("cli/main.js")
    ? "bin/selfcheck.js → dist/bundle (esbuild)"
    : "bin/selfcheck.js → dist/cli (tsc; the bundle is older: run `npm run build`)";
}

const fixed = (x, digits) => (x === null ? "" : x.toFixed(digits));
const header = ["command", "median ms", "min ms", "CPU ms", "× node -e 0", "× floor", "CPU × floor", "goal", "met", "peak RSS MB"];
const table = rows.map((r) => [
  r.kind === "floor" ? `  ${r.name}` : r.name,
  fixed(r.medianMs, 1),
  fixed(r.minMs, 1),
  r.cpuMs === null ? "n/a" : r.cpuMs.toFixed(0),
  r.kind === "bulk" || r.kind === "floor" ? "" : r.ratio.toFixed(2),
  fixed(r.vsFloor, 2),
  fixed(r.cpuVsFloor, 2),
  r.goal === null ? "" : r.goalOf === "vsFloor" ? `≤ ${r.goal} × floor` : `≤ ${r.goal}`,
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
  `machine: ${machine.cpus} × ${machine.cpu} (available parallelism ${machine.availableParallelism}), ${machine.memoryGb} GiB, ` +
    `${machine.platform}, Node ${machine.node}; load average ${machine.loadAverage.join(" ")}; ${machine.cli}; median of ${RUNS} runs`,
);
if (!TIME) console.log("CPU time and peak memory: n/a (no /usr/bin/time on this machine)");
for (const s of skipped) console.log(`skipped: ${s}`);

if (flags.json) {
  writeFileSync(flags.json, `${JSON.stringify({ machine, rows, skipped }, null, 2)}\n`);
  console.log(`wrote ${flags.json}`);
}
