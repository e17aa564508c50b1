import {defineConfig} from "vitest/config";

// Unit and property tests. The end-to-end walk in Chromium is a separate script (scripts/e2e.mjs).
export default defineConfig({
  test: {
    projects: [
      {test: {name: "engine", include: ["test/engine/**/*.test.ts"], environment: "node"}},
      {test: {name: "demos", include: ["test/demos/**/*.test.ts", "test/slides/**/*.test.ts"], environment: "jsdom"}}
    ]
  }
});
