import type { Command } from "commander";
import type { KeygenOptions } from "../actions/keygen.js";
import type { Deps } from "../deps.js";

/** Registers `selfcheck keygen`; the work is imported only when the command runs. */
export function registerKeygen(program: Command, deps: Deps, run: (code: Promise<number>) => void) {
  program
    .command("keygen")
    .description("make an Ed25519 signing key (OpenSSH format) and its allowed_signers line")
    .requiredOption(
      "-f, --file <path>",
      "where to write the private key (the public key goes to PATH.pub)",
    )
    .requiredOption("--principal <id>", "who signs with this key, e.g. sam.patel@school.example")
    .option("--comment <text>", "comment stored in the key (default: the principal)")
    .option("--no-passphrase", "do not ask for a passphrase (the key is stored unencrypted)")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      `
The private key is written with mode 0600 and never over an existing file. A passphrase is
asked for on a terminal (empty for none); SELFCHECK_KEY_PASSPHRASE sets one without asking.
The key works with OpenSSH: \`ssh-keygen -Y sign -f PATH -n selfcheck-summary-v1\`.

Examples:
  $ selfcheck keygen -f ~/.ssh/selfcheck_ed25519 --principal sam.patel@school.example
  $ selfcheck keygen -f trainer.key --principal trainer@school.example --no-passphrase
  $ selfcheck keygen -f hr.key --principal hr@school.example --json | jq -r .allowedSigners >> allowed_signers`,
    )
    .action((opts: KeygenOptions) =>
      run(import("../actions/keygen.js").then((m) => m.runKeygen(opts, deps))),
    );
}
