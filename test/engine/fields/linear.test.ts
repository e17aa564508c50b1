import {describe, expect, it} from "vitest";
import {fieldDeriv} from "../../../engine/fields/field.ts";
import {linearField} from "../../../engine/fields/linear.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";
import {flowMapResidual} from "./continuity.ts";

describe("linearField", () => {
  const f = linearField({a: [-0.5, 1.2, -0.8, 0.3], b: [0.4, -1]});

  it("linearField() evaluates A x + b with divergence tr A and Jacobian-vector products A v", () => {
    const u = new Float64Array(4);
    f.velocity(u, new Float64Array([1, 2, -1, 0]), 2, 0);
    assertAllClose(u, [-0.5 + 2.4 + 0.4, -0.8 + 0.6 - 1, 0.5 + 0.4, 0.8 - 1], {rtol: 1e-15});
    const div = new Float64Array(2);
    f.divergence(div, new Float64Array(4), 2, 0.3);
    assertAllClose(div, [-0.2, -0.2], {rtol: 1e-15});
    const jv = new Float64Array(2);
    f.jvp(jv, new Float64Array(2), new Float64Array([0, 1]), 1, 0);
    assertAllClose(jv, [1.2, 0.3], {rtol: 1e-15});
  });

  it("linearField()'s closed-form flow matches dopri5 and solves the ODE, forward and backward", () => {
    const x = new Float64Array([1, -2, 0.5, 0.25]);
    const exact = new Float64Array(4);
    f.flowMap(exact, x, 2, 0.25, 1.5);
    const {y} = integrate(fieldDeriv(f, 2), x, {t0: 0.25, t1: 1.5, solver: "dopri5", rtol: 1e-11, atol: 1e-11});
    assertAllClose(y, exact, {rtol: 1e-9, atol: 1e-10});
    const back = new Float64Array(4);
    f.flowMap(back, exact, 2, 1.5, 0.25);
    assertAllClose(back, x, {rtol: 1e-12, atol: 1e-13});
    expect(flowMapResidual(f, x, 0, 0.7)).toBeLessThan(1e-8);
  });

  it("linearField() scales areas by e^{τ tr A}: det e^{τA} = e^{τ tr A}", () => {
    const {e} = f.flowOver(2);
    assertInDelta(e[0] * e[3] - e[1] * e[2], Math.exp(2 * -0.2), 1e-13);
    const pushed = f.pushGaussian([0, 0], [1, 0, 0, 1], 2);
    assertInDelta(pushed.cov[0] * pushed.cov[3] - pushed.cov[1] * pushed.cov[2], Math.exp(4 * -0.2), 1e-13);
  });

  it("linearField() rejects non-finite coefficients", () => {
    expect(() => linearField({a: [1, NaN, 0, 0]})).toThrow(/^invalid linear field/);
  });
});
