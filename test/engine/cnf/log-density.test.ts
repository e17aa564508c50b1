import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {logDensity} from "../../../engine/cnf/log-density.ts";
import type {VelocityField} from "../../../engine/fields/field.ts";
import {gaussianPathField} from "../../../engine/fields/gaussian-path.ts";
import {linearField} from "../../../engine/fields/linear.ts";
import {normalLogDensity} from "../../../engine/fields/normal.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

const points = (n: number, seed = 5) => rng(seed).fillNormal(new Float64Array(2 * n)) as Float64Array;

describe("logDensity", () => {
  it("logDensity() of the Gaussian→Gaussian field equals log N(x; μ1, σ1² I): ∫ div u = d log(σ1/σ0)", () => {
    const field = gaussianPathField({mu1: [1, -2], cov1: [0.25, 0, 0, 0.25]});
    const x = points(30);
    const expected = new Float64Array(30);
    normalLogDensity(expected, x, 30, [1, -2], [0.25, 0, 0, 0.25]);
    const r = logDensity(field, normalBase(), x, 30, {rtol: 1e-9, atol: 1e-9});
    assertAllClose(r.logp, expected, {atol: 1e-7});
    r.delta.forEach((v) => assertInDelta(v, -2 * Math.log(0.5), 1e-7, "ℓ0"));
    const coarse = logDensity(field, normalBase(), x, 30, {solver: "rk4", steps: 20});
    assertAllClose(coarse.logp, expected, {atol: 1e-3});
  });

  it("logDensity() matches the closed-form marginal for correlated, non-commuting Gaussians", () => {
    const cov0 = [1, 0.4, 0.4, 0.8] as const;
    const field = gaussianPathField({cov0, mu1: [2, 0], cov1: [0.3, -0.2, -0.2, 0.5]});
    const x = points(20, 8);
    const expected = new Float64Array(20);
    field.logDensity(expected, x, 20, 1);
    const r = logDensity(field, normalBase([0, 0], cov0), x, 20, {rtol: 1e-9, atol: 1e-9});
    assertAllClose(r.logp, expected, {atol: 1e-7});
  });

  it("logDensity() with constant velocity 1 gives log p0(x1 − 1) and x0 = x1 − 1", () => {
    const x = points(10);
    const r = logDensity(linearField({b: [1, 1]}), normalBase(), x, 10, {solver: "euler", steps: 3});
    assertAllClose(
      r.x0,
      x.map((v) => v - 1),
      {atol: 1e-14}
    );
    const expected = new Float64Array(10);
    normalBase().logDensity(expected, r.x0, 10);
    assertAllClose(r.logp, expected, {rtol: 1e-15});
  });

  it("logDensity() with constant velocity 1 has d log p(x1)/dx1 = (1, 1) at x1 = 0 (flow_matching's anchor)", () => {
    const field = linearField({b: [1, 1]});
    const logp = (x: number[]) =>
      logDensity(field, normalBase(), new Float64Array(x), 1, {solver: "rk4", steps: 4}).logp[0]!;
    const h = 1e-5;
    assertInDelta((logp([h, 0]) - logp([-h, 0])) / (2 * h), 1, 1e-8);
    assertInDelta((logp([0, h]) - logp([0, -h])) / (2 * h), 1, 1e-8);
  });

  it("logDensity() of a linear field with tr A ≠ 0 matches the pushed-forward Gaussian", () => {
    const field = linearField({a: [-0.5, 1, -0.3, 0.2], b: [0.5, 0]});
    const pushed = field.pushGaussian([0, 0], [1, 0, 0, 1], 1);
    const x = points(10, 2);
    const expected = new Float64Array(10);
    normalLogDensity(expected, x, 10, pushed.mean, pushed.cov);
    const r = logDensity(field, normalBase(), x, 10, {rtol: 1e-10, atol: 1e-10});
    assertAllClose(r.logp, expected, {atol: 1e-8});
  });

  it("logDensity() with finite-difference or averaged Hutchinson divergence agrees with the exact trace", () => {
    const exactField = gaussianPathField({mu1: [1, 0], cov1: [0.5, 0.2, 0.2, 0.3]});
    const bare: VelocityField = {dim: 2, velocity: exactField.velocity.bind(exactField)};
    const x = points(8, 4);
    const exact = logDensity(exactField, normalBase(), x, 8, {rtol: 1e-9, atol: 1e-9});
    assertAllClose(logDensity(bare, normalBase(), x, 8, {rtol: 1e-9, atol: 1e-9}).logp, exact.logp, {atol: 1e-7});
    // 2000 copies of one point, each with its own probe held over the whole solve: their mean is the exact value.
    const copies = 2000;
    const one = new Float64Array(2 * copies).map((_, i) => x[i % 2]!);
    const hutch = logDensity(exactField, normalBase(), one, copies, {method: "hutchinson", probe: "gaussian", seed: 1});
    const mean = hutch.logp.reduce((s, v) => s + v, 0) / copies;
    const sd = Math.sqrt(hutch.logp.reduce((s, v) => s + (v - mean) ** 2, 0) / (copies - 1));
    expect(sd).toBeGreaterThan(0.01);
    assertInDelta(mean, exact.logp[0]!, 4 * (sd / Math.sqrt(copies)));
  });
});
