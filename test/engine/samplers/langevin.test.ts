import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {rng} from "../../../engine/random.ts";
import {finiteDifferenceScore, langevin} from "../../../engine/samplers/langevin.ts";

describe("langevin", () => {
  it("is stationary at its known law on a Gaussian: N(μ, s²/(1 − η/(2s²)) I) (n = 2000, 3 standard errors)", () => {
    const mu = [1.5, -0.5];
    const s = 0.8;
    const eta = 0.05;
    const target = gaussianMixture({means: [[mu[0]!, mu[1]!]], cov: s * s});
    const score = finiteDifferenceScore((out, x, n) => target.logDensity(out, x, n));
    const n = 2000;
    // Start far away (x = 0 everywhere): 300 steps contract the distance by (1 − η/s²)^300 ≈ 3e-11.
    const {x} = langevin(score, new Float64Array(2 * n), n, rng(1), {steps: 300, stepSize: eta});
    const variance = (s * s) / (1 - eta / (2 * s * s));
    for (let axis = 0; axis < 2; axis++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < n; i++) m += x[2 * i + axis]! / n;
      for (let i = 0; i < n; i++) v += (x[2 * i + axis]! - m) ** 2 / (n - 1);
      expect(Math.abs(m - mu[axis]!)).toBeLessThan(3 * Math.sqrt(variance / n));
      expect(Math.abs(v - variance)).toBeLessThan(3 * variance * Math.sqrt(2 / (n - 1)));
    }
  });

  it("its central-difference score equals the exact Gaussian score −(x − μ)/s²", () => {
    const target = gaussianMixture({means: [[1, 2]], cov: 0.25});
    const score = finiteDifferenceScore((out, x, n) => target.logDensity(out, x, n));
    const g = score(new Float64Array(4), Float64Array.from([0, 0, 3, 1]), 2);
    const expected = [4, 8, -8, 4];
    g.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-6));
  });

  it("keeps the start, every `every`-th step and the end; rejects bad options", () => {
    const score = (out: Float64Array) => out.fill(0);
    const {kept} = langevin(score, new Float64Array(4), 2, rng(0), {steps: 10, stepSize: 0.1, every: 4});
    expect(kept).toHaveLength(4);
    expect(() => langevin(score, new Float64Array(4), 2, rng(0), {steps: 1, stepSize: 0})).toThrow(/invalid stepSize/);
    expect(() => finiteDifferenceScore(() => new Float64Array(0), -1)).toThrow(/invalid h/);
  });
});
