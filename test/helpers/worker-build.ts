import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { WorkerSource } from "../../src/util/worker-pool.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * A worker entry (TypeScript under src/ or test/) bundled as the builds ship it: CommonJS source
 * text, as the standalone executable runs it (`{ code }`), or an ES module file written into
 * `dir`, as the npm bundle and the tsc build start it (`{ file }`). Node cannot start a .ts worker.
 */
export async function bundleWorker(entry: string, as: "code" | "file", dir: string): Promise<WorkerSource> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: "node",
    target: "node20",
    format: as === "code" ? "cjs" : "esm",
    write: false,
    logLevel: "silent",
    ...(as === "file"
      ? { banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' } }
      : {}),
  });
  const text = result.outputFiles[0]?.text ?? "";
  if (as === "code") return { code: text };
  const file = path.join(dir, `${path.basename(entry, ".ts")}.mjs`);
  await writeFile(file, text);
  return { file: pathToFileURL(file) };
}
