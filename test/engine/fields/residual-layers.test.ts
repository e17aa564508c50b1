import {describe, expect, it} from "vitest";
import {fieldPreset} from "../../../engine/fields/presets.ts";
import {divergenceIntegral, jacobianAt, residualLayers} from "../../../engine/fields/residual-layers.ts";

/** log ∂x₁/∂x₀ of the two-well flow over one unit of time, from its closed form (presets.ts), minus 1 for y. */
function twoWellLogDet(k: number, x0: number): number {
  const decay = Math.exp(-8 * k);
  const w = 1 - (1 - 1 / (x0 * x0)) * decay;
  const x1 = Math.sign(x0) / Math.sqrt(w);
  return Math.log(decay * (x1 / x0) ** 3) - 1;
}

describe("residualLayers", () => {
  const field = fieldPreset("two-well", {strength: 0.5});

  it("each layer is an Euler step and its log-det is log|det(I + δJ)| of the exact Jacobian", () => {
    const r = residualLayers(field, [0.4, 1], 1);
    const J = jacobianAt(field, Float64Array.of(0.4, 1), 0);
    expect(J[0]).toBeCloseTo(-4 * 0.5 * (3 * 0.16 - 1), 12);
    expect(J[1]).toBe(0);
    expect(r.logDet).toBeCloseTo(Math.log(Math.abs((1 + J[0]) * (1 + J[3]))), 12);
    expect(r.traceSum).toBeCloseTo(J[0] + J[3], 12);
    expect(r.points[2]).toBeCloseTo(0.4 - 2 * 0.4 * (0.16 - 1), 12);
    expect(r.points[3]).toBeCloseTo(0, 12);
    expect(r.minDet).toBeCloseTo(0, 12); // I + J has a zero in its y entry: the layer folds the plane flat
  });

  it("as K doubles, the log-det sum and the trace sum both tend to the exact ∫ tr J dt, their gap halving (O(δ))", () => {
    const exact = twoWellLogDet(0.5, 0.4);
    const gaps = [16, 32, 64, 128, 256].map((K) => {
      const r = residualLayers(field, [0.4, 1], K);
      return {K, gap: r.logDet - r.traceSum, error: Math.abs(r.logDet - exact)};
    });
    for (let i = 1; i < gaps.length; i++) {
      expect(gaps[i]!.gap / gaps[i - 1]!.gap).toBeGreaterThan(0.4);
      expect(gaps[i]!.gap / gaps[i - 1]!.gap).toBeLessThan(0.6);
      expect(gaps[i]!.error).toBeLessThan(gaps[i - 1]!.error);
    }
    expect(gaps.at(-1)!.error).toBeLessThan(0.05);
  });

  it("refuses K < 1", () => {
    expect(() => residualLayers(field, [0, 0], 0)).toThrow(/invalid K: 0/);
  });
});

describe("divergenceIntegral", () => {
  it("equals the closed-form log det of the two-well flow map, by RK4 and by Dopri5", () => {
    const field = fieldPreset("two-well", {strength: 0.5});
    const exact = twoWellLogDet(0.5, 0.4);
    const rk4 = divergenceIntegral(field, [0.4, 1], {steps: 400});
    const adaptive = divergenceIntegral(field, [0.4, 1], {tol: 1e-8});
    expect(rk4.integral).toBeCloseTo(exact, 7);
    expect(adaptive.integral).toBeCloseTo(exact, 6);
    const end = new Float64Array(2);
    field.flowMap!(end, Float64Array.of(0.4, 1), 1, 0, 1);
    expect(adaptive.end[0]).toBeCloseTo(end[0]!, 6);
    expect(adaptive.points.length).toBe(2 * adaptive.times.length);
    expect(adaptive.nfe).toBeGreaterThan(6);
  });

  it("is tr A for a linear field (the spiral: −k)", () => {
    const r = divergenceIntegral(fieldPreset("spiral", {strength: 2}), [1, 1], {tol: 1e-9});
    expect(r.integral).toBeCloseTo(-2, 8);
  });
});
