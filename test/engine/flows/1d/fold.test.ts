import {describe, expect, it} from "vitest";
import {foldDensity, sineFold} from "../../../../engine/flows/1d/fold.ts";
import {normalCdf} from "../../../../engine/stats/normal.ts";

describe("sineFold", () => {
  it("folds exactly when |k|ω > 1: the smallest derivative crosses zero there", () => {
    for (const omega of [0.5, 1, 2.5]) {
      for (const s of [0.5, 0.999, 1, 1.001, 2]) {
        for (const sign of [1, -1]) {
          const m = sineFold((sign * s) / omega, omega);
          expect(m.folded, `kω = ${sign * s}`).toBe(s > 1);
          let min = Infinity;
          for (let i = 0; i <= 20000; i++)
            min = Math.min(min, m.derivative((-Math.PI + (2 * Math.PI * i) / 20000) / omega));
          expect(min, `kω = ${sign * s}`).toBeCloseTo(1 - s, 6);
          // Not folded: one preimage everywhere; folded (clearly, so that a 0.01 scan sees it): three somewhere.
          if (s === 1.001) continue;
          let most = 0;
          for (let x = -15; x <= 15; x += 0.01) most = Math.max(most, m.preimages(x).length);
          expect(most === 1, `kω = ${sign * s}`).toBe(s <= 1);
        }
      }
    }
  });

  it("finds every preimage: each maps back to x, and a dense scan of z finds no other", () => {
    const m = sineFold(1.2, 2);
    for (const x of [-2.3, -0.4, 0, 0.77, 1.9]) {
      const roots = m.preimages(x);
      for (const z of roots) expect(Math.abs(m.forward(z) - x)).toBeLessThan(1e-12);
      // Sign changes of f − x on a fine grid around x.
      let changes = 0;
      for (let z = x - 1.3; z < x + 1.3; z += 1e-4) if ((m.forward(z) - x) * (m.forward(z + 1e-4) - x) < 0) changes++;
      expect(roots.length, `x = ${x}`).toBe(changes);
    }
  });

  it("puts the fold points where f' = 0", () => {
    const m = sineFold(-0.8, 3);
    const points = m.foldPoints(-3, 3);
    expect(points.length).toBeGreaterThan(4);
    for (const z of points) expect(Math.abs(m.derivative(z))).toBeLessThan(1e-12);
    expect(sineFold(0.3, 3).foldPoints(-3, 3)).toEqual([]);
  });

  it("the sum over preimages integrates to 1, and to P(a ≤ X ≤ b) on an interval", () => {
    const m = sineFold(1, 2.2);
    // Midpoint rule (never on a caustic exactly); the 1/√ spikes cost O(√h).
    const h = 5e-5;
    let total = 0;
    let inside = 0;
    for (let x = -7 + h / 2; x < 7; x += h) {
      const p = foldDensity(m, x) * h;
      total += p;
      if (x >= -0.5 && x <= 1) inside += p;
    }
    expect(total).toBeCloseTo(1, 2);
    // P(−0.5 ≤ f(Z) ≤ 1) from the set of z that land there, by Φ on a fine grid of z.
    let exact = 0;
    const dz = 1e-5;
    for (let z = -4; z < 4; z += dz) {
      const x = m.forward(z + dz / 2);
      if (x >= -0.5 && x <= 1) exact += normalCdf(z + dz) - normalCdf(z);
    }
    expect(Math.abs(inside - exact)).toBeLessThan(3e-3);
  });

  it("refuses a non-positive frequency and a non-finite strength", () => {
    expect(() => sineFold(1, 0)).toThrow(/frequency ω/);
    expect(() => sineFold(NaN, 1)).toThrow(/strength k/);
  });
});
