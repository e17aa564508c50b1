import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {marginalField, type Mixture} from "../../../engine/fm/marginal.ts";
import {posteriorWeights} from "../../../engine/fm/posterior.ts";
import {iCfmPath, lipmanPath} from "../../../engine/paths/cfm.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

/** Four weighted data points as a mixture of point masses. */
const points: Mixture = {
  weights: new Float64Array([0.4, 0.3, 0.2, 0.1]),
  means: new Float64Array([1.5, 1, -1.5, 1.2, 0, -1.8, 2, -1]),
  covs: new Float64Array(16)
};

describe("posterior weights", () => {
  it("are the Bayes weights w_k N(x; t m_k, σ_t² I) / p_t(x), computed by hand", () => {
    const path = lipmanPath(0.05);
    const [x, y, t] = [0.3, -0.4, 0.6];
    const s = 1 - 0.95 * t;
    const joint = [0, 1, 2, 3].map((k) => {
      const d2 = (x - t * points.means[2 * k]!) ** 2 + (y - t * points.means[2 * k + 1]!) ** 2;
      return (points.weights[k]! * Math.exp(-d2 / (2 * s * s))) / (2 * Math.PI * s * s);
    });
    const total = joint.reduce((a, b) => a + b);
    assertAllClose(
      posteriorWeights(path, points, x, y, t),
      joint.map((j) => j / total),
      {rtol: 1e-12}
    );
    // The evidence p_t(x) is the marginal density of the closed form.
    const log = new Float64Array(1);
    marginalField(path, points, points).logDensity(log, new Float64Array([x, y]), 1, t);
    assertInDelta(Math.exp(log[0]!), total, 1e-14, "p_t(x)");
  });

  it("average the conditional arrows into the closed-form marginal field (the marginalization trick)", () => {
    const path = lipmanPath(0.1);
    const field = marginalField(path, points, points);
    const r = rng(4);
    for (let trial = 0; trial < 20; trial++) {
      const [x, y, t] = [4 * r.uniform() - 2, 4 * r.uniform() - 2, 0.95 * r.uniform()];
      const g = posteriorWeights(path, points, x, y, t);
      let [ux, uy] = [0, 0];
      const cond = new Float64Array(2);
      for (let k = 0; k < 4; k++) {
        path.velocity(
          cond,
          new Float64Array(2),
          points.means.subarray(2 * k, 2 * k + 2),
          new Float64Array([t]),
          new Float64Array([x, y]),
          1
        );
        ux += g[k]! * cond[0]!;
        uy += g[k]! * cond[1]!;
      }
      const u = new Float64Array(2);
      field.velocity(u, new Float64Array([x, y]), 1, t);
      assertAllClose(u, [ux, uy], {rtol: 1e-10, atol: 1e-12});
    }
  });

  it("sum to one for Gaussian components, and follow the component covariances", () => {
    const mix = gaussianMixture({
      means: [
        [1, 0],
        [-1, 0]
      ],
      weights: [0.5, 0.5],
      covs: [0.5, 0.01]
    });
    const g = posteriorWeights(lipmanPath(0.01), mix, 2.5, 0, 0.99);
    assertInDelta(g[0]! + g[1]!, 1, 1e-14, "total");
    // Far on the right, the broad component explains the point, not the narrow one.
    expect(g[0]!).toBeGreaterThan(0.999);
  });

  it("refuse a two-sided path, naming it", () => {
    expect(() => posteriorWeights(iCfmPath(0.1), points, 0, 0, 0.5)).toThrow(/invalid path: i-cfm/);
  });
});
