import {describe, expect, it} from "vitest";
import {affine1d, cubic1d, logistic1d, sinh1d} from "../../../../engine/flows/1d/elementary.ts";
import {
  linspace,
  pushCurve,
  pushLogDensity,
  pushSamples,
  standardNormalLogPdf
} from "../../../../engine/flows/1d/map.ts";
import type {Map1D} from "../../../../engine/flows/1d/map.ts";
import {rqSpline} from "../../../../engine/flows/1d/spline.ts";
import {rng} from "../../../../engine/random.ts";

const maps: Map1D[] = [affine1d(2.5, -1), sinh1d(), cubic1d(0.7), logistic1d()];

/** log f'(z) by central differences (h = 1e-5). */
const fdLogDerivative = (m: Map1D, z: number) => Math.log((m.forward(z + 1e-5) - m.forward(z - 1e-5)) / 2e-5);

describe("1D monotone maps", () => {
  it("each map inverts exactly and its log-derivative matches finite differences", () => {
    const zs = linspace(-3, 3, 41);
    for (const m of maps) {
      for (const z of zs) {
        expect(m.inverse(m.forward(z)), `${m.name} at ${z}`).toBeCloseTo(z, 9);
        expect(Math.abs(m.logDerivative(z) - fdLogDerivative(m, z)), `${m.name} at ${z}`).toBeLessThan(1e-8);
      }
    }
    // Cardano branch far out, where q ± r cancel: x = 1e6 under z + 2z³.
    const c = cubic1d(2);
    expect(c.forward(c.inverse(1e6))).toBeCloseTo(1e6, 6);
  });

  it("push-forward densities match the slides' closed forms: N(b, a²) for affine, N(asinh x)/√(1+x²) for sinh", () => {
    const xs = linspace(-4, 4, 17);
    const out = new Float64Array(xs.length);
    pushLogDensity(affine1d(2.5, -1), out, xs);
    xs.forEach((x, i) => expect(out[i]).toBeCloseTo(standardNormalLogPdf((x + 1) / 2.5) - Math.log(2.5), 12));
    pushLogDensity(sinh1d(), out, xs);
    xs.forEach((x, i) => expect(out[i]).toBeCloseTo(standardNormalLogPdf(Math.asinh(x)) - 0.5 * Math.log1p(x * x), 12));
    const off = pushLogDensity(logistic1d(), new Float64Array(4), Float64Array.from([-0.5, 0, 1, 2]));
    expect(Array.from(off)).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
  });

  it("every push-forward density integrates to 1 (trapezoid on a fine grid over the image)", () => {
    const cases: [Map1D, number, number][] = [
      [affine1d(2.5, -1), -15, 13],
      [sinh1d(), -200, 200],
      [cubic1d(0.7), -80, 80],
      [logistic1d(), 1e-9, 1 - 1e-9],
      [rqSpline({widths: [1, -1, 0.5, 0], heights: [0, 2, -1, 0.3], derivatives: [0.2, -1, 2]}), -9, 9]
    ];
    for (const [m, lo, hi] of cases) {
      const xs = linspace(lo, hi, 400001);
      const lp = pushLogDensity(m, new Float64Array(xs.length), xs);
      let s = 0;
      for (let i = 1; i < xs.length; i++) s += 0.5 * (Math.exp(lp[i]!) + Math.exp(lp[i - 1]!)) * (xs[i]! - xs[i - 1]!);
      expect(s, m.name).toBeCloseTo(1, 4);
    }
  });

  it("pushSamples moves samples and pushCurve moves a density curve consistently with pushLogDensity", () => {
    const m = cubic1d(0.5);
    const z = rng(1).fillNormal(new Float64Array(100)) as Float64Array;
    const x = pushSamples(m, new Float64Array(100), z);
    x.forEach((v, i) => expect(v).toBe(m.forward(z[i]!)));
    const grid = linspace(-2, 2, 9);
    const base = grid.map((v) => Math.exp(standardNormalLogPdf(v)));
    const curve = pushCurve(m, grid, base);
    const lp = pushLogDensity(m, new Float64Array(9), curve.x);
    curve.density.forEach((d, i) => expect(Math.log(d)).toBeCloseTo(lp[i]!, 10));
    expect(() => affine1d(-1)).toThrow(/invalid slope/);
    expect(() => cubic1d(-0.1)).toThrow(/invalid cubic strength/);
  });
});
