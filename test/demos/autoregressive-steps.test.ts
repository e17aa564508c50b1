import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {
  ALPHA1,
  alpha2,
  autoregressiveSteps,
  jacobianPattern,
  PROBE,
  stepLogDet,
  stepMap
} from "../../demos/autoregressive-steps.ts";

const options = defaults(autoregressiveSteps.options);

describe("autoregressive-steps", () => {
  it("its log-det is Σ α_i and equals log|det| of the finite-difference Jacobian of the two steps", () => {
    for (const z of [PROBE, [-1.5, 0.3], [0.2, -2.1]] as [number, number][]) {
      const h = 1e-6;
      const x = stepMap(z, 2);
      const d1 = stepMap([z[0] + h, z[1]], 2).map((v, i) => (v - x[i]!) / h);
      const d2 = stepMap([z[0], z[1] + h], 2).map((v, i) => (v - x[i]!) / h);
      expect(d2[0]).toBe(0); // ∂x₁/∂z₂ = 0: lower triangular
      const det = d1[0]! * d2[1]! - d2[0]! * d1[1]!;
      const {logDet} = stepLogDet(z);
      expect(logDet).toBeCloseTo(ALPHA1 + alpha2(x[0]), 14);
      expect(Math.log(Math.abs(det))).toBeCloseTo(logDet, 5);
    }
  });

  it("steps one coordinate at a time: k = 1 changes x₁ only", () => {
    expect(stepMap(PROBE, 0)).toEqual(PROBE);
    expect(stepMap(PROBE, 1)[1]).toBe(PROBE[1]);
    expect(stepMap(PROBE, 1)[0]).toBe(stepMap(PROBE, 2)[0]);
  });

  it("draws the coupling pattern as block triangular and the autoregressive one as triangular", () => {
    let coupling = 0;
    let triangular = 0;
    for (let i = 1; i <= 4; i++)
      for (let j = 1; j <= 4; j++) {
        coupling += +jacobianPattern("coupling", i, j);
        triangular += +jacobianPattern("autoregressive", i, j);
      }
    expect([coupling, triangular]).toEqual([8, 10]);
  });

  it("prints the probe's numbers in its readout at k = 2", () => {
    const frame = autoregressiveSteps.snapshot!(options, {k: 2});
    const element = autoregressiveSteps.render(frame, options, {k: 2});
    expect(element.querySelector(".readout")!.textContent).toContain(stepLogDet(PROBE).logDet.toFixed(3));
    expect(autoregressiveSteps.describe!(frame, options, {k: 2})).toContain("log|det J|");
  });
});
