import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects. `unit`: everything that runs in this process against the TypeScript source,
 * commands included (through main(argv, deps), test/helpers/cli.ts); no build needed, for everyday
 * work (`npm run test:fast`). `e2e`: the few tests that need a real process or a real tool: the
 * built CLI through its shim, signals, tmux terminals, ssh-keygen and jq, Chromium.
 */
export default defineConfig({
  test: {
    // End-to-end tests spawn the built CLI and drive a real terminal; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: the terminal tests are sensitive to a starved CPU, so keep workers modest.
    maxWorkers: 2,
    // In CI, also write machine-readable results so .ci/run can print a plain closing count.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: process.env.CI ? { json: ".tmp/vitest-results.json" } : {},
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/e2e/**"],
          // The files share one module graph per worker instead of re-importing zod, yaml and the
          // source for each (this halves the project's CPU time). Safe because no test changes
          // global state: no mocks, no process.env or cwd changes; commands get theirs through deps.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"] },
      },
    ],
  },
});
