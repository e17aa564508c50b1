import {describe, it} from "vitest";
import {fieldDeriv} from "../../../engine/fields/field.ts";
import {rotationField} from "../../../engine/fields/rotation.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

describe("rotationField", () => {
  it("rotationField() has zero divergence and a flow that keeps the distance to its centre", () => {
    const f = rotationField({omega: 2, growth: 1, center: [1, -1]});
    const x = new Float64Array([3, 0, -1, 2]);
    const out = new Float64Array(4);
    f.flowMap(out, x, 2, 0, 1.3);
    for (let i = 0; i < 4; i += 2) {
      assertInDelta(Math.hypot(out[i]! - 1, out[i + 1]! + 1), Math.hypot(x[i]! - 1, x[i + 1]! + 1), 1e-13);
    }
    const div = new Float64Array(2);
    f.divergence(div, x, 2, 0.5);
    assertAllClose(div, [0, 0], {atol: 0});
    const {y} = integrate(fieldDeriv(f, 2), x, {t1: 1.3, solver: "dopri5", rtol: 1e-11, atol: 1e-11});
    assertAllClose(y, out, {atol: 1e-9});
  });

  it("rotationField() turns counter-clockwise by ω((t − s) + growth (t² − s²)/2)", () => {
    const f = rotationField({omega: Math.PI / 2});
    const out = new Float64Array(2);
    f.flowMap(out, new Float64Array([1, 0]), 1, 0, 1);
    assertAllClose(out, [0, 1], {atol: 1e-15});
    assertInDelta(rotationField({growth: 1}).angle(0, 2), 4, 1e-15);
  });
});
