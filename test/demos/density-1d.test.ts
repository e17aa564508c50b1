import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {normalCdf} from "../../engine/stats/index.ts";
import {binsOf} from "../../demos/layers/histogram.ts";
import {
  computeFrame,
  density1d,
  DOMAIN,
  MIXTURE,
  readoutLines,
  SIGMA_CROSS,
  type Density1DState
} from "../../demos/density-1d.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const base = defaults(density1d.state);

/** The mixture's density written out here, independently of engine/stats. */
function pdf(s: Density1DState, x: number): number {
  const parts: [number, number][] =
    s.shape === "gaussian" ? [[1, 0]] : MIXTURE.weights.map((w, k) => [w, MIXTURE.means[k]!] as [number, number]);
  let p = 0;
  for (const [w, m] of parts)
    p += (w * Math.exp(-((x - m) ** 2) / (2 * s.sigma ** 2))) / (s.sigma * Math.sqrt(2 * Math.PI));
  return p;
}

/** Simpson's rule of the independent density over [a, b]. */
function area(s: Density1DState, a: number, b: number, cells = 2000): number {
  const h = (b - a) / cells;
  let sum = pdf(s, a) + pdf(s, b);
  for (let i = 1; i < cells; i++) sum += (i % 2 ? 4 : 2) * pdf(s, a + i * h);
  return (sum * h) / 3;
}

const settings: Density1DState[] = [
  base,
  {...base, a: 1.2, b: -2.1, sigma: 0.4},
  {...base, shape: "gaussian", sigma: 0.25, a: -0.2, b: 0.2},
  {...base, shape: "gaussian", sigma: 1.2, a: -3, b: 0.5, n: 5000},
  {...base, n: 20000, width: 0.1, a: -4, b: 4}
];

describe("density-1d", () => {
  it("prints P(a ≤ X ≤ b) = F(b) − F(a), equal to the area under the density by Simpson's rule", () => {
    for (const s of settings) {
      const f = computeFrame(0, s);
      const [lo, hi] = [Math.min(s.a, s.b), Math.max(s.a, s.b)];
      const byCdf =
        s.shape === "gaussian"
          ? normalCdf(hi / s.sigma) - normalCdf(lo / s.sigma)
          : MIXTURE.weights.reduce(
              (acc, w, k) =>
                acc +
                w * (normalCdf((hi - MIXTURE.means[k]!) / s.sigma) - normalCdf((lo - MIXTURE.means[k]!) / s.sigma)),
              0
            );
      assertInDelta(f.probability, byCdf, 1e-12, "P by the CDF");
      assertInDelta(f.probability, area(s, lo, hi), 1e-9, "P by Simpson");
      expect(readoutLines(f, s)[0]).toContain(`= ${byCdf.toFixed(3)}`);
    }
  });

  it("the fraction of samples inside [a, b] is within 4 standard errors of the probability, for several seeds", () => {
    for (const s of settings) {
      for (const seed of [0, 1, 2]) {
        const f = computeFrame(seed, s);
        expect(f.samples).toHaveLength(s.n);
        const se = Math.sqrt((f.probability * (1 - f.probability)) / s.n);
        assertInDelta(f.standardError, se, 1e-15, "SE");
        assertInDelta(f.fraction, f.probability, 4 * se + 1e-12, `fraction, seed ${seed}`);
      }
    }
  });

  it("the density is non-negative and integrates to 1 (over [−12, 12]; over the plot, to F(4) − F(−4))", () => {
    for (const s of settings) {
      const f = computeFrame(0, s);
      for (let x = -4; x <= 4; x += 0.01) expect(f.density.pdf(x)).toBeGreaterThanOrEqual(0);
      assertInDelta(area(s, -12, 12, 8000), 1, 1e-9, "∫ p");
      assertInDelta(
        area(s, DOMAIN[0], DOMAIN[1]),
        f.density.cdf(DOMAIN[1]) - f.density.cdf(DOMAIN[0]),
        1e-9,
        "∫ p on the plot"
      );
      assertInDelta(f.density.pdf(0.3), pdf(s, 0.3), 1e-14, "pdf");
    }
  });

  it("one Gaussian peaks at 1/(σ√(2π)), above 1 exactly when σ < 1/√(2π) ≈ 0.399", () => {
    expect(SIGMA_CROSS.toFixed(3)).toBe("0.399");
    for (const sigma of [0.1, 0.25, 0.39, 0.41, 0.7, 1.5]) {
      const s: Density1DState = {...base, shape: "gaussian", sigma};
      const f = computeFrame(0, s);
      assertInDelta(f.peak, 1 / (sigma * Math.sqrt(2 * Math.PI)), 1e-12, `peak, σ = ${sigma}`);
      expect(f.peak > 1).toBe(sigma < SIGMA_CROSS);
      expect(readoutLines(f, s)[1]).toContain(`= ${f.peak.toFixed(3)} ${sigma < SIGMA_CROSS ? ">" : "<"} 1`);
    }
  });

  it("the mixture's peak is the largest value of the density on a fine grid", () => {
    const f = computeFrame(0, base);
    let max = 0;
    for (let x = -4; x <= 4; x += 1e-4) max = Math.max(max, pdf(base, x));
    assertInDelta(f.peak, max, 1e-8);
  });

  it("the histogram approaches the curve as N grows and the bins narrow", () => {
    const error = (n: number, width: number) => {
      const s = {...base, n, width};
      const f = computeFrame(3, s);
      const bins = binsOf(f.samples, {domain: DOMAIN, bins: f.bins});
      let e = 0;
      for (let i = 0; i < f.bins; i++)
        e += Math.abs(bins.y[i]! - area(s, bins.x1[i]!, bins.x2[i]!, 40) / f.binWidth) * f.binWidth;
      // against the density itself at the bin centres: the binning bias shrinks with the width
      let bias = 0;
      for (let i = 0; i < f.bins; i++)
        bias += Math.abs(bins.y[i]! - pdf(s, (bins.x1[i]! + bins.x2[i]!) / 2)) * f.binWidth;
      return {e, bias};
    };
    const coarse = error(100, 1);
    const fine = error(20000, 0.1);
    expect(fine.e).toBeLessThan(coarse.e / 3);
    expect(fine.bias).toBeLessThan(coarse.bias / 3);
    expect(fine.bias).toBeLessThan(0.05);
  });

  it("the first N samples do not change when N grows (one seeded stream)", () => {
    const small = computeFrame(5, {...base, n: 100}).samples;
    const large = computeFrame(5, {...base, n: 1000}).samples;
    expect(Array.from(large.subarray(0, 100))).toEqual(Array.from(small));
  });

  it("renders the same SVG for the same state, printing the numbers it computed", () => {
    const f = density1d.snapshot!({seed: 0}, base);
    const svg = density1d.render(f, {seed: 0}, base);
    const [first, second] = readoutLines(f, base);
    expect(svg.textContent).toContain(first);
    expect(svg.textContent).toContain(second);
    expect(svg.querySelectorAll("[data-drag]")).toHaveLength(2);
    expect(density1d.describe!(f, {seed: 0}, base)).toContain(f.probability.toFixed(3));
    expectSvgSnapshot("density-1d", svg);
  });
});
