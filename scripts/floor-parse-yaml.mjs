#!/usr/bin/env node
// The floor for `selfcheck validate` and `selfcheck test` (issue 16), timed by scripts/bench.mjs
// in the same interleaved runs: only the work no implementation can skip, with the same library
// (`yaml`, with the options the CLI parses with and a line counter for positions), on every core.
// Per file: read it and parse it into a document. No schema, no lint, no scoring: a lower bound.
//
//   node scripts/floor-parse-yaml.mjs DIR|FILE...      (a folder's *.yaml/*.yml, recursively)
//
// Prints "parsed N files on T threads"; exits 1 when any file has a YAML error.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { isMainThread, runOnAllCores, serveItems } from "./floor-pool.mjs";

if (isMainThread) {
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    console.error("usage: floor-parse-yaml.mjs DIR|FILE...");
    process.exit(2);
  }
  const list = (p) =>
    statSync(p).isDirectory()
      ? readdirSync(p).sort().flatMap((n) => (statSync(path.join(p, n)).isDirectory() || /\.ya?ml$/.test(n) ? list(path.join(p, n)) : []))
      : [p];
  const files = paths.flatMap(list);
  const { threads, parsed = 0 } = await runOnAllCores(import.meta.url, files);
  console.log(`parsed ${parsed} of ${files.length} files on ${threads} threads`);
  process.exit(parsed === files.length ? 0 : 1);
} else {
  serveItems(() => (file) => {
    const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter: new LineCounter(), uniqueKeys: false, strict: true });
    return doc.errors.length === 0 ? "parsed" : "failed";
  });
}
