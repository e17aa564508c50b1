import {describe, it} from "vitest";
import {iCfmPath, lipmanPath, sbPath, vpCfmPath} from "../../../engine/paths/cfm.ts";
import {veDiffusionPath, vpDiffusionPath} from "../../../engine/paths/diffusion.ts";
import type {ProbabilityPath} from "../../../engine/paths/path.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";

const paths: ProbabilityPath[] = [
  iCfmPath(0),
  iCfmPath(0.5),
  lipmanPath(0),
  lipmanPath(0.1),
  vpCfmPath(0.3),
  sbPath(1),
  sbPath(0.2),
  vpDiffusionPath(),
  veDiffusionPath({sigmaMin: 0.01, sigmaMax: 5})
];

// The conditional velocity is d/dt of t ↦ x_t(x0, x1, ε) with the condition held fixed: central differences.
describe("conditional velocity = time derivative of the path", () => {
  const n = 50;
  const r = rng(3);
  const x0 = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
  const x1 = r.fillUniform(new Float64Array(2 * n), -3, 3) as Float64Array;
  const eps = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
  const h = 1e-6;
  for (const path of paths) {
    it(`${path.name} σ(½)=${path.std(0.5).toPrecision(3)}`, () => {
      const t = new Float64Array(n).map(() => 0.02 + 0.96 * r.uniform());
      const xt = new Float64Array(2 * n);
      const ut = new Float64Array(2 * n);
      const plus = new Float64Array(2 * n);
      const minus = new Float64Array(2 * n);
      path.sample(xt, x0, x1, t, eps, n);
      path.velocity(ut, x0, x1, t, xt, n);
      path.sample(
        plus,
        x0,
        x1,
        t.map((v) => v + h),
        eps,
        n
      );
      path.sample(
        minus,
        x0,
        x1,
        t.map((v) => v - h),
        eps,
        n
      );
      const fd = plus.map((v, k) => (v - minus[k]!) / (2 * h));
      assertAllClose(ut, fd, {rtol: 1e-5, atol: 1e-5});
    });
  }
});
