import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The real OpenSSH `ssh-keygen` and `jq`, for the interoperability tests (test/e2e): the one
 * place the tests start them. The README's recipe for checking a summary by hand is here too.
 */
export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout as bytes: jq's output is the signed message, byte for byte. */
  bytes: Buffer;
}

function tool(command: "ssh-keygen" | "jq", args: readonly string[], options: { cwd?: string; input?: string | Buffer }): ToolResult {
  const r = spawnSync(command, args, { cwd: options.cwd, input: options.input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8"), bytes: r.stdout };
}

/** ssh-keygen with these arguments; its exit status and output, never an exception for a refusal. */
export function sshKeygen(args: readonly string[], options: { cwd: string; input?: string | Buffer }): ToolResult {
  return tool("ssh-keygen", args, options);
}

/** jq's output as bytes; a jq failure is a test failure. */
export function jq(args: readonly string[], options: { cwd?: string; input?: string | Buffer } = {}): Buffer {
  const r = tool("jq", args, options);
  if (r.status !== 0) throw new Error(`jq ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.bytes;
}

/**
 * The README's recipe, run with the real tools in `dir`: rebuild the signed bytes with jq, then
 * `ssh-keygen -Y verify` them against `signers` for `principal`.
 */
export function sshVerifySummary(dir: string, file: string, principal: string, signers = "allowed_signers"): ToolResult {
  const message = jq(["-cS", ".summary", file], { cwd: dir });
  writeFileSync(path.join(dir, "m.sig"), jq(["-r", ".signature.sshsig", file], { cwd: dir }));
  return sshKeygen(["-Y", "verify", "-f", signers, "-I", principal, "-n", "selfcheck-summary-v1", "-s", "m.sig"], { cwd: dir, input: message });
}
