import { chmod, mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { scaffoldBank } from "../../bank/scaffold.js";
import * as values from "../../bank/values.js";
import type { Deps } from "../deps.js";
import { EXIT, UsageError } from "../errors.js";
import { checkFlagValue } from "../flag-values.js";
import { describeWriteCode, writeFailure } from "../io.js";
import { displayFor } from "../shared.js";

export interface InitOptions {
  dir: string;
  id?: string;
  title: string;
  organisation: string;
}

/** Writes the scaffold into a temporary folder beside the target, then renames it into place. */
export async function runInit(opts: InitOptions, deps: Deps): Promise<number> {
  const target = path.resolve(deps.cwd, opts.dir);
  const show = displayFor(deps);
  const shown = show(target);
  const id = opts.id ?? path.basename(target).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new UsageError(`--id must be kebab-case, got "${id}"`);
  // The same rule validate applies to bank.yaml, so the new bank validates.
  checkFlagValue("--title", values.bankTitle, opts.title);
  checkFlagValue("--organisation", values.bankTitle, opts.organisation);
  const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new UsageError(`cannot use ${shown}: ${error.code === "ENOTDIR" ? "it is a file" : describeWriteCode(error.code ?? "EIO", target, show)}`);
  });
  if (existing !== undefined && existing.length > 0) throw new UsageError(`${shown} is not empty; init only creates a new bank`);

  const parent = path.dirname(target);
  // A short temporary name: a target name near the 255-byte limit must not fail on it.
  const temp = await mkdtemp(path.join(parent, `.${Array.from(path.basename(target)).slice(0, 40).join("")}.init-`)).catch((error: unknown) => {
    throw writeFailure(error, target, show);
  });
  try {
    for (const [name, content] of Object.entries(scaffoldBank({ id, title: opts.title, organisation: opts.organisation }))) {
      await mkdir(path.dirname(path.join(temp, name)), { recursive: true });
      await writeFile(path.join(temp, name), content);
    }
    // mkdtemp makes a private (0700) folder; a bank is shared like any project folder.
    await chmod(temp, 0o755);
    if (existing !== undefined) await rmdir(target);
    await rename(temp, target);
  } catch (error) {
    // Nothing half-written: a full disk or a lost permission leaves no partial bank behind.
    await rm(temp, { recursive: true, force: true });
    throw writeFailure(error, target, show);
  }
  deps.stdout.write(
    [
      `Created ${shown}: bank.yaml, policy.txt, policy.yaml, sections/01-general.yaml, scenarios/, schema.json`,
      "Next: put the policy's text in policy.txt, split it into clauses in policy.yaml, and write questions.",
      `Check as you go: selfcheck validate --bank ${shown} && selfcheck test --bank ${shown} && selfcheck coverage --bank ${shown}`,
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}
