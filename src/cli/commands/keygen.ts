import type { Command } from "commander";
import type { KeygenOptions } from "../actions/keygen.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck keygen`; the work is imported only when the command runs. */
export function registerKeygen(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("keygen")
    .description("make an Ed25519 signing key (OpenSSH format) and its allowed_signers line")
    .option(
      "-f, --file <path>",
      "where to write the private key (the public key goes to PATH.pub); asked on a terminal, proposing ~/.ssh/selfcheck_ed25519",
    )
    .option("--principal <id>", "who signs with this key, e.g. sam.patel@school.example; asked on a terminal")
    .option("--comment <text>", "comment stored in the key (default: the principal)")
    .option("--no-passphrase", "do not ask for a passphrase (the key is stored unencrypted)")
    .option(
      "--from-ssh-key <pub>",
      "make no key: print the allowed_signers line for an existing Ed25519 key (its .pub file)",
    )
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      `
On a terminal, with no flags, keygen proposes ~/.ssh/selfcheck_ed25519 (Enter takes it), asks
for your email (the principal that names you as the signer) and a passphrase (empty for none).
Without a terminal, --file and --principal are required. The private key is written with mode
0600 and never over an existing file; ~/.ssh is made if missing. SELFCHECK_KEY_PASSPHRASE sets a
passphrase without asking. The key works with OpenSSH: \`ssh-keygen -Y sign -f PATH -n selfcheck-summary-v1\`.
An Ed25519 key you already have works too: --from-ssh-key prints its allowed_signers line, and
\`run --export --key ~/.ssh/id_ed25519\` signs with it.

Examples:
  $ selfcheck keygen
  $ selfcheck keygen -f ~/.ssh/selfcheck_ed25519 --principal sam.patel@school.example
  $ selfcheck keygen --from-ssh-key ~/.ssh/id_ed25519.pub --principal sam.patel@school.example
  $ selfcheck keygen -f trainer.key --principal trainer@school.example --no-passphrase
  $ selfcheck keygen -f hr.key --principal hr@school.example --json | jq -r .allowedSigners >> allowed_signers`,
    )
    .action((opts: KeygenOptions) =>
      run(import("../actions/keygen.js").then((m) => m.runKeygen(opts, deps))),
    );
}
