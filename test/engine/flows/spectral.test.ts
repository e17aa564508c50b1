import {describe, expect, it} from "vitest";
import {powerIteration, powerState, singularValue2, spectralNormalised} from "../../../engine/flows/spectral.ts";
import {parameter} from "../../../engine/autodiff/tensor.ts";
import {rng} from "../../../engine/random.ts";

describe("spectral normalisation", () => {
  it("power iteration matches the exact 2×2 largest singular value to 1e-10", () => {
    const r = rng(1);
    for (let k = 0; k < 20; k++) {
      const w = Float64Array.from({length: 4}, () => 2 * r.normal());
      const state = powerState(2, 2, r);
      const sigma = powerIteration(w, 2, 2, state, 200);
      expect(Math.abs(sigma - singularValue2(w[0]!, w[1]!, w[2]!, w[3]!))).toBeLessThan(1e-10);
    }
    // Closed-form sanity: diag(3, −1) has σ = 3; a rotation scaled by 2 has σ = 2.
    expect(singularValue2(3, 0, 0, -1)).toBeCloseTo(3, 14);
    expect(singularValue2(2 * Math.cos(1), -2 * Math.sin(1), 2 * Math.sin(1), 2 * Math.cos(1))).toBeCloseTo(2, 14);
  });

  it("soft rescaling gives ‖W̃‖₂ = c when σ > c and leaves a matrix below c alone", () => {
    const r = rng(2);
    const w = parameter([3, 1, -2, 0.5], 2, 2);
    const state = powerState(2, 2, r);
    powerIteration(w.data, 2, 2, state, 200);
    const t = spectralNormalised(w, state, 0.9).data;
    expect(singularValue2(t[0]!, t[1]!, t[2]!, t[3]!)).toBeCloseTo(0.9, 10);
    const small = parameter([0.1, 0, 0, 0.2], 2, 2);
    const s2 = powerState(2, 2, r);
    powerIteration(small.data, 2, 2, s2, 200);
    expect(spectralNormalised(small, s2, 0.9)).toBe(small);
  });
});
