import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".scratch",
      "node_modules",
      "dist",
      "engine/wasm/build",
      "engine/wasm/assembly",
      "test/output",
      "test/screenshots"
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {console: "readonly", process: "readonly", URL: "readonly"}},
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_"}],
      "no-restricted-properties": ["error", {object: "Math", property: "random", message: "use a seeded generator"}]
    }
  },
  {
    // The end-to-end scripts (and the render benchmark) run in Node and hand functions to the browser (page.evaluate).
    files: ["scripts/e2e.mjs", "scripts/e2e/**/*.mjs", "scripts/pdf.mjs", "scripts/bench-render.mjs"],
    languageOptions: {
      globals: {
        window: "readonly",
        document: "readonly",
        navigator: "readonly",
        setTimeout: "readonly",
        setInterval: "readonly",
        Worker: "readonly"
      }
    }
  },
  {
    files: ["engine/**/*.ts"],
    // The worker's entry is the one place the engine meets its host's `self`.
    ignores: ["engine/worker/entry.ts"],
    rules: {
      "no-restricted-globals": ["error", "window", "document", "self"]
    }
  }
);
