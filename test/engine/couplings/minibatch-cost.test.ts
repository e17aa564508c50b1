import {describe, expect, it} from "vitest";
import {minibatchCost, pairCost} from "../../../engine/couplings/minibatch-cost.ts";
import {gaussianW2Squared} from "../../../engine/metrics/gaussian-w2.ts";
import {rng, type Rng} from "../../../engine/random.ts";

/** N(m, diag(v)) samples. */
const gaussian = (m: [number, number], v: [number, number]) => (n: number, r: Rng) => {
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = m[0] + Math.sqrt(v[0]) * r.normal();
    x[2 * i + 1] = m[1] + Math.sqrt(v[1]) * r.normal();
  }
  return x;
};

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({length: n}, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)])
  );
}

describe("minibatchCost", () => {
  const source = gaussian([0, 0], [1, 1]);
  const target = gaussian([3, 0], [0.25, 4]);

  it("finds the cheapest permutation of a batch of 5 (against all 120)", () => {
    const r = rng(4);
    const x0 = source(5, r);
    const x1 = target(5, r);
    const best = Math.min(...permutations(5).map((p) => pairCost(x0, x1, 5, p)));
    expect(
      minibatchCost(
        () => x0,
        () => x1,
        5,
        1,
        rng(0)
      ).ot
    ).toBeCloseTo(best, 12);
  });

  it("equals the random cost at B = 1 and falls towards the exact W2² of two Gaussians as B grows", () => {
    const w2 = gaussianW2Squared({mean: [0, 0], cov: [1, 0, 0, 1]}, {mean: [3, 0], cov: [0.25, 0, 0, 4]});
    const one = minibatchCost(source, target, 1, 50, rng(1));
    expect(one.ot).toBeCloseTo(one.random, 12);
    const small = minibatchCost(source, target, 8, 100, rng(2));
    const large = minibatchCost(source, target, 256, 4, rng(3));
    // Independent pairs cost |Δm|² + tr S0 + tr S1 = 15.25 in expectation.
    expect(Math.abs(large.random - 15.25)).toBeLessThan(1);
    expect(small.ot).toBeLessThan(small.random);
    expect(large.ot).toBeLessThan(small.ot - 3 * small.otError);
    expect(large.ot).toBeGreaterThan(w2 - 0.3);
    expect(large.ot - w2).toBeLessThan(0.5 * (small.ot - w2));
  });

  it("rejects a bad batch size or batch count", () => {
    expect(() => minibatchCost(source, target, 0, 1, rng(0))).toThrow(/invalid batch size: 0/);
    expect(() => minibatchCost(source, target, 4, 0, rng(0))).toThrow(/invalid batches: 0/);
  });
});
