import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CLI } from "../helpers/bank-fixture.js";

// Only a real process with a real pipe proves EPIPE handling: a closed stdout ends quietly.
describe("a closed stdout ends quietly (real process, real pipe)", () => {
  it.each([
    ["show --json", "head -c 10"],
    ["--help", "head -c 1"],
    ["show", "head -1"],
  ])("selfcheck %s | %s", (args, head) => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" ${args} | ${head} >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("rc=0");
  });
});
