// Writes dist/default-bank.json: the shipped bank (questions/), loaded, validated and resolved
// once at build time, so `selfcheck run` need not parse and lint 300 KB of YAML on every start.
// At run time it is used only while questions/ still hashes to the same content
// (src/bank/bank-cache.ts); any change to the bank falls back to the full loader.
import { writeFileSync } from "node:fs";
import { makeBankCache } from "../dist/bank/bank-cache.js";
import { loadBank } from "../dist/bank/load-bank.js";

const dir = new URL("../questions", import.meta.url).pathname;
const { bank, files, diagnostics } = await loadBank(dir);
if (!bank || !files) {
  console.error("the default bank is not valid; no cache written:");
  for (const d of diagnostics) console.error(`${d.file}:${d.line}:${d.col} ${d.message}`);
  process.exit(1);
}
writeFileSync(new URL("../dist/default-bank.json", import.meta.url), JSON.stringify(makeBankCache(bank, files)));
