import {existsSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {expect} from "vitest";

/** Committed snapshots live here; a mismatch writes `<name>-changed.svg` next to the file (git-ignored). */
const OUTPUT = join(import.meta.dirname, "..", "output");

/**
 * Plot's generated names: the class of each figure (`plot-d6a7b5`, set by the Plot version) and the ids of clip paths, markers and
 * patterns (`plot-clip-3`, counted across the whole test run). Renumbered in order of appearance, so a snapshot does
 * not depend on which figure was rendered before it.
 */
const GENERATED = /\bplot-(?:(clip|marker|pattern)-\d+|[0-9a-f]{6})(?!\w)/g;

/** Renames Plot's generated class names and ids in order of appearance: plot-1, plot-clip-1, plot-marker-1… */
export function renumberIds(text: string): string {
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  return text.replace(GENERATED, (name, family: string | undefined) => {
    let renamed = names.get(name);
    if (renamed === undefined) {
      const key = family ?? "class";
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      renamed = family ? `plot-${family}-${count}` : `plot-${count}`;
      names.set(name, renamed);
    }
    return renamed;
  });
}

/** Serializes a rendered figure: generated names renumbered, numbers rounded to 3 decimals (float noise never churns snapshots). */
export function serializeSvg(node: Element): string {
  return (
    renumberIds(node.outerHTML)
      .replace(/\d+\.\d+(e[+-]?\d+)?/g, (d) => String(+(+d).toFixed(3)))
      .replace(/></g, ">\n<")
      .trim() + "\n"
  );
}

/**
 * Compares `node` with `test/output/<name>.svg`. A different one fails the test and writes `<name>-changed.svg` for
 * review. A missing file fails when `CI` is set (a snapshot is never made up on the build machine); locally it is
 * written: review it and commit it.
 */
export function expectSvgSnapshot(name: string, node: Element): void {
  const actual = serializeSvg(node);
  const file = join(OUTPUT, `${name}.svg`);
  const changed = join(OUTPUT, `${name}-changed.svg`);
  if (!existsSync(file)) {
    if (process.env.CI)
      expect.fail(`missing snapshot test/output/${name}.svg: run the test locally, review and commit it`);
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (actual === expected) rmSync(changed, {force: true});
  else writeFileSync(changed, actual);
  expect(actual, `${name}.svg differs: see ${name}-changed.svg`).toBe(expected);
}
