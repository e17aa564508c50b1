import {describe, expect, it} from "vitest";
import {erf, erfc, normalCdf, normalPdf, normalQuantile} from "../../../engine/stats/normal.ts";

describe("the standard normal", () => {
  it("erf and erfc match tabulated values to about 1e-15 relative, in both tails", () => {
    const table: [number, number][] = [
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [2.4, 0.999311486103355]
    ];
    for (const [x, v] of table) {
      expect(erf(x)).toBeCloseTo(v, 15);
      expect(erf(-x)).toBeCloseTo(-v, 15);
    }
    const tails: [number, number][] = [
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
      [6, 2.1519736712498913e-17]
    ];
    for (const [x, v] of tails) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1e-13);
    expect(erf(1e-10) / 1e-10).toBeCloseTo(2 / Math.sqrt(Math.PI), 14);
  });

  it("Φ is the integral of φ and its quantile inverts it", () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(0)).toBe(0.5);
    // Simpson's rule of φ from −8 to x against Φ(x).
    for (const x of [-3, -0.7, 0.4, 2.2]) {
      const n = 2000;
      const h = (x + 8) / n;
      let s = normalPdf(-8) + normalPdf(x);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * normalPdf(-8 + i * h);
      expect(normalCdf(x)).toBeCloseTo((s * h) / 3, 11);
    }
    for (const p of [1e-12, 1e-5, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9]) {
      const x = normalQuantile(p);
      expect(Math.abs(normalCdf(x) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-10);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/invalid probability: 1.5/);
  });
});
