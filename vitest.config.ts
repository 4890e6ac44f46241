import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests spawn the built CLI and drive a real terminal; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: the terminal tests are sensitive to a starved CPU, so keep workers modest.
    maxWorkers: 2,
    // In CI, also write machine-readable results so .ci/run can print a plain closing count.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: process.env.CI ? { json: ".tmp/vitest-results.json" } : {},
  },
});
