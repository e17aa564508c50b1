import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {continuityCheck} from "../../../engine/fm/continuity.ts";
import {marginalField, type Mixture} from "../../../engine/fm/marginal.ts";
import {iCfmPath, lipmanPath} from "../../../engine/paths/cfm.ts";
import type {ProbabilityPath} from "../../../engine/paths/path.ts";
import {rng} from "../../../engine/random.ts";
import {assertInDelta} from "../../assert.ts";

const points: Mixture = {
  weights: new Float64Array([0.5, 0.3, 0.2]),
  means: new Float64Array([1.5, 1, -1.5, 0.8, 0.2, -1.6]),
  covs: new Float64Array(12)
};
const blobs = gaussianMixture({
  means: [
    [2, 0],
    [-1, 1.5]
  ],
  weights: [0.6, 0.4],
  covs: [[0.3, 0.1, 0.1, 0.2], 0.1]
});

describe("the continuity check", () => {
  const cases: [string, ProbabilityPath, Mixture, Mixture][] = [
    ["lipman, three weighted points", lipmanPath(0.05), points, points],
    ["lipman, a Gaussian mixture", lipmanPath(0.01), blobs, blobs],
    ["i-cfm, mixture to points", iCfmPath(0.3), blobs, points]
  ];
  for (const [name, path, source, target] of cases) {
    it(`finds ∂_t p_t = −∇·(p_t u_t) at random points and times: ${name}`, () => {
      const field = marginalField(path, source, target);
      const r = rng(7);
      for (let trial = 0; trial < 25; trial++) {
        const [x, y, t] = [5 * r.uniform() - 2.5, 5 * r.uniform() - 2.5, 0.05 + 0.9 * r.uniform()];
        const c = continuityCheck(field, x, y, t);
        const scale = Math.max(Math.abs(c.dpdt), Math.abs(c.negDivFlux), c.density);
        assertInDelta(c.residual, 0, 1e-6 * scale + 1e-9, `residual at (${x}, ${y}, ${t})`);
        expect(c.residual).toBeCloseTo(c.dpdt - c.negDivFlux, 14);
      }
    });
  }

  it("sees a wrong field: the score instead of the velocity leaves a residual", () => {
    const field = marginalField(lipmanPath(0.05), points, points);
    const wrong = {...field, velocity: field.score};
    const c = continuityCheck(wrong, 0.5, 0.2, 0.5);
    expect(Math.abs(c.residual)).toBeGreaterThan(1e-3);
  });

  it("refuses a step ≤ 0", () => {
    const field = marginalField(lipmanPath(0.05), points, points);
    expect(() => continuityCheck(field, 0, 0, 0.5, {ht: 0})).toThrow(/invalid step/);
  });
});
