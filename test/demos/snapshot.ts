import {existsSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {expect} from "vitest";

/** Committed snapshots live here; a mismatch writes `<name>-changed.svg` next to the file (git-ignored). */
const OUTPUT = join(import.meta.dirname, "..", "output");

/** Serializes a rendered figure with numbers rounded to 3 decimals (so float noise does not churn snapshots). */
export function serializeSvg(node: Element): string {
  return (
    node.outerHTML
      .replace(/\d+\.\d+(e[+-]?\d+)?/g, (d) => String(+(+d).toFixed(3)))
      .replace(/></g, ">\n<")
      .trim() + "\n"
  );
}

/**
 * Compares `node` with `test/output/<name>.svg`. A missing file is written (review and commit it); a different one
 * fails the test and writes `<name>-changed.svg` for review.
 */
export function expectSvgSnapshot(name: string, node: Element): void {
  const actual = serializeSvg(node);
  const file = join(OUTPUT, `${name}.svg`);
  const changed = join(OUTPUT, `${name}-changed.svg`);
  if (!existsSync(file)) {
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (actual === expected) rmSync(changed, {force: true});
  else writeFileSync(changed, actual);
  expect(actual, `${name}.svg differs: see ${name}-changed.svg`).toBe(expected);
}
