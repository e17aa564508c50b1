import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {digamma, knnEntropy} from "../../../engine/metrics/knn-entropy.ts";
import {rng} from "../../../engine/random.ts";

/** Brute-force Kozachenko-Leonenko for checking the grid search. */
function bruteForce(x: Float64Array, k: number): number {
  const n = x.length / 2;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i) d.push(Math.hypot(x[2 * i]! - x[2 * j]!, x[2 * i + 1]! - x[2 * j + 1]!));
    d.sort((a, b) => a - b);
    sum += Math.log(d[k - 1]!);
  }
  return digamma(n) - digamma(k) + Math.log(Math.PI) + (2 / n) * sum;
}

describe("digamma", () => {
  it("matches known values", () => {
    const gamma = 0.5772156649015329; // Euler-Mascheroni
    assertInDelta(digamma(1), -gamma, 1e-13, "ψ(1)");
    assertInDelta(digamma(0.5), -gamma - 2 * Math.LN2, 1e-13, "ψ(1/2)");
    assertInDelta(digamma(10), -gamma + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, j) => s + 1 / j, 0), 1e-13, "ψ(10)");
    expect(() => digamma(0)).toThrow(/invalid digamma argument/);
  });
});

describe("knnEntropy", () => {
  it("equals the brute-force estimator (grid search is exact), also with outliers", () => {
    const x = dataset("ffjord-moons").sample(700, rng(1));
    x[0] = 60;
    x[1] = -40;
    for (const k of [1, 4]) assertInDelta(knnEntropy(x, k), bruteForce(x, k), 1e-12, `k=${k}`);
  });

  it("shifts by exactly 2 ln a when the sample is scaled by a", () => {
    const x = dataset("normal").sample(3000, rng(2));
    assertInDelta(knnEntropy(x.map((v) => 3 * v)), knnEntropy(x) + 2 * Math.log(3), 1e-9, "scaling");
  });

  it("estimates N(0,I₂) (2.838) and the unit square (0) within 0.02 at N = 50 000", () => {
    assertInDelta(knnEntropy(dataset("normal").sample(50000, rng(3))), 1 + Math.log(2 * Math.PI), 0.02, "normal");
    const r = rng(4);
    assertInDelta(knnEntropy(r.fillUniform(new Float64Array(100000)) as Float64Array), 0, 0.02, "square");
  });

  it("rejects samples not larger than k and reports duplicates as −Infinity", () => {
    expect(() => knnEntropy(new Float64Array(8), 4)).toThrow(/invalid sample/);
    expect(knnEntropy(new Float64Array(20), 4)).toBe(-Infinity);
  });
});
