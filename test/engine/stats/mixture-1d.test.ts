import {describe, expect, it} from "vitest";
import {mixture1d} from "../../../engine/stats/mixture-1d.ts";
import {rng} from "../../../engine/random.ts";

const p = mixture1d({weights: [0.3, 0.7], means: [-2, 1.5], sds: [0.5, 1.2]});

describe("1D Gaussian mixtures", () => {
  it("the density integrates to 1, is the CDF's derivative, and logPdf is its log", () => {
    let area = 0;
    const h = 1e-3;
    for (let x = -12; x < 12; x += h) area += p.pdf(x + h / 2) * h;
    expect(area).toBeCloseTo(1, 8);
    for (const x of [-2.5, 0, 0.8, 3]) {
      expect((p.cdf(x + 1e-5) - p.cdf(x - 1e-5)) / 2e-5).toBeCloseTo(p.pdf(x), 8);
      expect(p.logPdf(x)).toBeCloseTo(Math.log(p.pdf(x)), 12);
    }
    expect(p.logPdf(60)).toBeLessThan(-1000);
  });

  it("the quantile inverts the CDF, and the moments match samples within 4 standard errors", () => {
    for (const q of [1e-6, 0.05, 0.3, 0.5, 0.9, 0.999999]) expect(p.cdf(p.quantile(q))).toBeCloseTo(q, 11);
    expect(p.mean).toBeCloseTo(0.3 * -2 + 0.7 * 1.5, 14);
    const n = 40_000;
    const xs = p.sample(n, rng(3));
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m - p.mean)).toBeLessThan(4 * Math.sqrt(p.variance / n));
    expect(Math.abs(v / p.variance - 1)).toBeLessThan(0.03);
  });

  it("refuses bad parameters with the parameter's name", () => {
    expect(() => mixture1d({means: [0], sds: [0]})).toThrow(/invalid sd: 0/);
    expect(() => mixture1d({means: [0, 1], sds: [1]})).toThrow(/invalid sds/);
    expect(() => mixture1d({means: [0], sds: [1], weights: [-1]})).toThrow(/invalid weight: -1/);
    expect(() => mixture1d({means: [], sds: []})).toThrow(/no components/);
  });
});
