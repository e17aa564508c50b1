import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../../engine/autodiff/tensor.ts";
import type {ActNorm} from "../../../engine/flows/actnorm.ts";
import {affineLayer} from "../../../engine/flows/affine.ts";
import {affineCoupling} from "../../../engine/flows/coupling.ts";
import {flow} from "../../../engine/flows/flow.ts";
import {densityGrid, gridMass} from "../../../engine/flows/grid.ts";
import {flowKinds, flowPreset} from "../../../engine/flows/presets.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";
import {perturb, points} from "./bijector-check.ts";

/** log N(x; b, Σ) for a 2×2 covariance [[a, c], [c, d]]. */
function gaussianLogPdf(x0: number, x1: number, b: number[], a: number, c: number, d: number): number {
  const det = a * d - c * c;
  const u = x0 - b[0]!;
  const v = x1 - b[1]!;
  return -0.5 * ((d * u * u - 2 * c * u * v + a * v * v) / det) - Math.log(2 * Math.PI) - 0.5 * Math.log(det);
}

describe("flows as compositions", () => {
  it("an affine flow's log-density equals log N(x; b, L Lᵀ), and two stacked layers compose", () => {
    const [l00, l10, l11] = [1.3, -0.6, 0.45];
    const f = flow([affineLayer({lower: [l00, l10, l11], shift: [0.5, -1]})]);
    const x = points(30, 1, 2);
    const lp = f.logDensity(new Float64Array(30), x, 30);
    const expected = Array.from({length: 30}, (_, i) =>
      gaussianLogPdf(x[2 * i]!, x[2 * i + 1]!, [0.5, -1], l00 * l00, l00 * l10, l10 * l10 + l11 * l11)
    );
    assertAllClose(lp, expected, {rtol: 1e-12, atol: 1e-12});
    // The identity, then x = 2z + (1, 1): together N((1, 1), 4I).
    const g = flow([affineLayer({lower: [1, 0, 1]}), affineLayer({lower: [2, 0, 2], shift: [1, 1]})]);
    const lp2 = g.logDensity(new Float64Array(30), x, 30);
    assertAllClose(
      lp2,
      Array.from({length: 30}, (_, i) => gaussianLogPdf(x[2 * i]!, x[2 * i + 1]!, [1, 1], 4, 0, 4)),
      {
        rtol: 1e-12
      }
    );
  });

  it("RealNVP with constant s and t (zero output weights, so ŝ and t are the output bias) reduces to the affine closed form", () => {
    const layer = affineCoupling({keep: 0, width: 4, scaleMax: 2});
    const params = layer.parameters();
    params[params.length - 1]!.data.set([0.4, 1.5]); // output bias: ŝ = 0.4, t = 1.5
    const s = 2 * Math.tanh(0.4 / 2);
    const f = flow([layer]);
    const x = points(10, 2);
    const lp = f.logDensity(new Float64Array(10), x, 10);
    const e = Math.exp(s);
    const expected = Array.from({length: 10}, (_, i) =>
      gaussianLogPdf(x[2 * i]!, x[2 * i + 1]!, [0, 1.5], 1, 0, e * e)
    );
    assertAllClose(lp, expected, {rtol: 1e-12, atol: 1e-12});
  });

  it("an affine flow's samples have the closed-form mean and covariance", () => {
    const f = flow([affineLayer({lower: [2, 1, 0.5], shift: [3, -1]})]);
    const n = 20000;
    const x = f.sample(n, rng(3));
    let [m0, m1, c00, c01, c11] = [0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) [m0, m1] = [m0 + x[2 * i]! / n, m1 + x[2 * i + 1]! / n];
    for (let i = 0; i < n; i++) {
      const [u, v] = [x[2 * i]! - m0, x[2 * i + 1]! - m1];
      [c00, c01, c11] = [c00 + (u * u) / n, c01 + (u * v) / n, c11 + (v * v) / n];
    }
    // Σ = L Lᵀ = [[4, 2], [2, 1.25]]; tolerances are ~5 standard errors at n = 20000.
    expect(m0).toBeCloseTo(3, 1);
    expect(m1).toBeCloseTo(-1, 1);
    expect(Math.abs(c00 - 4)).toBeLessThan(0.2);
    expect(Math.abs(c01 - 2)).toBeLessThan(0.1);
    expect(Math.abs(c11 - 1.25)).toBeLessThan(0.07);
  });

  it("sampleWithLogProb's log q(x) equals logProb of the same x through the normalizing pass", () => {
    const f = flowPreset("realnvp", {layers: 4, width: 8, seed: 1});
    perturb(f, 2, 0.4);
    (f.layers[f.layers.length - 1] as ActNorm).initialized = true;
    noGrad(() => {
      const {x, logProb} = f.sampleWithLogProb(tensor(points(20, 3), 20, 2));
      assertAllClose(f.logProb(x).data, logProb.data, {atol: 1e-10, rtol: 0});
    });
  });

  it("the density of every preset flow kind integrates to 1 on a grid", {timeout: 30_000}, () => {
    for (const kind of flowKinds) {
      const f = flowPreset(kind, {layers: 4, width: 8, seed: 3});
      perturb(f, 4, kind === "planar" ? 0.8 : 0.3);
      for (const layer of f.layers) {
        if (layer.name === "actnorm") (layer as ActNorm).initialized = true;
        const base = (layer as {base?: {u?: {refresh(): void}}}).base;
        base?.u?.refresh();
      }
      // The perturbed autoregressive flows put ~1% of their mass beyond ±9, hence the wide window (cells 0.1 wide).
      const g = densityGrid(f, [-14, 14, -14, 14], 280);
      expect(Math.abs(gridMass(g) - 1), kind).toBeLessThan(1e-3);
    }
  });
});
