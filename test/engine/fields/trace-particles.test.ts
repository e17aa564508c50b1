import {describe, expect, it} from "vitest";
import {expressionField} from "../../../engine/fields/expression.ts";
import {fieldPreset} from "../../../engine/fields/presets.ts";
import {traceParticles} from "../../../engine/fields/trace-particles.ts";

describe("traceParticles", () => {
  const starts = new Float64Array([1, 0, -2, 0.5, 0.3, -2.5]);

  it("matches the exact flow map e^{tA} of linear presets within RK4's error, which falls like h⁴", () => {
    for (const name of ["rotation", "spiral", "saddle", "shear"] as const) {
      const field = fieldPreset(name, {strength: 2});
      const errors = [0.1, 0.05].map((dt) => {
        const run = traceParticles(field, starts, 3, {dt});
        let worst = 0;
        const exact = new Float64Array(6);
        for (const k of [run.steps >> 1, run.steps]) {
          field.flowMap!(exact, starts, 3, 0, k * run.h);
          for (let i = 0; i < 6; i++) worst = Math.max(worst, Math.abs(run.paths[6 * k + i]! - exact[i]!));
        }
        return worst;
      });
      expect(errors[0]).toBeLessThan(2e-3);
      // Halving the step divides a fourth-order method's error by about 16 (the shear's polynomial flow is exact).
      if (name === "shear") {
        expect(errors[0]).toBeLessThan(1e-12);
        continue;
      }
      expect(errors[0]! / errors[1]!).toBeGreaterThan(12);
      expect(errors[0]! / errors[1]!).toBeLessThan(20);
    }
  });

  it("ends on t1 with whole steps and starts every path at its start", () => {
    const run = traceParticles(fieldPreset("sink"), starts, 3, {dt: 0.3});
    expect(run.steps).toBe(3);
    expect(run.h).toBeCloseTo(1 / 3, 15);
    expect(Array.from(run.paths.subarray(0, 6))).toEqual(Array.from(starts));
    expect(Array.from(run.stoppedAt)).toEqual([Infinity, Infinity, Infinity]);
  });

  it("stops a particle of u = (x², 0) when it escapes, near the blow-up time 1/x₀, and lets the others run", () => {
    // x(t) = x₀ / (1 − x₀ t): from x₀ = 2 it reaches infinity at t = 1/2; from x₀ = −1 it never does.
    const run = traceParticles(expressionField("x^2", "0"), new Float64Array([2, 0.5, -1, 1]), 2, {dt: 0.01});
    expect(run.stoppedAt[0]).toBeGreaterThan(0.5);
    expect(run.stoppedAt[0]).toBeLessThan(0.55);
    expect(run.stoppedAt[1]).toBe(Infinity);
    expect(run.paths[2 * run.steps * 2 + 2]).toBeCloseTo(-1 / (1 + 1), 8);
    // The stopped particle stays where it stopped, far away and finite.
    const last = run.paths[2 * run.steps * 2]!;
    expect(Number.isFinite(last) && last > 1e6).toBe(true);
  });

  it("refuses a bad step or span", () => {
    const field = fieldPreset("sink");
    expect(() => traceParticles(field, starts, 3, {dt: 0})).toThrow("invalid dt: 0");
    expect(() => traceParticles(field, starts, 3, {dt: 0.1, t0: 1, t1: 1})).toThrow("invalid time span");
  });
});
