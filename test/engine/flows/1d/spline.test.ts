import {describe, expect, it} from "vitest";
import {linspace} from "../../../../engine/flows/1d/map.ts";
import {rqSpline} from "../../../../engine/flows/1d/spline.ts";
import {rng} from "../../../../engine/random.ts";

describe("rational-quadratic spline", () => {
  it("is the identity at its default parameters (inside and outside the bound)", () => {
    const s = rqSpline({bins: 6, bound: 2});
    for (const z of linspace(-4, 4, 81)) {
      expect(s.forward(z)).toBeCloseTo(z, 12);
      expect(s.logDerivative(z)).toBeCloseTo(0, 12);
    }
  });

  it("is linear (the identity) outside its bound and stays C¹ at the bound", () => {
    const r = rng(3);
    const p = () => Float64Array.from({length: 8}, () => 2 * r.normal());
    const s = rqSpline({bins: 8, bound: 3, widths: p(), heights: p(), derivatives: p().subarray(0, 7)});
    for (const z of [-10, -3.0001, 3.0001, 7.5]) {
      expect(s.forward(z)).toBe(z);
      expect(s.logDerivative(z)).toBe(0);
    }
    expect(s.forward(3)).toBeCloseTo(3, 12);
    expect(s.forward(-3)).toBeCloseTo(-3, 12);
    // Derivative 1 at both ends: log f' → 0 as z → ±B from inside (narrow end bins make the approach steep).
    expect(Math.abs(s.logDerivative(3 - 1e-10))).toBeLessThan(1e-6);
    expect(Math.abs(s.logDerivative(-3 + 1e-10))).toBeLessThan(1e-6);
  });

  it("random splines are strictly increasing, invert to 1e-10 and have the finite-difference log-derivative", () => {
    const r = rng(4);
    for (let trial = 0; trial < 5; trial++) {
      const p = (k: number) => Float64Array.from({length: k}, () => 1.5 * r.normal());
      const s = rqSpline({bins: 5, bound: 2.5, widths: p(5), heights: p(5), derivatives: p(4)});
      let prev = -Infinity;
      for (const z of linspace(-2.49, 2.49, 301)) {
        const x = s.forward(z);
        expect(x).toBeGreaterThan(prev);
        prev = x;
        expect(Math.abs(s.inverse(x) - z)).toBeLessThan(1e-10);
        const fd = Math.log((s.forward(z + 1e-6) - s.forward(z - 1e-6)) / 2e-6);
        expect(Math.abs(fd - s.logDerivative(z))).toBeLessThan(1e-6);
      }
    }
    expect(() => rqSpline({bins: 3, widths: [0, 0]})).toThrow(/shape mismatch/);
  });
});
