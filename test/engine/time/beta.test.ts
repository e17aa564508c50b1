import {describe, expect, it} from "vitest";
import {rng} from "../../../engine/random.ts";
import {betaTime, gammaDraw, logGamma, pi0Time} from "../../../engine/time/beta.ts";
import {assertInDelta} from "../../assert.ts";

const n = 40000;

/** ∫ density over [0, 1] by the midpoint rule on m cells. */
function integral(density: (t: number) => number, m = 20000, moment = 0): number {
  let sum = 0;
  for (let c = 0; c < m; c++) {
    const t = (c + 0.5) / m;
    sum += density(t) * t ** moment;
  }
  return sum / m;
}

const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;

describe("beta times", () => {
  it("logGamma matches known values: Γ(1) = Γ(2) = 1, Γ(1/2) = √π, Γ(5) = 24, Γ(2.5) = 3√π/4", () => {
    assertInDelta(logGamma(1), 0, 1e-13);
    assertInDelta(logGamma(2), 0, 1e-13);
    assertInDelta(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13);
    assertInDelta(logGamma(5), Math.log(24), 1e-12);
    assertInDelta(logGamma(2.5), Math.log((3 * Math.sqrt(Math.PI)) / 4), 1e-12);
  });

  it("gamma draws have mean and variance equal to the shape (shapes 0.5, 1.5, 4)", () => {
    for (const k of [0.5, 1.5, 4]) {
      const r = rng(11);
      const x = Float64Array.from({length: n}, () => gammaDraw(k, r));
      const m = mean(x);
      const v = x.reduce((s, y) => s + (y - m) ** 2, 0) / n;
      assertInDelta(m, k, 4 * Math.sqrt(k / n), `mean of Gamma(${k})`);
      assertInDelta(v, k, 0.05 * k + 0.02, `variance of Gamma(${k})`);
    }
  });

  it("Beta(a, b): the density integrates to 1 and the sample mean is a / (a + b)", () => {
    for (const [a, b] of [
      [1.5, 1],
      [1, 3],
      [2, 5],
      [0.7, 0.9]
    ] as const) {
      const s = betaTime({a, b});
      assertInDelta(integral(s.density!), 1, a < 1 || b < 1 ? 2e-2 : 1e-6, `∫ density of Beta(${a}, ${b})`);
      const x = s.sample(new Float64Array(n), n, rng(3));
      const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)) / n);
      assertInDelta(mean(x), a / (a + b), 4 * sd, `mean of Beta(${a}, ${b})`);
    }
  });

  it("π0's times: t = 1 − (0.001 + 0.999·Beta(1.5, 1)), mean 1 − (0.001 + 0.999·0.6), all in [0, 0.999]", () => {
    const s = pi0Time();
    const x = s.sample(new Float64Array(n), n, rng(5));
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(0.999);
    const exact = 1 - (0.001 + 0.999 * 0.6);
    assertInDelta(mean(x), exact, 4 * Math.sqrt(0.04 / n));
    assertInDelta(integral(s.density!), 1, 1e-4, "∫ density");
    assertInDelta(integral(s.density!, 20000, 1), exact, 1e-4, "∫ t density");
    // More mass near t = 0 (noise): the density falls from 1.5/0.999 at t = 0 to 0 at t = 0.999.
    assertInDelta(s.density!(1e-9), 1.5 / 0.999, 1e-3);
    expect(s.density!(0.9995)).toBe(0);
  });

  it("rejects bad shapes and floors with a message naming them", () => {
    expect(() => betaTime({a: 0})).toThrow(/invalid a: 0/);
    expect(() => betaTime({b: -1})).toThrow(/invalid b: -1/);
    expect(() => betaTime({floor: 1})).toThrow(/invalid floor: 1/);
  });
});
