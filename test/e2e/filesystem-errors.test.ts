import { spawnSync } from "node:child_process";
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, tempDir } from "../helpers/bank-fixture.js";

/**
 * File-system failures only a real process and a real file system produce: a full disk (a tiny
 * tmpfs in a private mount namespace, `unshare -rm`, as the read-only-folder test does) and a
 * folder a non-root user may not read (as user nobody when the tests run as root). Each is a
 * clear message naming the path, exit 2, no stack trace, nothing left behind.
 */
const STACK = /^\s+at .+|node:internal/m;
let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir();
});
afterAll(async () => {
  await chmod(path.join(work.dir, "summaries"), 0o755).catch(() => undefined);
  await work.cleanup();
});

describe("a full disk during init (ENOSPC)", () => {
  it("exit 2 naming the bank folder, no partial bank left", () => {
    const disk = path.join(work.dir, "disk");
    const script = `mkdir -p "${disk}" && mount -t tmpfs -o size=8k tmpfs "${disk}" && "${process.execPath}" "${CLI}" init "${disk}/new-bank" --title "Policy self-check" --organisation "A School"; echo "rc=$?"; ls -A "${disk}"`;
    const r = spawnSync("unshare", ["-rm", "sh", "-c", script], { env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
    const [rcLine, ...left] = r.stdout.trim().split("\n");
    expect(rcLine, r.stderr).toBe("rc=2");
    expect(r.stderr).toMatch(/selfcheck: cannot write .*new-bank: no space left on the device/);
    expect(r.stderr).not.toMatch(STACK);
    expect(left.filter((l) => l !== "")).toEqual([]);
  });
});

describe("an unreadable report folder (EACCES, as a user who is not root)", () => {
  it("exit 2 naming the folder, no stack trace", async () => {
    await chmod(work.dir, 0o755);
    await writeFile(path.join(work.dir, "allowed_signers"), "", { mode: 0o644 });
    await mkdir(path.join(work.dir, "summaries"));
    await writeFile(path.join(work.dir, "summaries", "a.json"), "{}");
    await chmod(path.join(work.dir, "summaries"), 0o000);
    const args = [CLI, "report", "summaries", "--allowed-signers", "allowed_signers"];
    // Root reads any folder: drop to nobody (setpriv) so the permission is really refused.
    const [command, ...rest] = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, ...args] : [process.execPath, ...args];
    const asUser = spawnSync(command as string, rest, { cwd: work.dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(asUser.status, asUser.stderr).toBe(2);
    expect(asUser.stderr).toMatch(/selfcheck: summaries: permission denied/);
    expect(asUser.stderr).not.toMatch(STACK);
    expect(await readdir(work.dir)).toContain("summaries");
  });
});
