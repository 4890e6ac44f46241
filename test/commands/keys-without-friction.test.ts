import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/cli/deps.js";
import { prepareExport } from "../../src/cli/export-summary.js";
import { main } from "../../src/cli/main.js";
import type { Prompter } from "../../src/session/prompter.js";
import { keyedAnswers } from "../helpers/answers.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";

let work: { dir: string; cleanup: () => Promise<void> };
const at = (...parts: string[]) => path.join(work.dir, ...parts);

beforeAll(async () => {
  work = await tempDir();
  await writeFile(at("answers.json"), JSON.stringify(keyedAnswers(await mustLoad(DEFAULT_BANK))));
  const made = await runCli(["keygen", "-f", "k", "--principal", "sam.patel@school.example", "--no-passphrase"], {
    cwd: work.dir,
  });
  expect(made.code).toBe(0);
  const locked = await runCli(["keygen", "-f", "locked.key", "--principal", "sam.patel@school.example"], {
    cwd: work.dir,
    env: { SELFCHECK_KEY_PASSPHRASE: "correct horse" },
  });
  expect(locked.code).toBe(0);
});
afterAll(() => work.cleanup());

/**
 * What a person at a terminal types, one answer per prompt, keyed by what is asked. An input
 * answer the prompt's own validation refuses is recorded (with the message shown) and the next
 * answer for that key is tried, as the person would retype.
 */
function typing(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const refused: string[] = [];
  const next = (key: string) => {
    asked.push(key);
    const answer = answers[key]?.shift();
    if (answer === undefined) throw new Error(`nothing typed for "${key}"`);
    return answer;
  };
  const prompter: Prompter = {
    async input({ key, validate }) {
      for (;;) {
        const answer = next(key);
        const verdict = validate ? validate(answer) : true;
        if (verdict === true) return answer;
        refused.push(verdict);
      }
    },
    async password({ key }) {
      return next(key);
    },
    async select({ key }) {
      return next(key);
    },
    async checkbox({ key }) {
      return [next(key)];
    },
    async pause({ key }) {
      asked.push(key);
    },
  };
  return { prompter, asked, refused };
}

/** A terminal session in `cwd`, with `home` as the home folder, the given answers typed. */
async function onTerminal(args: string[], options: { home: string; prompter: Prompter; env?: NodeJS.ProcessEnv }) {
  await mkdir(options.home, { recursive: true });
  const out = { stdout: "", stderr: "" };
  const stream = (name: "stdout" | "stderr") => {
    const s = new PassThrough() as PassThrough & { isTTY?: boolean };
    s.isTTY = true;
    s.on("data", (d: Buffer) => (out[name] += d.toString()));
    return s;
  };
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = true;
  const deps: Deps = {
    cwd: work.dir,
    env: { NO_COLOR: "1", HOME: options.home, ...options.env },
    stdin,
    stdout: stream("stdout"),
    stderr: stream("stderr"),
    now: () => new Date(),
    randomSeed: () => 1,
    createPrompter: async () => options.prompter,
  };
  const code = await main(args, deps, { signals: false });
  return { code, ...out };
}

describe("keygen with no flags on a terminal", () => {
  it("proposes ~/.ssh/selfcheck_ed25519 (made 0700 when missing), asks for the email, and prints the allowed_signers line", async () => {
    const home = at("home-new");
    const { prompter, asked, refused } = typing({
      "key-file": [""], // Enter: the proposed path
      principal: ["sam patel", "sam.patel@school.example"],
      passphrase: [""],
    });
    const r = await onTerminal(["keygen"], { home, prompter });
    expect(r.code).toBe(0);
    expect(asked).toEqual(["key-file", "principal", "principal", "passphrase"]);
    expect(refused).toEqual(["That is not an email address"]);
    const key = path.join(home, ".ssh", "selfcheck_ed25519");
    expect((await stat(path.join(home, ".ssh"))).mode & 0o777).toBe(0o700);
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    const pub = (await readFile(`${key}.pub`, "utf8")).trim();
    expect(pub).toMatch(/^ssh-ed25519 AAAA\S+ sam\.patel@school\.example$/);
    const line = `sam.patel@school.example namespaces="selfcheck-summary-v1" ${pub.split(" ").slice(0, 2).join(" ")}`;
    expect(r.stdout).toContain(line);
    expect(r.stdout).toContain("Sign your summary with: selfcheck run --export --key");
  });

  it("refuses a path that is taken (never overwrites a key) and takes the next one typed, with ~ expanded", async () => {
    const home = at("home-taken");
    const first = await onTerminal(["keygen"], {
      home,
      prompter: typing({ "key-file": [""], principal: ["a@school.example"], passphrase: [""] }).prompter,
    });
    expect(first.code).toBe(0);
    const { prompter, refused } = typing({
      "key-file": ["", "~/.ssh/second_ed25519"],
      principal: ["a@school.example"],
      passphrase: [""],
    });
    const r = await onTerminal(["keygen"], { home, prompter });
    expect(r.code).toBe(0);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/selfcheck_ed25519 already exists; keygen never overwrites a key/);
    expect((await stat(path.join(home, ".ssh", "second_ed25519"))).isFile()).toBe(true);
  });

  it("without a terminal, a missing --file or --principal is exit 2 naming the flag, and nothing is written", async () => {
    const none = await runCli(["keygen"], { cwd: work.dir, env: { HOME: at("home-script") } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/keygen needs --file PATH when not run on a terminal/);
    const noPrincipal = await runCli(["keygen", "-f", "x.key", "--no-passphrase"], { cwd: work.dir });
    expect(noPrincipal.code).toBe(2);
    expect(noPrincipal.stderr).toMatch(/keygen needs --principal ID/);
    await expect(stat(at("x.key"))).rejects.toThrow();
    await expect(stat(at("home-script"))).rejects.toThrow();
  });
});

describe("keygen --from-ssh-key", () => {
  it("on a terminal asks for the email when --principal is missing", async () => {
    const { prompter, asked } = typing({ principal: ["sam.patel@school.example"] });
    const r = await onTerminal(["keygen", "--from-ssh-key", "k.pub"], { home: at("home-x"), prompter });
    expect(r.code).toBe(0);
    expect(asked).toEqual(["principal"]);
    expect(r.stdout).toMatch(/^sam\.patel@school\.example namespaces="selfcheck-summary-v1" ssh-ed25519 AAAA/m);
  });

  it.each([
    ["the private half", async () => undefined, "k", /^selfcheck: k is a private key: give its public half \(k\.pub\)/m],
    ["not a key at all", async () => writeFile(at("notes.txt"), "# my keys\nhello world\n"), "notes.txt", /notes\.txt:2:1 is not an OpenSSH public key line/],
    ["a truncated key", async () => writeFile(at("cut.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB\n"), "cut.pub", /cut\.pub:1:1: the key is (malformed|not valid base64)/],
    ["a missing file", async () => undefined, "nope.pub", /nope\.pub/],
  ])("refuses %s with exit 2 and a message naming the file", async (_what, setup, file, message) => {
    await setup();
    const r = await runCli(["keygen", "--from-ssh-key", file, "--principal", "a@school.example"], { cwd: work.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("refuses the flags that only make sense for a new key", async () => {
    const r = await runCli(["keygen", "--from-ssh-key", "k.pub", "--principal", "a@school.example", "-f", "new.key"], {
      cwd: work.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from-ssh-key uses an existing key; --file only make sense/);
  });
});

describe("a wrong passphrase on a terminal", () => {
  const flags = { export: true, key: "locked.key" } as const;
  const depsFor = (env: NodeJS.ProcessEnv = {}) => {
    let stderr = "";
    const deps: Deps = {
      cwd: work.dir,
      env: { NO_COLOR: "1", ...env },
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr: Object.assign(new PassThrough(), { isTTY: true as const }),
      now: () => new Date(),
      randomSeed: () => 1,
    };
    deps.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    return { deps, stderr: () => stderr };
  };

  it("may be typed again: the third try unlocks the key", async () => {
    const { prompter, asked } = typing({ passphrase: ["wrong", "Correct horse", "correct horse"] });
    const { deps, stderr } = depsFor();
    const plan = await prepareExport(flags, deps, prompter);
    expect(plan?.key.comment).toBe("sam.patel@school.example");
    expect(asked).toEqual(["passphrase", "passphrase", "passphrase"]);
    expect(stderr()).toContain("Incorrect passphrase; try again (attempt 2 of 3).");
    expect(stderr()).toContain("Incorrect passphrase; try again (attempt 3 of 3).");
  });

  it("three wrong tries end the run before any question (exit 2 through the CLI)", async () => {
    const { prompter, asked } = typing({ passphrase: ["a", "b", "c", "correct horse"] });
    const { deps } = depsFor();
    await expect(prepareExport(flags, deps, prompter)).rejects.toThrow(
      "private key locked.key: incorrect passphrase (3 attempts)",
    );
    expect(asked).toHaveLength(3);
  });

  it("a wrong SELFCHECK_KEY_PASSPHRASE is tried once: it will not improve by asking again", async () => {
    const { prompter, asked } = typing({ passphrase: ["correct horse"] });
    const { deps } = depsFor({ SELFCHECK_KEY_PASSPHRASE: "wrong" });
    await expect(prepareExport(flags, deps, prompter)).rejects.toThrow("private key locked.key: incorrect passphrase");
    expect(asked).toEqual([]);
  });
});

describe("a same-day retake", () => {
  const take = (...extra: string[]) =>
    runCli(["run", "--answers", "answers.json", "--name", "Ana Retake", "--export", "--key", "k", ...extra], {
      cwd: work.dir,
    });
  const summaries = async () => (await readdir(work.dir)).filter((f) => f.startsWith("selfcheck-ana-retake-")).sort();

  it("writes selfcheck-NAME-DATE-2.json, then -3, never replacing the first and never asking for --force", async () => {
    const first = await take();
    expect(first.code).toBe(0);
    const [plain] = await summaries();
    expect(plain).toMatch(/^selfcheck-ana-retake-\d{4}-\d{2}-\d{2}\.json$/);
    const original = await readFile(at(plain ?? ""), "utf8");

    const second = await take();
    expect(second.code).toBe(0);
    const third = await take();
    expect(third.code).toBe(0);
    const stem = (plain ?? "").replace(/\.json$/, "");
    expect(await summaries()).toEqual([`${stem}-2.json`, `${stem}-3.json`, `${stem}.json`].sort());
    expect(second.stdout).toContain(`Signed summary written to ${stem}-2.json`);
    expect(await readFile(at(plain ?? ""), "utf8")).toBe(original);

    // --force asks for the plain name to be replaced: it is, and no -4 appears.
    const forced = await take("--force");
    expect(forced.code).toBe(0);
    expect(await summaries()).toHaveLength(3);
    expect(await readFile(at(plain ?? ""), "utf8")).not.toBe(original);
  });

  it("a file named with --export FILE is still never replaced without --force", async () => {
    await writeFile(at("mine.json"), "precious");
    const r = await runCli(["run", "--answers", "answers.json", "--name", "Ana Retake", "--export", "mine.json", "--key", "k"], {
      cwd: work.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("mine.json already exists (use --force to replace it)");
    expect(await readFile(at("mine.json"), "utf8")).toBe("precious");
  });
});
