import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

const SCRIPT = join(import.meta.dirname, "..", "..", "scripts", "pdf.mjs");

// Only the refusals run here: writing a PDF builds the site and starts Chromium (try `npm run pdf -- template`).
describe("npm run pdf", () => {
  it("refuses a missing or unknown deck and a bad option before building: one line on stderr, exit 2", () => {
    const cases = [
      [[], /^pdf: missing deck; usage: npm run pdf -- <deck>/],
      [["no-such-deck"], /^pdf: unknown deck: no-such-deck /],
      [["../slides"], /^pdf: unknown deck: \.\.\/slides /],
      [["template", "--bogus"], /^pdf: unknown option: --bogus; usage/],
      [["template", "--out"], /^pdf: --out needs a file name; usage/],
      [["template", "other"], /^pdf: one deck only, got also: other; usage/]
    ] as const;
    for (const [args, message] of cases) {
      const run = spawnSync(process.execPath, [SCRIPT, ...args], {encoding: "utf8"});
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });
});
