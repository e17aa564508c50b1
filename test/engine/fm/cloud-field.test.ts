import {describe, it} from "vitest";
import {standardNormal} from "../../../engine/data/registry.ts";
import {cloudField} from "../../../engine/fm/cloud-field.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {iCfmPath} from "../../../engine/paths/cfm.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";

describe("cloudField", () => {
  it("equals the general marginal field of the straight path from N(0, I) to the blurred cloud", () => {
    const r = rng(2);
    const points = r.fillNormal(new Float64Array(2 * 7)) as Float64Array;
    const sigma = 0.2;
    const covs = new Float64Array(28);
    for (let j = 0; j < 7; j++) covs.set([sigma * sigma, 0, 0, sigma * sigma], 4 * j);
    const general = marginalField(iCfmPath(0), standardNormal, {
      weights: new Float64Array(7).fill(1 / 7),
      means: points,
      covs
    });
    const fast = cloudField(points, sigma);
    const x = r.fillNormal(new Float64Array(2 * 50)) as Float64Array;
    for (const t of [0, 0.3, 0.9, 0.999, 1]) {
      const [a, b] = [new Float64Array(100), new Float64Array(100)];
      general.velocity(a, x, 50, t);
      fast.velocity(b, x, 50, t);
      assertAllClose(b, a, {rtol: 1e-9, atol: 1e-9});
    }
  });
});
