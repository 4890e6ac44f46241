// ESLint flat config: the recommended JavaScript and TypeScript rules, plus a few that keep the
// code honest (type-only imports stay type-only, no `any`, no unused code).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Layers only point down (docs/architecture.md): cli → session → report → summary → engine →
 * bank → util. A file may import its own layer and the layers below it; nothing but cli imports
 * cli. Checked on static imports, re-exports and `import()` alike.
 */
const LAYERS = ["util", "bank", "engine", "summary", "report", "session", "cli"];

function layerRule(layer) {
  const level = LAYERS.indexOf(layer);
  const above = LAYERS.slice(level + 1);
  // A path segment naming a higher layer: "../report/text.js", "../../cli/deps.js".
  const regex = `(^|/)(${above.join("|")})/`;
  const below = LAYERS.slice(0, level);
  const message = `src/${layer} may import only ${below.length > 0 ? `src/${layer} and the layers below it (${below.join(", ")})` : "itself"}: layers point down, ${[...LAYERS].reverse().join(" → ")} (docs/architecture.md). Move the shared code down, or the caller up.`;
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex, message }] }],
      "no-restricted-syntax": ["error", { selector: `ImportExpression > Literal[value=/${regex.replaceAll("/", "\\/")}/]`, message }],
    },
  };
}

/**
 * Actions are thin and independent: options → core → renderer, at most 150 lines; what two
 * actions share lives in src/cli/ or a lower layer, renderers in src/report/.
 */
const actionsRule = {
  files: ["src/cli/actions/**/*.ts"],
  rules: {
    "max-lines": ["error", { max: 150 }],
    "no-restricted-imports": ["error", { patterns: [{ regex: "^\\./", message: "an action imports no other action: move what they share to src/cli/ (or a lower layer)" }] }],
    "no-restricted-syntax": ["error", { selector: "ImportExpression > Literal[value=/^\\.\\//]", message: "an action imports no other action: move what they share to src/cli/ (or a lower layer)" }],
  },
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "release/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", setTimeout: "readonly", performance: "readonly" },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off",
      eqeqeq: ["error", "always"],
      "prefer-const": "error",
    },
  },
  ...LAYERS.filter((layer) => layer !== "cli").map(layerRule),
  actionsRule,
);
