#!/usr/bin/env node
// Tiny shim into the built CLI (dist/ is built by `npm run build`, which `npm ci` runs).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
