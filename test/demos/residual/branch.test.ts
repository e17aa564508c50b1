import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../../engine/autodiff/tensor.ts";
import {singularValue2} from "../../../engine/flows/spectral.ts";
import {gridCentres, residualBranch} from "../../../demos/residual/branch.ts";

describe("residualBranch", () => {
  it("is the engine's lipschitzMlp divided by its steepest measured slope, with the engine's Jacobian", () => {
    for (const [seed, depth] of [
      [2, 2],
      [0, 1],
      [5, 3]
    ] as const) {
      const b = residualBranch(seed, depth);
      const z = gridCentres(7);
      const n = z.length / 2;
      const engine = noGrad(() => b.mlp.forwardJacobian(tensor(z, n, 2)));
      const origin = noGrad(() => b.mlp.forward(tensor(new Float64Array(2), 1, 2)).data);
      const mine = b.evaluateWithJacobian(z);
      for (let i = 0; i < n; i++) {
        expect(mine.u[2 * i]).toBeCloseTo((engine.output.data[2 * i]! - origin[0]!) / b.scale, 12);
        expect(mine.u[2 * i + 1]).toBeCloseTo((engine.output.data[2 * i + 1]! - origin[1]!) / b.scale, 12);
        // J[r][c] = ∂u_r/∂z_c; engine.jacobian[c] row i holds ∂u/∂z_c.
        expect(mine.jacobians[4 * i]).toBeCloseTo(engine.jacobian[0].data[2 * i]! / b.scale, 12);
        expect(mine.jacobians[4 * i + 1]).toBeCloseTo(engine.jacobian[1].data[2 * i]! / b.scale, 12);
        expect(mine.jacobians[4 * i + 2]).toBeCloseTo(engine.jacobian[0].data[2 * i + 1]! / b.scale, 12);
        expect(mine.jacobians[4 * i + 3]).toBeCloseTo(engine.jacobian[1].data[2 * i + 1]! / b.scale, 12);
      }
      let steepest = 0;
      const j = b.jacobians;
      for (let i = 0; i < j.length; i += 4)
        steepest = Math.max(steepest, singularValue2(j[i]!, j[i + 1]!, j[i + 2]!, j[i + 3]!));
      expect(steepest).toBeCloseTo(1, 12);
      // The guaranteed bound Π‖W̃_l‖₂ is far above the measured slope.
      expect(b.bound).toBeGreaterThan(1);
      expect(b.wideSlope()).toBeGreaterThanOrEqual(1);
      expect(b.wideSlope()).toBeLessThan(b.bound);
    }
  });

  it("refuses a depth outside 1-4", () => {
    expect(() => residualBranch(0, 0)).toThrow(/invalid depth/);
  });
});
