import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../../engine/autodiff/tensor.ts";
import {iafLayer, mafLayer} from "../../../engine/flows/autoregressive.ts";
import {made} from "../../../engine/flows/made.ts";
import {assertAllClose} from "../../assert.ts";
import {checkBijector, perturb, points} from "./bijector-check.ts";

describe("MADE, MAF and IAF", () => {
  it("MADE output block i depends only on x_{<i}: the first block is constant, the second ignores x₁", () => {
    const net = made({width: 16, seed: 3});
    perturb(net, 1);
    const x = points(10, 2);
    const y = noGrad(() => net.forward(tensor(x.slice(), 10, 2)).data);
    const moved = x.map((v, i) => (i % 2 === 1 ? v + 5 : v)); // change x₁ only
    const y1 = noGrad(() => net.forward(tensor(moved, 10, 2)).data);
    assertAllClose(y1, y, {rtol: 0, atol: 0});
    const moved0 = x.map((v, i) => (i % 2 === 0 ? v + 5 : v)); // change x₀: only μ₁, α̂₁ (columns 1 and 3) move
    const y0 = noGrad(() => net.forward(tensor(moved0, 10, 2)).data);
    for (let i = 0; i < 10; i++) {
      expect(y0[4 * i]).toBe(y[4 * i]);
      expect(y0[4 * i + 2]).toBe(y[4 * i + 2]);
      expect(y0[4 * i + 1]).not.toBe(y[4 * i + 1]);
      expect(y0[4 * i + 3]).not.toBe(y[4 * i + 3]);
    }
  });

  it("MAF and IAF satisfy the protocol (round trip, log-det symmetry and finite-difference log-det)", () => {
    for (const make of [mafLayer, iafLayer]) {
      const layer = make({width: 16, seed: 4});
      perturb(layer, 5, 0.5);
      checkBijector(layer, points(20, 6));
    }
  });

  it("MAF density evaluation is one parallel pass and sampling is sequential (d = 2 passes); IAF the reverse", () => {
    const n = 7;
    const z = () => tensor(points(n, 1), n, 2);
    const maf = mafLayer({width: 8});
    const iaf = iafLayer({width: 8});
    const passes = (layer: typeof maf, run: () => void) => {
      const before = layer.conditioner.passes;
      run();
      return layer.conditioner.passes - before;
    };
    expect(passes(maf, () => maf.inverse(z()))).toBe(1);
    expect(passes(maf, () => maf.forward(z()))).toBe(2);
    expect(passes(iaf, () => iaf.forward(z()))).toBe(1);
    expect(passes(iaf, () => iaf.inverse(z()))).toBe(2);
  });

  it("MAF conditions on data and IAF on noise: the same MADE gives different maps with the τ / τ⁻¹ roles swapped", () => {
    const maf = mafLayer({width: 8, seed: 9});
    const iaf = iafLayer({width: 8, seed: 9});
    perturb(maf, 2, 0.5);
    perturb(iaf, 2, 0.5);
    const z = points(5, 3);
    noGrad(() => {
      const xm = maf.forward(tensor(z.slice(), 5, 2)).x.data;
      const xi = iaf.forward(tensor(z.slice(), 5, 2)).x.data;
      // First coordinates agree (μ₁, α₁ are constants); second ones differ (conditioned on x₀ vs z₀).
      for (let i = 0; i < 5; i++) {
        expect(xm[2 * i]).toBeCloseTo(xi[2 * i]!, 14);
        expect(Math.abs(xm[2 * i + 1]! - xi[2 * i + 1]!)).toBeGreaterThan(1e-6);
      }
      // IAF's x₁ is τ(z₁; μ₁(z₀), α₁(z₀)) read off one conditioner pass on z (α = s_max tanh(α̂/s_max), s_max 2).
      const out = iaf.conditioner.forward(tensor(z.slice(), 5, 2)).data;
      const mu1 = out[1]!;
      const alpha1 = 2 * Math.tanh(out[3]! / 2);
      expect(xi[1]).toBeCloseTo(mu1 + Math.exp(alpha1) * z[1]!, 12);
    });
  });
});
