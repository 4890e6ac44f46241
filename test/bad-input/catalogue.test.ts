import { createHash } from "node:crypto";
import { chmod, cp, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { makeSummaryFile, trustedKey } from "../helpers/summaries.js";
import { keyedAnswers } from "../helpers/answers.js";
import { mustLoad } from "../helpers/load.js";
import { encodePrivateKey, generateKey } from "../../src/summary/openssh-key.js";

/**
 * The bad-input catalogue: every way we know to hand the tool something unusable, each with the
 * exit code it must give, a message that names the file (and line:col where there is one), no
 * stack trace, and no file created or changed. A few inputs that look odd but are valid (a BOM or
 * CRLF in YAML) are here too, to prove they are accepted rather than refused.
 */
interface Case {
  name: string;
  /** Prepares files in the case's own folder; returns the arguments to run with. */
  setup: (dir: string) => Promise<string[]>;
  code: 0 | 1 | 2;
  message?: RegExp;
  env?: NodeJS.ProcessEnv;
}

let work: { dir: string; cleanup: () => Promise<void> };
let signersLine: string;
let goodSummary: string;
let futureSummary: string;
let keyText: string;
let answersJson: string;
const servers: Server[] = [];

/** A copy of the default bank in `dir/bank`, with some files replaced. */
async function bank(dir: string, files: Record<string, string | Buffer> = {}): Promise<string> {
  const b = path.join(dir, "bank");
  await cp(DEFAULT_BANK, b, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(b, name), content);
  return b;
}
const write = async (dir: string, name: string, content: string | Buffer) => {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), content);
  return name;
};
const signers = (dir: string, text = `${signersLine}\n`) => write(dir, "allowed_signers", text);
const answersWith = (change: (a: Record<string, unknown>) => void) => {
  const a = JSON.parse(answersJson);
  change(a);
  return JSON.stringify(a);
};
/** The default bank's file with one change, in `dir/bank`. */
async function bankEdit(dir: string, file: string, change: (text: string) => string): Promise<string> {
  const b = await bank(dir);
  await writeFile(path.join(b, file), change(await readFile(path.join(b, file), "utf8")));
  return b;
}
/** A private key file (0600): the trainer's, or the given text. */
async function key(dir: string, name = "k", text = keyText): Promise<string> {
  await write(dir, name, text);
  await chmod(path.join(dir, name), 0o600);
  return name;
}
const section = (body: string) => `id: scope\ntitle: Scope\nquestions:\n${body}`;
const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdefghi".split("").map((c, i) => `${c}: &${c} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`)].join("\n");

const cases: Case[] = [
  // --- banks (validate) ---
  { name: "bank: YAML alias bomb", setup: async (d) => ["validate", "--bank", await bank(d, { "bank.yaml": `${aliasBomb}\n` })], code: 2, message: /bank\/bank\.yaml:1:7 error anchors are not allowed \(&a\)/ },
  { name: "bank: 5,000 levels of nesting", setup: async (d) => ["validate", "--bank", await bank(d, { "sections/01-scope.yaml": `${"[".repeat(5000)}${"]".repeat(5000)}\n` })], code: 2, message: /bank\/sections\/01-scope\.yaml:1:\d+ error nesting is too deep/ },
  { name: "bank: a 20 MB section file", setup: async (d) => ["validate", "--bank", await bank(d, { "sections/01-scope.yaml": Buffer.alloc(20 * 1024 * 1024, "a") })], code: 2, message: /bank\/sections\/01-scope\.yaml error is larger than the 1048576-byte limit/ },
  { name: "bank: a binary policy.yaml", setup: async (d) => ["validate", "--bank", await bank(d, { "policy.yaml": Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]) })], code: 2, message: /bank\/policy\.yaml:1:1 error binary file/ },
  { name: "bank: a byte-order mark is accepted", setup: async (d) => {
    const b = await bank(d);
    await writeFile(path.join(b, "bank.yaml"), `\uFEFF${await readFile(path.join(b, "bank.yaml"), "utf8")}`);
    return ["validate", "--bank", b];
  }, code: 0 },
  { name: "bank: CRLF line ends are accepted", setup: async (d) => {
    const b = await bank(d);
    const file = path.join(b, "sections/07-governance.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n/g, "\r\n"));
    return ["validate", "--bank", b];
  }, code: 0 },
  { name: "bank: tabs as indentation", setup: async (d) => ["validate", "--bank", await bank(d, { "bank.yaml": "id: x\npolicy:\n\ttitle: T\n" })], code: 2, message: /bank\/bank\.yaml:3:1 error .*tab/i },
  { name: "bank: a label indented less than its id is shown at its own column in plain words, with no false 'has no file'", setup: async (d) => ["validate", "--bank", await bank(d, { "sections/01-scope.yaml": section("  - id: q\n    type: single\n    options:\n      - id: a\n      label: A\n") })], code: 2, message: /^(?![\s\S]*has no file)[\s\S]*bank\/sections\/01-scope\.yaml:8:7 error bad indentation: `label` \(column 7\) is indented less than `id` above it \(column 9\)/ },
  { name: "init --from: a Word document instead of its text is refused at its line and column, nothing created", setup: async (d) => ["init", "bank", "--from", await write(d, "policy.docx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.from([0, 0, 8, 0])]))], code: 2, message: /policy\.docx(:1:3 contains a control character|.* is not UTF-8 text).*plain text/ },
  { name: "init --from: a policy file that does not exist", setup: async () => ["init", "bank", "--from", "nope.txt"], code: 2, message: /^nope\.txt error no such file or folder$/m },
  { name: "bank: duplicate keys", setup: async (d) => ["validate", "--bank", await bank(d, { "bank.yaml": "id: a\ntitle: T\nid: b\n" })], code: 2, message: /bank\/bank\.yaml:3:1 error duplicate key "(id|scope-new-app)"/ },
  { name: "bank: a __proto__ key", setup: async (d) => {
    const b = await bank(d);
    await writeFile(path.join(b, "bank.yaml"), `${await readFile(path.join(b, "bank.yaml"), "utf8")}__proto__: { polluted: true }\n`);
    return ["validate", "--bank", b];
  }, code: 2, message: /bank\/bank\.yaml:\d+:1 error unknown key "__proto__"/ },
  { name: "bank: a constructor key in a question", setup: async (d) => ["validate", "--bank", await bank(d, { "sections/01-scope.yaml": section("  - id: q\n    type: single\n    constructor: x\n") })], code: 2, message: /bank\/sections\/01-scope\.yaml:6:5 error unknown key "constructor"/ },
  { name: "bank: a custom tag", setup: async (d) => ["validate", "--bank", await bank(d, { "bank.yaml": "id: !shout loud\n" })], code: 2, message: /bank\/bank\.yaml:1:5 error Unresolved tag: !shout/ },
  { name: "bank: a !!binary tag", setup: async (d) => ["validate", "--bank", await bank(d, { "bank.yaml": "id: !!binary aGVsbG8=\n" })], code: 2, message: /bank\/bank\.yaml:1:14 error tags are not allowed \(!!binary\)/ },
  { name: "bank: several documents in one file", setup: async (d) => ["validate", "--bank", await bank(d, { "policy.yaml": "clauses: []\n---\nclauses: []\n" })], code: 2, message: /bank\/policy\.yaml:2:1 error more than one YAML document/ },
  { name: "bank: a directory where policy.yaml should be", setup: async (d) => {
    const b = await bank(d);
    const { rm } = await import("node:fs/promises");
    await rm(path.join(b, "policy.yaml"));
    await mkdir(path.join(b, "policy.yaml"));
    return ["validate", "--bank", b];
  }, code: 2, message: /bank\/policy\.yaml error is a directory, expected a file/ },
  { name: "bank: policy.yaml missing", setup: async (d) => {
    const b = await bank(d);
    const { rm } = await import("node:fs/promises");
    await rm(path.join(b, "policy.yaml"));
    return ["validate", "--bank", b];
  }, code: 2, message: /bank\/policy\.yaml error no such file or folder/ },
  { name: "bank: an unreadable bank.yaml (a socket)", setup: async (d) => {
    const b = await bank(d);
    const { rm } = await import("node:fs/promises");
    await rm(path.join(b, "bank.yaml"));
    const server = createServer();
    servers.push(server);
    await new Promise<void>((r) => server.listen(path.join(b, "bank.yaml"), r));
    return ["validate", "--bank", b];
  }, code: 2, message: /bank\/bank\.yaml error cannot be read \(a socket or device, not a file\)/ },
  { name: "bank: a symlink pointing out of the bank", setup: async (d) => {
    const b = await bank(d);
    const { rm } = await import("node:fs/promises");
    await write(d, "outside.yaml", "clauses: []\n");
    await rm(path.join(b, "policy.yaml"));
    await symlink(path.join(d, "outside.yaml"), path.join(b, "policy.yaml"));
    return ["validate", "--bank", b];
  }, code: 2, message: /bank\/policy\.yaml error resolves outside the bank folder/ },
  { name: "bank: the bank folder is a file", setup: async (d) => ["validate", "--bank", await write(d, "not-a-folder", "x")], code: 2, message: /not-a-folder error bank folder is not a folder/ },
  { name: "bank: a bank folder that does not exist", setup: async () => ["show", "--bank", "nowhere"], code: 2, message: /nowhere error bank folder no such file or folder/ },

  // --- answers files (run --answers) ---
  { name: "answers: 100,000 entries", setup: async (d) => ["run", "--answers", await write(d, "huge.yaml", Array.from({ length: 100_000 }, (_, i) => `question-${i}: option`).join("\n"))], code: 2, message: /huge\.yaml error is larger than the 1048576-byte limit/ },
  { name: "answers: 60,000 unknown ids under the size cap", setup: async (d) => ["run", "--answers", await write(d, "many.yaml", Array.from({ length: 60_000 }, (_, i) => `q${i}: a`).join("\n"))], code: 2, message: /many\.yaml:1:1 error none of the 60000 question ids in this file is in bank "wajs-social-media"/ },
  { name: "answers: a duplicate key", setup: async (d) => ["run", "--answers", await write(d, "dup.yaml", "scope-new-app: a\nscope-new-app: b\n")], code: 2, message: /dup\.yaml:2:1 error duplicate key "(id|scope-new-app)"/ },
  { name: "answers: a __proto__ key in JSON", setup: async (d) => ["run", "--answers", await write(d, "proto.json", answersWith((a) => Object.defineProperty(a, "__proto__", { value: "x", enumerable: true })))], code: 2, message: /proto\.json:1:\d+ error unknown question id "__proto__"/ },
  { name: "answers: a directory", setup: async (d) => {
    await mkdir(path.join(d, "answers.yaml"));
    return ["run", "--answers", "answers.yaml"];
  }, code: 2, message: /answers\.yaml error is a directory, expected a file/ },
  { name: "answers: a missing file", setup: async () => ["run", "--answers", "missing.yaml"], code: 2, message: /missing\.yaml error no such file or folder/ },
  { name: "answers: an alias", setup: async (d) => ["run", "--answers", await write(d, "alias.yaml", "a: &x accept\nb: *x\n")], code: 2, message: /alias\.yaml:1:7 error anchors are not allowed \(&x\)/ },
  { name: "answers: a list instead of a mapping", setup: async (d) => ["run", "--answers", await write(d, "list.yaml", "- accept\n- decline\n")], code: 2, message: /list\.yaml:1:1 error an answers file must be a mapping/ },
  { name: "answers: CRLF line ends are accepted", setup: async (d) => ["run", "--answers", await write(d, "crlf.json", answersJson.replace(/,/g, ",\r\n")), "--json"], code: 0 },
  { name: "answers: an unknown option", setup: async (d) => ["run", "--answers", await write(d, "opt.json", answersWith((a) => { a["safeguarding-current-pupil-request"] = "befriend"; }))], code: 2, message: /opt\.json:1:\d+ error unknown option "befriend"/ },

  // --- scenario files (test) ---
  { name: "scenario: a misspelt key", setup: async (d) => ["test", await write(d, "s.yaml", "name: x\nbase: none\nexpect: { overall: fail }\nanswer: {}\n")], code: 2, message: /s\.yaml:4:1 error unknown key "answer"/ },
  { name: "scenario: tabs as indentation", setup: async (d) => ["test", await write(d, "s.yaml", "name: x\nexpect:\n\toverall: fail\n")], code: 2, message: /s\.yaml:3:1 error .*tab/i },
  { name: "scenario: an unknown question", setup: async (d) => ["test", await write(d, "s.yaml", "name: x\nbase: all-correct\nanswers: { nope: a }\nexpect: { overall: pass }\n")], code: 2, message: /s\.yaml:3:12 error unknown question id "nope"/ },
  { name: "scenario: an empty file", setup: async (d) => ["test", await write(d, "s.yaml", "")], code: 2, message: /s\.yaml:1:1 error file is empty/ },

  // --- signed summaries (verify) ---
  { name: "summary: a byte-order mark", setup: async (d) => ["verify", await write(d, "s.json", `\uFEFF${goodSummary}`), "--allowed-signers", await signers(d)], code: 2, message: /s\.json:1:1: NOT A VALID SUMMARY — file starts with a byte-order mark/ },
  { name: "summary: an empty file", setup: async (d) => ["verify", await write(d, "s.json", ""), "--allowed-signers", await signers(d)], code: 2, message: /s\.json: NOT A VALID SUMMARY — file is empty/ },
  { name: "summary: not JSON", setup: async (d) => ["verify", await write(d, "s.json", "summary = ok\n"), "--allowed-signers", await signers(d)], code: 2, message: /s\.json:1:1: NOT A VALID SUMMARY — unexpected character/ },
  { name: "summary: invalid UTF-8", setup: async (d) => ["verify", await write(d, "s.json", Buffer.concat([Buffer.from(goodSummary.slice(0, 30)), Buffer.from([0xc3, 0x28]), Buffer.from(goodSummary.slice(30))])), "--allowed-signers", await signers(d)], code: 2, message: /s\.json: NOT A VALID SUMMARY — file is not valid UTF-8/ },
  { name: "summary: a duplicate key", setup: async (d) => ["verify", await write(d, "s.json", goodSummary.replace('"seed": 1', '"seed": 1,\n    "seed": 2')), "--allowed-signers", await signers(d)], code: 2, message: /s\.json:\d+:5: NOT A VALID SUMMARY — duplicate key "seed"/ },
  { name: "summary: a float", setup: async (d) => ["verify", await write(d, "s.json", goodSummary.replace('"seed": 1', '"seed": 1.5')), "--allowed-signers", await signers(d)], code: 2, message: /s\.json:\d+:\d+: NOT A VALID SUMMARY — only whole numbers/ },
  { name: "summary: a control character in the name", setup: async (d) => ["verify", await write(d, "s.json", goodSummary.replace('"Sam Patel"', '"Sam\\u0000Patel"')), "--allowed-signers", await signers(d)], code: 2, message: /s\.json: NOT A VALID SUMMARY — summary has values out of range: person\.name/ },
  { name: "summary: a file over the size cap", setup: async (d) => ["verify", await write(d, "s.json", " ".repeat(300 * 1024) + goodSummary), "--allowed-signers", await signers(d)], code: 2, message: /s\.json: NOT A VALID SUMMARY — .*limit/ },
  { name: "summary: an edited score", setup: async (d) => ["verify", await write(d, "s.json", goodSummary.replace('"correct": 7', '"correct": 6')), "--allowed-signers", await signers(d)], code: 1, message: /s\.json: NOT VERIFIED — signature does not match the summary/ },
  { name: "summary: signed by a key that may not attest for the person (no --trainer)", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d)], code: 1, message: /s\.json: NOT VERIFIED — signer trainer@school\.example may not attest for Sam Patel/ },
  { name: "summary: a directory", setup: async (d) => {
    await mkdir(path.join(d, "s.json"));
    return ["verify", "s.json", "--allowed-signers", await signers(d)];
  }, code: 2, message: /s\.json: NOT A VALID SUMMARY — is a directory/ },

  { name: "summary: an answers file handed to verify says it is not a signed summary", setup: async (d) => ["verify", await write(d, "answers.json", answersJson), "--allowed-signers", await signers(d)], code: 2, message: /answers\.json: NOT A VALID SUMMARY — not a signed summary \(it has no "summary" or "signature" at the top level\)/ },
  { name: "summary: an answers file in a report folder is listed as not a signed summary", setup: async (d) => {
    await write(d, "in/answers.json", answersJson);
    return ["report", "in", "--allowed-signers", await signers(d)];
  }, code: 1, message: /in\/answers\.json: not a signed summary \(it has no "summary" or "signature" at the top level\)/ },

  // --- staff rosters (report --roster) ---
  { name: "roster: no name column", setup: async (d) => ["report", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--trainer", "trainer@school.example", "--roster", await write(d, "staff.csv", "who,role,email\nSam,Teacher,s@x.example\n")], code: 2, message: /staff\.csv:1: the header row needs name column/ },
  { name: "roster: an email that is not one, by line and spreadsheet column", setup: async (d) => ["report", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--trainer", "trainer@school.example", "--roster", await write(d, "staff.csv", "name,role,email\nSam,Teacher,s@x.example\nKim,Teacher,kim at school\n")], code: 2, message: /staff\.csv:3: column C \(email\): "kim at school" is not an email address/ },
  { name: "roster: saved in Windows-1252, not UTF-8", setup: async (d) => ["report", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--roster", await write(d, "staff.csv", Buffer.from("name,role,email\nZo\xeb,Teacher,z@x.example\n", "latin1"))], code: 2, message: /staff\.csv: not UTF-8 text/ },
  { name: "roster: a missing file", setup: async (d) => ["report", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--roster", "nope.csv"], code: 2, message: /nope\.csv.*no such file/ },
  { name: "flags: an unknown --only status", setup: async (d) => ["report", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--only", "late"], code: 2, message: /--only "late": use any of valid, expiring, expired, not-passed, missing/ },
  { name: "flags: present --html with --export", setup: async () => ["present", "--html", "deck.html", "--export", "counts.json"], code: 2, message: /--export is for a session in the terminal/ },

  // --- keys ---
  { name: "key: not a key at all", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", "out.json", "--key", await write(d, "k", "hello\n").then(async (k) => { await chmod(path.join(d, k), 0o600); return k; })], code: 2, message: /private key k: not an OpenSSH private key/ },
  { name: "key: readable by others", setup: async (d) => {
    await write(d, "k", keyText);
    await chmod(path.join(d, "k"), 0o644);
    return ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", "out.json", "--key", "k"];
  }, code: 2, message: /permissions 0644 for private key k are too open/ },
  { name: "key: a missing key file", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", "out.json", "--key", "nokey"], code: 2, message: /private key nokey: no such file or folder/ },
  { name: "key: keygen over an existing file", setup: async (d) => ["keygen", "-f", await write(d, "k", "precious"), "--principal", "a@b.example", "--no-passphrase"], code: 2, message: /k already exists; keygen never overwrites a key/ },
  { name: "key: keygen without a terminal names the missing flag", setup: async () => ["keygen", "--no-passphrase"], code: 2, message: /keygen needs --file PATH when not run on a terminal/ },
  { name: "key: keygen --from-ssh-key with an RSA key", setup: async (d) => ["keygen", "--from-ssh-key", await write(d, "id_rsa.pub", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 me@laptop\n"), "--principal", "a@b.example"], code: 2, message: /id_rsa\.pub:1:1 is a ssh-rsa key: summaries are signed with Ed25519 keys only/ },
  { name: "key: keygen --from-ssh-key with the private half", setup: async (d) => ["keygen", "--from-ssh-key", await write(d, "id_ed25519", keyText), "--principal", "a@b.example"], code: 2, message: /id_ed25519 is a private key: give its public half \(id_ed25519\.pub\)/ },
  { name: "key: keygen --from-ssh-key with a line that is no key", setup: async (d) => ["keygen", "--from-ssh-key", await write(d, "k.pub", "\u001b[31mhello\n"), "--principal", "a@b.example"], code: 2, message: /k\.pub:1:1 is not an OpenSSH public key line/ },

  // --- allowed_signers ---
  { name: "allowed_signers: an option misspelt", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d, `# trusted\n${signersLine.replace("namespaces=", "namespace=")}\n`)], code: 2, message: /allowed_signers:2:\d+ error unknown option "namespace"/ },
  { name: "allowed_signers: an unterminated quote", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d, `"trainer@school.example ${signersLine.split(" ").slice(1).join(" ")}\n`)], code: 2, message: /allowed_signers:1:1 error unterminated quote/ },
  { name: "allowed_signers: a key that is not base64", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d, "trainer@school.example ssh-ed25519 ***\n")], code: 2, message: /allowed_signers:1:36 error key is not valid base64/ },
  { name: "allowed_signers: a missing file", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", "nope"], code: 2, message: /nope error no such file or folder/ },

  // --- flags ---
  { name: "flags: a name of 10,000 characters", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "A".repeat(10_000)], code: 2, message: /--name must be at most 200 characters \(this one has 10000\)/ },
  { name: "flags: an export path whose folder does not exist", setup: async (d) => {
    await write(d, "k", keyText);
    await chmod(path.join(d, "k"), 0o600);
    return ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", "no/such/folder/out.json", "--key", "k"];
  }, code: 2, message: /cannot export to no\/such\/folder\/out\.json: folder no\/such\/folder does not exist/ },
  { name: "flags: an unknown option", setup: async () => ["validate", "--frobnicate"], code: 2, message: /unknown option '--frobnicate'/ },
  { name: "flags: a bad --at date", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--at", "tomorrow"], code: 2, message: /--at "tomorrow" is not a date/ },
  { name: "flags: --min over 100", setup: async () => ["coverage", "--min", "150"], code: 2, message: /--min must be a percentage from 0 to 100/ },
  { name: "flags: an unknown reporter", setup: async () => ["test", "--reporter", "tap"], code: 2, message: /argument 'tap' is invalid/ },
  { name: "flags: an unknown section for present", setup: async () => ["present", "--section", "nope"], code: 2, message: /unknown section "nope"/ },
  { name: "flags: run with no terminal and no --answers", setup: async () => ["run"], code: 2, message: /no terminal to ask the questions on/ },
  // --- robust in real hands (issue 10): each case named after what it proves ---
  { name: "name: a control character in --name is refused before the first question", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam\u001b[2J", "--export", "o.json", "--key", await key(d)], code: 2, message: /--name must not contain control or bidirectional-control characters \(found \\x1b\)/ },
  { name: "name: a bidi override in --name is refused", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam\u202eletaP"], code: 2, message: /--name must not contain .*\\u202e/ },
  { name: "name: surrounding spaces in --name are refused", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", " Sam "], code: 2, message: /--name must not start or end with a space/ },
  { name: "bank: a two-line policy.title is refused by validate (so run --export never meets it)", setup: async (d) => ["validate", "--bank", await bankEdit(d, "bank.yaml", (y) => y.replace(/^( {2}title:).*$/m, '$1 "Policy on\\nSocial Media"'))], code: 2, message: /bank\/bank\.yaml:\d+:\d+ error title must not contain control .*\\x0a/ },
  { name: "bank: an organisation over 200 characters is refused by validate", setup: async (d) => ["validate", "--bank", await bankEdit(d, "bank.yaml", (y) => y.replace(/^( {2}organisation:).*$/m, `$1 ${"O".repeat(201)}`))], code: 2, message: /bank\/bank\.yaml:\d+:\d+ error title must be at most 200 characters/ },
  { name: "key: a truncated OpenSSH private key is one line naming the key file", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", "o.json", "--key", await key(d, "truncated.key", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")], code: 2, message: /selfcheck: private key truncated\.key: malformed OpenSSH private key \(truncated data\)\n$/ },
  // (run --export FIFO --force: making a FIFO takes mkfifo(1), so that case is in test/e2e/named-pipes.test.ts.)
  { name: "flags: run --export /dev/null --force never replaces a device", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", "/dev/null", "--force", "--key", await key(d)], code: 2, message: /cannot export to \/dev\/null: it is a device/ },
  { name: "flags: --export newdir/ (a trailing slash) writes no file", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", "newdir/", "--key", await key(d)], code: 2, message: /cannot export to newdir\/: that names a folder/ },
  { name: "flags: an export name over 255 bytes is refused before the first question", setup: async (d) => ["run", "--answers", await write(d, "a.json", answersJson), "--name", "Sam", "--export", `${"x".repeat(256)}.json`, "--key", await key(d)], code: 2, message: /the file name is too long/ },
  { name: "flags: report --output into a folder is refused", setup: async (d) => {
    await mkdir(path.join(d, "out"));
    return ["report", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--trainer", "trainer@school.example", "--output", "out", "--force"];
  }, code: 2, message: /cannot write to out: it is a folder/ },
  { name: "flags: --at 2026-02-30 (not rolled over to 2 March)", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--at", "2026-02-30"], code: 2, message: /--at "2026-02-30" is not a date/ },
  { name: "flags: --at with trailing junk", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--at", "2026-01-01 junk"], code: 2, message: /--at "2026-01-01 junk" is not a date/ },
  { name: "flags: --since 2026-11-31", setup: async (d) => ["report", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d), "--since", "2026-11-31"], code: 2, message: /--since "2026-11-31" is not a date/ },
  { name: "allowed_signers: two valid-before options (ssh-keygen refuses them too)", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d, `${signersLine.replace("namespaces=", 'valid-before="20990101",valid-before="20990102",namespaces=')}\n`)], code: 2, message: /allowed_signers:1:\d+ error valid-before appears twice/ },
  { name: "allowed_signers: an unquoted option value (ssh-keygen: missing start quote)", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d, `${signersLine.replace('namespaces="selfcheck-summary-v1"', "namespaces=selfcheck-summary-v1")}\n`)], code: 2, message: /allowed_signers:1:\d+ error option namespaces needs a value in double quotes/ },
  { name: "allowed_signers: valid-before on 30 February (ssh-keygen rolls it over; we refuse)", setup: async (d) => ["verify", await write(d, "s.json", goodSummary), "--allowed-signers", await signers(d, `${signersLine.replace("namespaces=", 'valid-before="20990230",namespaces=')}\n`)], code: 2, message: /allowed_signers:1:\d+ error valid-before="20990230" is not a time/ },
  { name: "summary: a file name holding ESC [32m is shown escaped", setup: async (d) => ["verify", await write(d, "\u001b[32m✓.json", goodSummary), "--allowed-signers", await signers(d), "--trainer", "trainer@school.example"], code: 0, message: /\\x1b\[32m✓\.json: verified/ },
  { name: "summary: an unknown key holding ESC is quoted escaped", setup: async (d) => ["verify", await write(d, "s.json", goodSummary.replace('{\n  "summary"', '{\n  "\\u001b[32m✓": 1,\n  "summary"')), "--allowed-signers", await signers(d), "--trainer", "trainer@school.example"], code: 2, message: /NOT A VALID SUMMARY — .*\\x1b\[32m✓/ },
  { name: "summary: finished in the future does not verify", setup: async (d) => ["verify", await write(d, "s.json", futureSummary), "--allowed-signers", await signers(d), "--trainer", "trainer@school.example"], code: 1, message: /NOT VERIFIED — summary finished in the future/ },
  { name: "scenario: __proto__ under expect.sections is a located error", setup: async (d) => ["test", await write(d, "s.yaml", "name: x\nbase: all-correct\nexpect:\n  overall: pass\n  sections:\n    __proto__: fail\n")], code: 2, message: /s\.yaml:6:5 error unknown key "__proto__"/ },
  { name: "bank: a YAML 1.1 merge key (<<)", setup: async (d) => ["validate", "--bank", await bankEdit(d, "bank.yaml", (y) => `%YAML 1.1\n---\n${y.replace(/^(policy:\n)/m, "$1  <<: { ratified: 2023-10-18 }\n")}`)], code: 2, message: /bank\/bank\.yaml:\d+:3 error merge keys \(<<\) are not allowed/ },
  { name: 'bank: keys "1" and 1 are one key in JavaScript', setup: async (d) => ["validate", "--bank", await bank(d, { "bank.yaml": '"1": a\n1: b\n' })], code: 2, message: /bank\/bank\.yaml:2:1 error duplicate key "1"/ },
  { name: "bank: a complex key, without a Node warning", setup: async (d) => ["validate", "--bank", await bank(d, { "bank.yaml": "? [a, b]\n: 1\n" })], code: 2, message: /bank\/bank\.yaml:1:3 error a key must be a plain value/ },
];

/** Every file under a folder with a hash of its content: "nothing created or changed". */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile()) out[path.relative(dir, p)] = createHash("sha256").update(await readFile(p)).digest("hex");
      else out[path.relative(dir, p)] = entry.isSocket() ? "socket" : "other";
    }
  };
  await walk(dir);
  return out;
}

beforeAll(async () => {
  work = await tempDir();
  const defaultBank = await mustLoad(DEFAULT_BANK);
  const trainer = trustedKey("trainer@school.example");
  signersLine = trainer.line;
  goodSummary = makeSummaryFile(defaultBank, trainer.key, { person: { name: "Sam Patel" }, finishedAt: new Date() });
  futureSummary = makeSummaryFile(defaultBank, trainer.key, { person: { name: "Sam Patel" }, finishedAt: new Date(Date.now() + 60 * 60_000) });
  keyText = encodePrivateKey(generateKey("trainer@school.example"));
  const answers = keyedAnswers(defaultBank);
  answersJson = JSON.stringify(answers);
});
afterAll(async () => {
  for (const s of servers) s.close();
  await work.cleanup();
});

describe("the bad-input catalogue", () => {
  it("has at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c, i) => ({ ...c, index: i })))("$name", async ({ setup, code, message, env, index }) => {
    const dir = path.join(work.dir, `case-${index}`);
    await mkdir(dir);
    const args = await setup(dir);
    const before = await snapshot(dir);
    const result = await runCli(args, { cwd: dir, ...(env ? { env } : {}) });
    const shown = `exit ${result.code}\nstdout: ${result.stdout.slice(0, 2000)}\nstderr: ${result.stderr.slice(0, 2000)}`;
    expect(result.code, shown).toBe(code);
    if (message) expect(`${result.stdout}\n${result.stderr}`, shown).toMatch(message);
    // No stack trace, ever: "    at fn (file:line:col)", or Node's internals.
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$|node:internal/m);
    // Values from files are never terminal control (NO_COLOR: the tool itself writes no ESC).
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\u001b/);
    expect(await snapshot(dir)).toEqual(before);
    if (code === 2) expect(result.stdout.trim() === "" || /NOT A VALID SUMMARY|NOT VERIFIED/.test(result.stdout)).toBe(true);
    await stat(dir);
  });
});
