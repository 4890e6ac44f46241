// Writes questions/schema.json from the schema in code (src/bank/schema.ts, built to dist/).
// Run with `npm run schema`; a unit test fails when the committed file is out of date.
import { writeFileSync } from "node:fs";
import { buildJsonSchema } from "../dist/bank/schema.js";

const target = new URL("../questions/schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(buildJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
