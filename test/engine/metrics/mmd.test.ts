import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {medianDistance, mmd2} from "../../../engine/metrics/mmd.ts";
import {rng} from "../../../engine/random.ts";

describe("mmd2", () => {
  it("matches the V-statistic formula with the sum of RBF kernels on a tiny example", () => {
    const x = Float64Array.from([0, 0, 1, 0]);
    const y = Float64Array.from([0, 2]);
    const median = 1.5;
    const k = (d2: number) => [0.1, 0.5, 1, 2].reduce((s, c) => s + Math.exp(-d2 / (2 * (c * median) ** 2)), 0);
    const xx = (2 * k(0) + 2 * k(1)) / 4;
    const yy = k(0);
    const xy = (k(4) + k(5)) / 2;
    assertInDelta(mmd2(x, y, 2, 1, {median}), xx + yy - 2 * xy, 1e-15, "MMD²");
  });

  it("is 0 for identical samples, symmetric, small for one distribution and large for two", () => {
    const a = dataset("normal").sample(300, rng(1));
    const b = dataset("normal").sample(300, rng(2));
    const c = dataset("ffjord-moons").sample(300, rng(3));
    expect(mmd2(a, a, 300, 300)).toBe(0);
    assertInDelta(mmd2(a, c, 300, 300), mmd2(c, a, 300, 300), 1e-12, "symmetry");
    expect(mmd2(a, b, 300, 300)).toBeLessThan(0.02);
    expect(mmd2(a, c, 300, 300)).toBeGreaterThan(10 * mmd2(a, b, 300, 300));
  });

  it("takes the median of the pooled pairwise distances", () => {
    const x = Float64Array.from([0, 0, 3, 0]);
    const y = Float64Array.from([0, 4]);
    // Distances: 3, 4, 5 → median 4.
    expect(medianDistance(x, y, 2, 1)).toBe(4);
    expect(() => mmd2(x, y, 2, 2)).toThrow(/shape mismatch/);
  });
});
