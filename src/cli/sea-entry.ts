// Entry point of the standalone executable (scripts/build-sea.mjs bundles it into one CommonJS
// file and embeds it in a copy of Node with postject). The default bank is embedded as SEA assets
// (`bank/manifest.json` lists the files; `bank/<file>` holds each): it is unpacked into a private
// folder and handed to the CLI before any command runs. No top-level await: CommonJS has none.
import { getAsset, isSea } from "node:sea";
import { main, reportInternalError } from "./main.js";
import { isDoubleClickStart, runDoubleClicked } from "./sea/double-click.js";
import { type EmbeddedFile, unpackBank } from "./sea/embedded-bank.js";

interface Manifest {
  digest: string;
  files: string[];
}

/** Help and version print without reading a bank, so they do not unpack it. */
function needsBank(argv: readonly string[]): boolean {
  const help = (arg: string | undefined) => arg === "--help" || arg === "-h";
  const [first, second, ...rest] = argv;
  if (argv.length === 0) return false;
  if (argv.length === 1 && (help(first) || first === "--version" || first === "-V" || first === "help")) return false;
  if (argv.length === 2 && rest.length === 0 && (first === "help" || help(second))) return false;
  return true;
}

function embeddedBank(): { digest: string; files: EmbeddedFile[] } {
  const manifest = JSON.parse(getAsset("bank/manifest.json", "utf8")) as Manifest;
  return {
    digest: manifest.digest,
    files: manifest.files.map((name) => ({ name, bytes: new Uint8Array(getAsset(`bank/${name}`)) })),
  };
}

const argv = process.argv.slice(2);
// A closed stdout ends quietly; an error outside main() is still an internal error (exit 70).
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
const internalError = (error: unknown) => {
  process.exitCode = reportInternalError(error, { stderr: process.stderr, env: process.env });
};
process.on("uncaughtException", internalError);
process.on("unhandledRejection", internalError);
// Double-clicked in Windows Explorer: the questionnaire, then a pause before the window closes.
const doubleClicked = isDoubleClickStart(argv, process.platform);
if (!isSea()) {
  process.stderr.write("selfcheck: this file is the standalone executable's entry point; run bin/selfcheck.js instead\n");
  process.exitCode = 2;
} else {
  // shared.ts is imported only when a bank is needed: it brings the bank loader (zod, yaml),
  // which help and version never use. esbuild bundles the import(); it runs at once, in order.
  const ready = doubleClicked || needsBank(argv)
    ? import("./shared.js").then(({ setDefaultBankDir }) => {
        const { digest, files } = embeddedBank();
        setDefaultBankDir(unpackBank(files, { digest }));
      })
    : Promise.resolve();
  // Reported here rather than by the handlers above, so that a double-clicked window still
  // pauses on the message before it closes.
  const runMain = (args: readonly string[]) =>
    ready.then(() => main(args)).catch((error: unknown) => reportInternalError(error, { stderr: process.stderr, env: process.env }));
  void (doubleClicked ? runDoubleClicked(process, runMain) : runMain(argv)).then((code) => {
    process.exitCode = code;
  }, internalError);
}
