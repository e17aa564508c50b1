import {describe, expect, it} from "vitest";
import {dodge} from "../../../demos/layers/label-dodge.ts";
import {rng} from "../../../engine/random.ts";

/** Sorted copies of positions with the wanted order: the labels' order along the axis. */
const byWanted = (wanted: number[], placed: number[]) =>
  wanted.map((w, i) => [w, i, placed[i]!] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe("dodge", () => {
  it("keeps every pair at least the gap apart, the order and (when they fit) the bounds, on random columns", () => {
    const random = rng(11);
    for (let trial = 0; trial < 500; trial++) {
      const n = 1 + random.int(8);
      // Bunched labels (many coincide exactly) are the case that matters: curves that start at the same point.
      const wanted = Array.from({length: n}, () => Math.round(random.uniform() * 6) / 2);
      const gap = 0.1 + random.uniform();
      const bounds = [-1 + random.uniform(), 3 + 3 * random.uniform()] as const;
      const placed = dodge(wanted, gap, bounds);
      const sorted = byWanted(wanted, placed);
      for (let i = 1; i < n; i++) expect(sorted[i]![2] - sorted[i - 1]![2]).toBeGreaterThanOrEqual(gap - 1e-9);
      if ((n - 1) * gap <= bounds[1] - bounds[0]) {
        for (const p of placed) {
          expect(p).toBeGreaterThanOrEqual(bounds[0] - 1e-9);
          expect(p).toBeLessThanOrEqual(bounds[1] + 1e-9);
        }
      } else {
        expect(Math.min(...placed)).toBeCloseTo(bounds[0], 9);
      }
      // Without bounds the column's mean does not move (least squares: pooled blocks keep their sums).
      const free = dodge(wanted, gap);
      expect(free.reduce((a, b) => a + b, 0) / n).toBeCloseTo(wanted.reduce((a, b) => a + b, 0) / n, 9);
    }
  });

  it("leaves labels that are already far enough apart where they are, and splits a coincident pair evenly", () => {
    expect(dodge([3, 0, 1.5], 1, [0, 3])).toEqual([3, 0, 1.5]);
    expect(dodge([2, 2], 0.5)).toEqual([1.75, 2.25]);
    // Against the floor: both go up from it, a gap apart.
    expect(dodge([0, 0], 0.5, [0, 4])).toEqual([0, 0.5]);
  });

  it("refuses a bad gap, positions or bounds, naming them", () => {
    expect(() => dodge([0, 1], -1)).toThrow(/invalid gap: -1/);
    expect(() => dodge([0, NaN], 1)).toThrow(/invalid label positions/);
    expect(() => dodge([0, 1], 1, [2, 1])).toThrow(/invalid bounds/);
  });
});
