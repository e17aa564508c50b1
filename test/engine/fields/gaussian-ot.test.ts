import {describe, expect, it} from "vitest";
import {gaussianOtField} from "../../../engine/fields/gaussian-ot.ts";
import {mul} from "../../../engine/fields/mat2.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";
import {continuityResidual, flowMapResidual} from "./continuity.ts";

const ot = gaussianOtField({mu1: [2, -1], cov1: [0.25, 0, 0, 4]});

describe("gaussianOtField", () => {
  it("gaussianOtField() gives W2²(N(0, I), N((2, −1), diag(0.25, 4))) = 6.25", () => {
    assertInDelta(ot.w2Squared, 6.25, 1e-12);
  });

  it("gaussianOtField()'s map A pushes Σ0 to Σ1 (A Σ0 A = Σ1) for a correlated pair", () => {
    const f = gaussianOtField({cov0: [2, 0.5, 0.5, 1], mu1: [1, 1], cov1: [0.3, -0.1, -0.1, 0.6]});
    assertAllClose(mul(mul(f.map, [2, 0.5, 0.5, 1]), f.map), [0.3, -0.1, -0.1, 0.6], {atol: 1e-12});
    assertAllClose(f.cov(1), [0.3, -0.1, -0.1, 0.6], {atol: 1e-12});
    for (const t of [0.1, 0.6]) expect(Math.abs(continuityResidual(f, [0.2, 0.5], t))).toBeLessThan(1e-7);
  });

  it("gaussianOtField() moves particles on straight lines at constant speed T(x0) − x0", () => {
    const x0 = new Float64Array([0.5, 1.5]);
    const end = new Float64Array(2);
    ot.flowMap(end, x0, 1, 0, 1);
    const speed = [end[0]! - x0[0]!, end[1]! - x0[1]!];
    assertAllClose(end, [2 + 0.5 * 0.5, -1 + 2 * 1.5], {rtol: 1e-13});
    for (const t of [0.2, 0.9]) {
      const here = new Float64Array(2);
      const u = new Float64Array(2);
      ot.flowMap(here, x0, 1, 0, t);
      ot.velocity(u, here, 1, t);
      assertAllClose(u, speed, {rtol: 1e-12});
    }
    expect(flowMapResidual(ot, new Float64Array([0.1, 0.2, -3, 1]), 0.9, 0.3)).toBeLessThan(1e-8);
  });
});
