import { lstat, mkdir, readdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWriteCode, writeFailure } from "../../src/cli/io.js";
import { UsageError } from "../../src/cli/errors.js";
import { encodePrivateKey, generateKey } from "../../src/summary/openssh-key.js";
import { keyedAnswers } from "../helpers/answers.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { runCli, STACK_FRAME } from "../helpers/cli.js";

let work: { dir: string; cleanup: () => Promise<void> };
const at = (name: string) => path.join(work.dir, name);
beforeAll(async () => {
  work = await tempDir();
  await writeFile(at("k"), encodePrivateKey(generateKey("t@school.example")), { mode: 0o600 });
  await writeFile(at("a.json"), JSON.stringify(keyedAnswers(await mustLoad(DEFAULT_BANK))));
  await mkdir(at("folder"));
});
afterAll(() => work.cleanup());

const exportTo = (target: string, force = true) =>
  runCli(["run", "--answers", "a.json", "--role", "teacher", "--name", "Sam", "--export", target, "--key", "k", ...(force ? ["--force"] : [])], { cwd: work.dir });

/** A FIFO takes mkfifo(1), so its cases are in test/e2e/named-pipes.test.ts. */
describe("--force only ever replaces a regular file", () => {
  it("run --export /dev/null --force: exit 2, the device untouched", async () => {
    const r = await exportTo("/dev/null");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot export to \/dev\/null: it is a device/);
    expect((await lstat("/dev/null")).isCharacterDevice()).toBe(true);
  });

  it("a folder: exit 2", async () => {
    const r = await exportTo("folder");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot export to folder: it is a folder/);
  });

  it("a socket: exit 2", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(at("sock"), resolve));
    try {
      const r = await exportTo("sock");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot export to sock: it is a socket/);
    } finally {
      server.close();
    }
  });

  it("test --output folder --force: exit 2 as well", async () => {
    const test = await runCli(["test", "--output", "folder", "--force"], { cwd: work.dir });
    expect(test.code).toBe(2);
    expect(test.stderr).toMatch(/folder: it is a folder/);
  });
});

describe("a path ending in a slash names a folder", () => {
  it.each(["newdir/", "folder/"])("run --export %s writes no file and exits 2", async (target) => {
    const before = (await readdir(work.dir)).sort();
    const r = await exportTo(target, false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`cannot export to ${target}: that names a folder; give a file name`));
    expect((await readdir(work.dir)).sort()).toEqual(before);
  });

  it("keygen -f dir/: exit 2, nothing written", async () => {
    const before = (await readdir(work.dir)).sort();
    const r = await runCli(["keygen", "-f", "keys/", "--principal", "t@school.example", "--no-passphrase"], { cwd: work.dir });
    expect(r.code).toBe(2);
    expect((await readdir(work.dir)).sort()).toEqual(before);
  });
});

describe("long names", () => {
  it("a 250-character target name is written (the temporary name is shortened)", async () => {
    const name = `${"n".repeat(245)}.json`;
    const r = await exportTo(name, false);
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(work.dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a 256-byte name is refused before the first question (exit 2, no stack)", async () => {
    const r = await exportTo(`${"é".repeat(126)}.json`, false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the file name is too long/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("one mapping of write failures", () => {
  const show = (p: string) => path.basename(p);
  it.each([
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["EROFS", "the file system is read-only"],
    ["ENOSPC", "no space left on the device"],
    ["EDQUOT", "the disk quota is used up"],
    ["ENAMETOOLONG", "the file name is too long"],
    ["ENOENT", "folder d does not exist"],
    ["EIO", "input/output error (is the disk or network drive still there?)"],
    ["EWHATEVER", "the system refused (EWHATEVER)"],
  ])("%s → %s", (code, message) => {
    const error = Object.assign(new Error(`${code}: raw, open '/d/.x.tmp'`), { code });
    const mapped = writeFailure(error, "/d/out.json", show);
    expect(mapped).toBeInstanceOf(UsageError);
    expect(mapped.message).toBe(`cannot write out.json: ${message}`);
    expect(describeWriteCode(code, "/d/out.json", show)).toContain(message.split(" (")[0]);
  });

  it("an error that is not a file-system error stays an error (exit 70 upstream)", () => {
    const bug = new TypeError("x is undefined");
    expect(writeFailure(bug, "/d/out.json", show)).toBe(bug);
  });
});
