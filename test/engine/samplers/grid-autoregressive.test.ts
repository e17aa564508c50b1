import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {rng} from "../../../engine/random.ts";
import {gridAutoregressive} from "../../../engine/samplers/grid-autoregressive.ts";

describe("gridAutoregressive", () => {
  it("draws x₁ then x₂ | x₁: on a correlated Gaussian the mean, variance and E[x₁x₂] = 0.8 match", () => {
    // x₁ ~ N(0, 1), x₂ = 0.8 x₁ + 0.6 ε: correlation 0.8, E[x₂ | x₁] = 0.8 x₁.
    const g = gaussianMixture({means: [[0, 0]], cov: [1, 0.8, 0.8, 1]});
    const sampler = gridAutoregressive((out, x, n) => g.logDensity(out, x, n), [-6, 6, -6, 6], 240);
    const n = 20000;
    const {x1, x} = sampler.sample(n, rng(2));
    let m1 = 0;
    let v1 = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      expect(x[2 * i]).toBe(x1[i]);
      m1 += x1[i]! / n;
      v1 += x1[i]! ** 2 / n;
      c += (x1[i]! * x[2 * i + 1]!) / n;
    }
    expect(Math.abs(m1)).toBeLessThan(3 / Math.sqrt(n));
    expect(Math.abs(v1 - 1)).toBeLessThan(0.05);
    expect(Math.abs(c - 0.8)).toBeLessThan(0.05);
    let sum = 0;
    for (const p of sampler.marginal) sum += p;
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
  });

  it("rejects a bad grid and a density that is zero everywhere", () => {
    const logp = (out: Float64Array) => out.fill(-Infinity);
    expect(() => gridAutoregressive(logp, [0, 1, 0, 1], 1)).toThrow(/invalid size/);
    expect(() => gridAutoregressive(logp, [1, 0, 0, 1])).toThrow(/invalid extent/);
    expect(() => gridAutoregressive(logp, [0, 1, 0, 1])).toThrow(/invalid density/);
  });
});
