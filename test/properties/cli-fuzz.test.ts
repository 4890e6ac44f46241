import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePrivateKey } from "../../src/summary/openssh-key.js";
import { keyedAnswers } from "../helpers/answers.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { type CliResult, runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";

/**
 * The standing guarantee, over generated input run in-process through main(argv, deps): whatever
 * the command line, answers file, bank or summary, stderr never shows a stack frame or a Node
 * internal, no raw control character reaches the output, and the exit code is one of those
 * the README documents. (The bad-input catalogue proves the same for each of its named cases.)
 * Fast-check prints the seed and the shrunk input of any failure for replay.
 */
const EXIT_CODES = [0, 1, 2, 70, 129, 130, 143];
const STACK = /^\s+at .+|node:internal/m;
/** Raw control characters but newline (and the CR of CSV lines); NO_COLOR, so the tool writes no ESC. */
const RAW_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let work: { dir: string; cleanup: () => Promise<void> };
let scratch: string;
const fixtures: Record<string, string> = {};
let keyText: string;
let socket: Server | undefined;

beforeAll(async () => {
  work = await tempDir();
  scratch = path.join(work.dir, "scratch");
  const bank = await mustLoad(DEFAULT_BANK);
  const trainer = trustedKey("trainer@school.example");
  keyText = encodePrivateKey(trainer.key);
  fixtures["allowed_signers"] = `${trainer.line}\n`;
  fixtures["s.json"] = makeSummaryFile(bank, trainer.key, { person: { name: "Sam Patel", staffId: "T-1" }, finishedAt: new Date("2026-11-24T10:00:00Z") });
  fixtures["a.json"] = JSON.stringify(keyedAnswers(bank));
  fixtures["a.yaml"] = Object.entries(keyedAnswers(bank)).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n");
  fixtures["staff.csv"] = "name,role,staff id\nSam Patel,Teacher,T-1\n";
  await cp(DEFAULT_BANK, path.join(work.dir, "fixed", "bank"), { recursive: true });
  // A socket stands for a file that is not a regular file (a FIFO would take mkfifo(1); the FIFO
  // cases are in test/e2e/named-pipes.test.ts): like a FIFO it is never replaced or read as a file.
  socket = createServer();
  const listening = socket;
  await new Promise<void>((resolve) => listening.listen(path.join(work.dir, "fixed", "sock"), resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  await work.cleanup();
});

/**
 * A fresh working folder for each run, with the fixtures. Beside it, made once: a copy of the bank
 * and a socket (`../fixed/…`), which no generated command can change (a socket or a folder is never
 * replaced, and a bank folder that is not empty is never written into).
 */
async function resetScratch(): Promise<void> {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(path.join(scratch, "dir"), { recursive: true });
  for (const [name, text] of Object.entries(fixtures)) await writeFile(path.join(scratch, name), text);
  await writeFile(path.join(scratch, "k"), keyText, { mode: 0o600 });
}

/** HOME and the state folder point into the scratch folder: a generated keygen or run never touches the real ones. */
const run = (args: string[]) =>
  runCli(args, { cwd: scratch, env: { HOME: scratch, XDG_STATE_HOME: path.join(scratch, "state"), XDG_CONFIG_HOME: path.join(scratch, "config"), SELFCHECK_KEY: undefined, SELFCHECK_KEY_PASSPHRASE: undefined } });

function expectGuarantee(args: string[], r: CliResult): void {
  const shown = `args ${JSON.stringify(args)}\nexit ${r.code}\nstderr: ${r.stderr.slice(0, 1500)}`;
  expect(EXIT_CODES, shown).toContain(r.code);
  expect(r.stderr, shown).not.toMatch(STACK);
  expect(`${r.stdout}${r.stderr}`, shown).not.toMatch(RAW_CONTROL);
  if (r.code === 70) expect(r.stderr.trim().split("\n"), shown).toHaveLength(2);
}

const commands = fc.constantFrom("run", "validate", "show", "test", "coverage", "keygen", "verify", "report", "present", "init", "diff", "help", "--help", "--version", "bogus", "\u001b[31mrun");
const flags = fc.constantFrom(
  "--bank", "--answers", "--name", "--role", "--mode", "--seed", "--json", "--export", "--key", "--principal",
  "--staff-id", "--email", "--session", "--force", "--allowed-signers", "--at", "--since", "--trainer", "--format",
  "--output", "--reporter", "--min", "--section", "--title", "--organisation", "--id", "-f", "--no-passphrase",
  "--roster", "--no-color", "--strict", "--help", "--no-resume", "--\u001b[2J", "-\u202e",
);
const values = fc.oneof(
  fc.constantFrom(
    "s.json", "a.json", "a.yaml", "k", "allowed_signers", "staff.csv", "../fixed/bank", "../fixed/bank/", "dir", "dir/", "../fixed/sock", "nope",
    "/dev/null", "/", "", "-", "teacher", "training", "json", "csv", "html", "junit", "2026-11-24", "2026-02-30",
    "2026-01-01 junk", "2026-11-24T09:30Z", "0", "-1", "150", "99999999999", "trainer@school.example", "*@school.example",
    "Sam_Patel & Co.", "Zoë 山田 😀", "Sam\u001b[2J", "Sam\u202e", " Sam ", "x".repeat(300), "new-bank", "out.json",
  ),
  fc.string({ maxLength: 12 }),
);
const argv = fc.tuple(commands, fc.array(fc.oneof(flags, values), { maxLength: 8 })).map(([c, rest]) => [c, ...rest]);

describe("the standing guarantee, over generated input", () => {
  it("any command line", async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        await resetScratch();
        expectGuarantee(args, await run(args));
      }),
      { numRuns: 150 },
    );
  });

  /** A text with some of its characters replaced, removed or repeated. */
  const mutated = (text: string) =>
    fc
      .array(
        fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom("", '"', "{", "}", ",", ":", "\n", "\\u0000", "\\u001b", "1.5", "-", "__proto__", "\u001b", "\u202e", "\uFEFF"), fc.string({ maxLength: 6 }))),
        { minLength: 1, maxLength: 4 },
      )
      .map((edits) => edits.reduce((t, [at, cut, insert]) => t.slice(0, at) + insert + t.slice(at + cut), text));

  it("any answers file, JSON or YAML", async () => {
    const answers = fc.constantFrom("a.json", "a.yaml").chain((file) => mutated(fixtures[file] ?? "").map((text) => [file, text] as const));
    await fc.assert(
      fc.asyncProperty(answers, async ([file, text]) => {
        await resetScratch();
        await writeFile(path.join(scratch, file), text);
        const args = ["run", "--answers", file, "--role", "teacher", "--name", "Sam", "--json"];
        expectGuarantee(args, await run(args));
      }),
      { numRuns: 25 },
    );
  });

  it("any bank file", async () => {
    const bankFiles = await Promise.all(
      ["bank.yaml", "policy.yaml", "sections/01-scope.yaml"].map(async (file) => [file, await readFile(path.join(DEFAULT_BANK, file), "utf8")] as const),
    );
    const changed = fc.constantFrom(...bankFiles).chain(([file, text]) => mutated(text).map((t) => [file, t] as const));
    await fc.assert(
      fc.asyncProperty(changed, fc.constantFrom("validate", "show", "coverage"), async ([file, text], command) => {
        await resetScratch();
        await cp(DEFAULT_BANK, path.join(scratch, "bank"), { recursive: true });
        await writeFile(path.join(scratch, "bank", file), text);
        const args = [command, "--bank", "bank", ...(command === "show" ? ["--json"] : [])];
        expectGuarantee(args, await run(args));
      }),
      { numRuns: 15 },
    );
  });

  it("any summary, for verify and report", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(fixtures["s.json"] ?? ""), fc.boolean(), async (text, report) => {
        await resetScratch();
        await writeFile(path.join(scratch, "s.json"), text);
        const args = report
          ? ["report", "s.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--format", "csv"]
          : ["verify", "s.json", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", "2026-12-01"];
        expectGuarantee(args, await run(args));
      }),
      { numRuns: 60 },
    );
  });

  it("cleans up after itself", async () => {
    await rm(scratch, { recursive: true, force: true });
    expect(await readdir(work.dir)).toEqual(["fixed"]);
  });
});
