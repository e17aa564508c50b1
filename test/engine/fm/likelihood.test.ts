import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {float64Field, logLikelihood, logLikelihoodGrid} from "../../../engine/fm/likelihood.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {autodiffModel} from "../../../engine/fm/model.ts";
import {iCfmPath, sbPath} from "../../../engine/paths/cfm.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

const normal = gaussianMixture({means: [[0, 0]]});
const target = gaussianMixture({
  means: [
    [1.5, 0],
    [-1, 1]
  ],
  weights: [0.6, 0.4],
  covs: [0.2, [0.3, 0.1, 0.1, 0.15]]
});
const x = Float64Array.from([1.4, 0.1, -0.8, 1.2, 0.2, 0.5, 2, -0.5]);

describe("log-likelihood of a flow through the CNF machinery", () => {
  it("the closed-form I-CFM marginal flow from N(0, I) reproduces the mixture's exact log-density", () => {
    const field = marginalField(iCfmPath(0), normal, target);
    const {logp} = logLikelihood(field, normalBase(), x, 4, {rtol: 1e-8, atol: 1e-8});
    assertAllClose(logp, target.logDensity(new Float64Array(4), x, 4), {atol: 1e-4});
  });

  it("and the SB marginal flow from a Gaussian source (two-sided; σ_t vanishes at both ends)", () => {
    const source = gaussianMixture({means: [[-1, -1]], cov: 0.5});
    const field = marginalField(sbPath(0.5), source, target);
    const base = {logDensity: (out: Float64Array, p: Float64Array, n: number) => void source.logDensity(out, p, n)};
    const {logp} = logLikelihood(field, base, x, 4, {rtol: 1e-8, atol: 1e-8});
    assertAllClose(logp, target.logDensity(new Float64Array(4), x, 4), {atol: 1e-4});
  });

  it("float64Field loads saved weights with the network's exact divergence; a grid integrates to about one", () => {
    const model = autodiffModel({width: 16, depth: 2, seed: 4});
    const field = float64Field(model.toJSON());
    expect(field.divergence).toBeDefined();
    const u = new Float64Array(4);
    const v = new Float64Array(4);
    field.velocity(u, x, 2, 0.3);
    model.field().velocity(v, x, 2, 0.3);
    assertAllClose(u, v, {rtol: 1e-14});
    const grid = logLikelihoodGrid(field, normalBase(), {extent: [-6, 6, -6, 6], size: 48, solver: "rk4", steps: 16});
    assertInDelta(grid.mass, 1, 0.02);
  });
});
