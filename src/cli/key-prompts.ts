import { existsSync } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as values from "../bank/values.js";
import type { Prompter } from "../session/prompter.js";
import { hasControl } from "../util/escape.js";
import type { Deps } from "./deps.js";
import { UsageError } from "./errors.js";
import { writeFailure } from "./io.js";
import { displayFor, hasTerminal, terminalPrompter } from "./shared.js";

// What `keygen` asks on a terminal (where the key goes, who signs, the passphrase), and the folder
// and home-directory rules those answers follow.

/** Where a new key goes when the person does not say: beside their SSH keys, as ssh-keygen would. */
const DEFAULT_KEY = [".ssh", "selfcheck_ed25519"] as const;

/**
 * The terminal prompter, made once and only when something must be asked. Without a terminal a
 * missing flag is an error that names it: a script never waits on a question.
 */
export function lazyPrompter(deps: Deps, color: boolean | undefined): (flag: string) => Promise<Prompter> {
  let prompter: Promise<Prompter> | undefined;
  return (flag) => {
    if (!hasTerminal(deps, deps.stderr)) {
      throw new UsageError(
        `keygen needs ${flag} when not run on a terminal (on a terminal it asks), e.g. selfcheck keygen -f ~/.ssh/selfcheck_ed25519 --principal you@school.example`,
      );
    }
    prompter ??= terminalPrompter(deps, deps.stderr, color);
    return prompter;
  };
}

/** The person's home folder, from the injected environment first (tests; HOME on Windows too). */
export function homeFolder(deps: Deps): string {
  return deps.env.HOME || deps.env.USERPROFILE || os.homedir();
}

/** `~/x` (or `~\x`) is the home folder's x: typed at a prompt or on Windows, no shell expands it. */
export function expandHome(file: string, deps: Deps): string {
  return /^~(?:[/\\]|$)/.test(file) ? path.join(homeFolder(deps), file.slice(1)) : file;
}

/** Proposes ~/.ssh/selfcheck_ed25519; Enter takes it, or the person types another path. */
export async function askKeyFile(prompter: Prompter, deps: Deps): Promise<string> {
  const home = homeFolder(deps);
  const proposed = path.join(home, ...DEFAULT_KEY);
  const shown = `~${path.sep}${path.join(...DEFAULT_KEY)}`;
  const resolve = (answer: string) => path.resolve(deps.cwd, expandHome(answer.trim() || proposed, deps));
  const answer = await prompter.input({
    key: "key-file",
    message: `Where to keep your signing key (Enter for ${shown})`,
    validate: (value) => {
      const file = resolve(value);
      if (hasControl(value)) return "The path must not contain control characters";
      if (existsSync(file) || existsSync(`${file}.pub`))
        return `${displayFor(deps)(file)} already exists; keygen never overwrites a key: give another path`;
      if (!existsSync(path.dirname(file)) && !isSshFolder(path.dirname(file), deps))
        return `The folder ${displayFor(deps)(path.dirname(file))} does not exist`;
      return true;
    },
  });
  return resolve(answer);
}

export async function askPrincipal(prompter: Prompter): Promise<string> {
  const answer = await prompter.input({
    key: "principal",
    message: "Your email address (it names you as the signer, e.g. sam.patel@school.example)",
    validate: (value) => {
      const v = value.trim();
      const problem = values.email.problem(v) ?? values.principal.problem(v);
      return problem === undefined ? true : `That ${problem}`;
    },
  });
  return answer.trim();
}

function isSshFolder(folder: string, deps: Deps): boolean {
  return folder === path.join(homeFolder(deps), ".ssh");
}

/** ~/.ssh is made when missing (mode 0700), as ssh-keygen does; any other folder must exist. */
export async function ensureKeyFolder(file: string, deps: Deps): Promise<void> {
  const folder = path.dirname(file);
  if (!isSshFolder(folder, deps) || (await exists(folder))) return;
  try {
    await mkdir(folder, { mode: 0o700 });
  } catch (error) {
    throw writeFailure(error, file, displayFor(deps));
  }
}

/** The new key's passphrase: SELFCHECK_KEY_PASSPHRASE, else asked twice on a terminal, else none. */
export async function choosePassphrase(
  opts: { passphrase: boolean },
  deps: Deps,
  ask: (flag: string) => Promise<Prompter>,
): Promise<string> {
  const fromEnv = deps.env.SELFCHECK_KEY_PASSPHRASE;
  if (fromEnv !== undefined) return fromEnv;
  if (!opts.passphrase || !hasTerminal(deps, deps.stderr)) return "";
  const prompter = await ask("--no-passphrase");
  for (;;) {
    const first = await prompter.password({
      key: "passphrase",
      message: "Passphrase for the new key (empty for none)",
    });
    if (first === "") return "";
    const second = await prompter.password({
      key: "passphrase-again",
      message: "Same passphrase again",
    });
    if (first === second) return first;
    deps.stderr.write("The passphrases did not match; try again.\n");
  }
}

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
