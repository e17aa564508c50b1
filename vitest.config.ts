import {defineConfig} from "vitest/config";

// Unit and property tests. The end-to-end walk in Chromium is a separate script (scripts/e2e.mjs).
// Timeouts are generous on purpose: these machines are shared, and a test is about correctness, never about time.
const shared = {testTimeout: 60_000, hookTimeout: 60_000};

export default defineConfig({
  test: {
    projects: [
      {test: {...shared, name: "engine", include: ["test/engine/**/*.test.ts"], environment: "node"}},
      {
        test: {
          ...shared,
          name: "demos",
          include: ["test/demos/**/*.test.ts", "test/slides/**/*.test.ts"],
          environment: "jsdom"
        }
      }
    ]
  }
});
