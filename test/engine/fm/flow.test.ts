import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {flowPaths, normalisedPathEnergy, sampleFlow} from "../../../engine/fm/flow.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {gaussianOtField} from "../../../engine/fields/gaussian-ot.ts";
import {iCfmPath} from "../../../engine/paths/cfm.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

const normal = gaussianMixture({means: [[0, 0]]});
const n = 20000;
/** The energy of a linear flow is a quadratic form in x0; normalising E|x0|² = 2 exactly removes most MC error. */
const x0 = (() => {
  const z = rng(1).fillNormal(new Float64Array(2 * n)) as Float64Array;
  const scale = Math.sqrt((2 * n) / z.reduce((a, v) => a + v * v, 0));
  return z.map((v) => v * scale);
})();

describe("path energy and straightness", () => {
  it("the I-CFM marginal field N(0, I) → N(0, I) has energy d(2 − π/2) = 0.858 although W2 = 0", () => {
    const field = marginalField(iCfmPath(0), normal, normal);
    const r = flowPaths(field, x0, n, {solver: "rk4", steps: 64});
    assertInDelta(r.energy, 2 * (2 - Math.PI / 2), 2e-3, "energy");
    // The flow maps N(0, I) to itself along curved (radially contracting then expanding) paths: x1 = x0.
    assertAllClose(r.x1.subarray(0, 20), x0.subarray(0, 20), {atol: 1e-6});
    expect(r.displacement).toBeLessThan(1e-10);
    assertInDelta(r.straightness, r.energy, 1e-9);
    expect(normalisedPathEnergy(r.energy, 0)).toBeNaN();
  });

  it("the OT field with the true plan has energy W2² = 6.25 and straight paths (NPE ≈ 0)", () => {
    // W2²(N(0, I), N((2, −1), diag(0.25, 4))) = 5 + (1 − 0.5)² + (1 − 2)² = 6.25 (engine-reference (d)2).
    const field = gaussianOtField({mu1: [2, -1], cov1: [0.25, 0, 0, 4]});
    for (const solver of ["rk4", "dopri5"] as const) {
      const r = flowPaths(field, x0, n, {solver, steps: 32});
      assertInDelta(r.energy, 6.25, 0.02, `${solver} energy`);
      assertInDelta(r.straightness, 0, 1e-3, `${solver} straightness`);
      expect(normalisedPathEnergy(r.energy, 6.25)).toBeLessThan(4e-3);
    }
  });

  it("sampleFlow returns the solver's end points and NFE (rk4: 4 per step)", () => {
    const field = gaussianOtField({mu1: [1, 1], cov1: [1, 0, 0, 1]});
    const r = sampleFlow(field, x0, 10, {solver: "rk4", steps: 5});
    expect(r.nfe).toBe(20);
    assertAllClose(
      r.x1,
      x0.subarray(0, 20).map((v) => v + 1),
      {rtol: 1e-12, atol: 1e-12}
    );
  });
});
