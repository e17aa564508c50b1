import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {normalCdf} from "../../engine/stats/index.ts";
import {
  boxMuller,
  computeFrame,
  covarianceOf,
  drawsOf,
  lawOf,
  samplingTransform,
  type Dist,
  type SamplingTransformState
} from "../../demos/sampling-transform.ts";
import {assertInDelta} from "../assert.ts";

const base = defaults(samplingTransform.state);
const n = 5000;

/** Kolmogorov–Smirnov statistic: the largest gap between the samples' step CDF and F. */
function ks(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(samples).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]!);
    d = Math.max(d, (i + 1) / s.length - f, f - i / s.length);
  }
  return d;
}

/** The KS critical value at level 0.001 (1.95/√n): a correct sampler exceeds it once in a thousand seeds. */
const critical = 1.95 / Math.sqrt(n);

describe("sampling-transform", () => {
  it("uniforms pushed through F⁻¹ follow F: the KS statistic is below the 0.1 % critical value", () => {
    for (const dist of ["normal", "mixture", "exponential"] as Dist[]) {
      for (const seed of [0, 1, 2]) {
        const f = computeFrame({n, seed}, {...base, dist});
        const d = ks(f.pushed, f.law.cdf);
        expect(d, `KS ${dist}, seed ${seed}: ${d}`).toBeLessThan(critical);
        // And a wrong law is rejected by the same test (the test can fail).
        const other = lawOf(dist === "normal" ? "mixture" : "normal");
        expect(ks(f.pushed, other.cdf)).toBeGreaterThan(critical);
      }
    }
  });

  it("Box–Muller: U₁ in (0, 1], radius √(−2 ln U₁), angle 2πU₂, and both coordinates standard normal", () => {
    const draws = drawsOf(n, 4);
    for (let i = 0; i < n; i++) {
      const u1 = draws.u1[i]!;
      expect(u1 > 0 && u1 <= 1).toBe(true);
      const [z1, z2] = [draws.eps[2 * i]!, draws.eps[2 * i + 1]!];
      assertInDelta(Math.hypot(z1, z2), Math.sqrt(-2 * Math.log(u1)), 1e-12, "radius");
      const angle = (Math.atan2(z2, z1) + 2 * Math.PI) % (2 * Math.PI);
      // atan2 is undefined at radius 0 (U₁ = 1) and wraps at 2π.
      if (draws.radius[i]! > 1e-9) {
        const gap = Math.abs(angle - 2 * Math.PI * draws.u2[i]!);
        expect(Math.min(gap, 2 * Math.PI - gap), "angle").toBeLessThan(1e-9);
      }
    }
    const z1 = Float64Array.from({length: n}, (_, i) => draws.eps[2 * i]!);
    const z2 = Float64Array.from({length: n}, (_, i) => draws.eps[2 * i + 1]!);
    expect(ks(z1, normalCdf)).toBeLessThan(critical);
    expect(ks(z2, normalCdf)).toBeLessThan(critical);
    expect(Math.hypot(...boxMuller(1, 0.3))).toBe(0);
    expect(boxMuller(Math.exp(-0.5), 0)).toEqual([1, 0]);
  });

  it("x = μ + Lε has sample covariance ≈ Σ = LLᵀ (each entry within 5 of its standard errors) and mean ≈ μ", () => {
    const settings: Partial<SamplingTransformState>[] = [
      {},
      {l11: 0.5, l21: -1.5, l22: 0.3, mu1: -2, mu2: 1},
      {l11: 2, l21: 0, l22: 2}
    ];
    for (const s of settings) {
      const st = {...base, ...s, view: "linear-map" as const};
      const f = computeFrame({n, seed: 7}, st);
      const [a, b, c] = covarianceOf(st);
      expect(f.sigma).toEqual([a, b, c]);
      // LLᵀ by hand for L = [[l11, 0], [l21, l22]].
      assertInDelta(b, st.l11 * st.l21, 1e-15);
      const se = (ii: number, jj: number, ij: number) => 5 * Math.sqrt((ii * jj + ij * ij) / n);
      assertInDelta(f.sample.cov[0], a, se(a, a, a), "Σ₁₁");
      assertInDelta(f.sample.cov[1], b, se(a, c, b), "Σ₁₂");
      assertInDelta(f.sample.cov[2], c, se(c, c, c), "Σ₂₂");
      assertInDelta(f.sample.mean[0], st.mu1, 5 * Math.sqrt(a / n), "μ₁");
      assertInDelta(f.sample.mean[1], st.mu2, 5 * Math.sqrt(c / n), "μ₂");
    }
  });

  it("prints the computed numbers in its readout and text alternative", () => {
    const o = {n: 600, seed: 0};
    const f = computeFrame(o, base);
    const text = samplingTransform.describe!(f, o, base);
    expect(text).toContain(`sample mean ${f.pushedMean.toFixed(2)}`);
    const fig = samplingTransform.render(f, o, base);
    expect(fig.querySelector(".readout")?.textContent).toContain(`sd ${f.pushedSd.toFixed(2)} (exact 1.00)`);
    const map = {...base, view: "linear-map" as const};
    const g = samplingTransform.render(computeFrame(o, map), o, map);
    expect(g.querySelector(".readout")?.textContent).toContain("Σ = LLᵀ = [1.44 0.96; 0.96 1.00]");
    expect(g.querySelector("[data-drag=mu]")).not.toBeNull();
  });
});
