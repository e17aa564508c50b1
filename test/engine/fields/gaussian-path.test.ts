import {describe, expect, it} from "vitest";
import {gaussianPathField} from "../../../engine/fields/gaussian-path.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {fieldDeriv} from "../../../engine/fields/field.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";
import {continuityResidual, flowMapResidual} from "./continuity.ts";

const shrink = gaussianPathField({mu1: [2, 2], cov1: [0.25, 0, 0, 0.25]}); // N(0, I) → N((2, 2), 0.5² I)

describe("gaussianPathField", () => {
  it("gaussianPathField() reproduces the Monte-Carlo value E[x1 − x0 | x_t = 0.377] = 2.2716 at t = 0.3", () => {
    const u = new Float64Array(2);
    shrink.velocity(u, new Float64Array([0.377, 0.377]), 1, 0.3);
    assertInDelta(u[0]!, 2.2716, 1e-3);
    assertInDelta(u[1]!, 2.2716, 1e-3);
  });

  it("gaussianPathField() flows x0 = 1.7 to 2.85 (closed form and dopri5 agree)", () => {
    const x0 = new Float64Array([1.7, 1.7]);
    const out = new Float64Array(2);
    shrink.flowMap!(out, x0, 1, 0, 1);
    assertAllClose(out, [2.85, 2.85], {rtol: 1e-14});
    const {y} = integrate(fieldDeriv(shrink, 1), x0, {solver: "dopri5", rtol: 1e-11, atol: 1e-11});
    assertAllClose(y, [2.85, 2.85], {rtol: 1e-9});
  });

  it("gaussianPathField() between equal standard normals is u = (2t − 1)/(2t² − 2t + 1) x", () => {
    const f = gaussianPathField();
    const u = new Float64Array(2);
    for (const t of [0.1, 0.5, 0.8]) {
      f.velocity(u, new Float64Array([0.7, -1.3]), 1, t);
      const k = (2 * t - 1) / (2 * t * t - 2 * t + 1);
      assertAllClose(u, [0.7 * k, -1.3 * k], {rtol: 1e-13, atol: 1e-15});
    }
  });

  it("gaussianPathField()'s marginals N(μ_t, Σ_t) solve the continuity equation, even for non-commuting Σ and σ > 0", () => {
    const fields = [
      shrink,
      gaussianPathField({mu0: [1, -1], cov0: [2, 0.5, 0.5, 1], mu1: [-2, 0.5], cov1: [0.3, -0.1, -0.1, 0.6]}),
      gaussianPathField({cov0: [1, 0.3, 0.3, 0.5], cov1: [0.2, 0, 0, 3], sigma: 0.1})
    ];
    expect(fields[1]!.flowMap).toBeUndefined();
    for (const f of fields) {
      for (const t of [0.05, 0.5, 0.95]) {
        expect(Math.abs(continuityResidual(f, [0.4, -0.9], t))).toBeLessThan(1e-7);
      }
    }
  });

  it("gaussianPathField()'s flow map solves the ODE and its divergence is the trace of its Jacobian", () => {
    const f = gaussianPathField({mu0: [1, 0], cov0: [1, 0, 0, 4], mu1: [-1, 2], cov1: [0.5, 0, 0, 0.1], sigma: 0.2});
    expect(flowMapResidual(f, new Float64Array([0.3, -0.4, 2, 1]), 0.2, 0.7)).toBeLessThan(1e-8);
    const x = new Float64Array([0.3, -0.4]);
    const h = 1e-6;
    const up = new Float64Array(2);
    const down = new Float64Array(2);
    let trace = 0;
    for (const k of [0, 1]) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[k]! += h;
      xm[k]! -= h;
      f.velocity(up, xp, 1, 0.4);
      f.velocity(down, xm, 1, 0.4);
      trace += (up[k]! - down[k]!) / (2 * h);
    }
    const div = new Float64Array(1);
    f.divergence(div, x, 1, 0.4);
    assertInDelta(div[0]!, trace, 1e-8);
  });

  it("gaussianPathField() rejects invalid covariances and sigma", () => {
    expect(() => gaussianPathField({cov0: [1, 2, 2, 1]})).toThrow("invalid cov0");
    expect(() => gaussianPathField({sigma: -1})).toThrow("invalid sigma: -1");
  });
});
