import {describe, expect, it} from "vitest";
import {exponential} from "../../../engine/stats/exponential.ts";
import {assertInDelta} from "../../assert.ts";

describe("exponential", () => {
  it("quantile inverts the cdf, and the cdf is the integral of the pdf", () => {
    for (const rate of [0.5, 1, 3]) {
      const d = exponential(rate);
      for (const p of [1e-12, 0.01, 0.3, 0.5, 0.9, 0.999999]) assertInDelta(d.cdf(d.quantile(p)), p, 1e-14 + 1e-12 * p);
      // Midpoint rule of ∫₀ˣ pdf against cdf(x).
      const x = 2 / rate;
      const cells = 20000;
      let area = 0;
      for (let i = 0; i < cells; i++) area += (d.pdf(((i + 0.5) * x) / cells) * x) / cells;
      assertInDelta(area, d.cdf(x), 1e-8, `∫ pdf, rate ${rate}`);
    }
  });

  it("has mean 1/λ and variance 1/λ² (quadrature)", () => {
    const d = exponential(2);
    let m1 = 0;
    let m2 = 0;
    const h = 1e-4;
    for (let x = h / 2; x < 30; x += h) {
      m1 += x * d.pdf(x) * h;
      m2 += x * x * d.pdf(x) * h;
    }
    assertInDelta(m1, d.mean, 1e-6);
    assertInDelta(m2 - m1 * m1, d.variance, 1e-6);
  });

  it("is zero below 0 and refuses a bad rate or probability", () => {
    const d = exponential();
    expect(d.pdf(-1)).toBe(0);
    expect(d.cdf(-1)).toBe(0);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Infinity);
    expect(() => exponential(0)).toThrow(/invalid rate: 0/);
    expect(() => d.quantile(1.5)).toThrow(/invalid probability: 1.5/);
  });
});
