import {describe, expect, it} from "vitest";
import {gradcheck, numericGrad} from "../../../engine/autodiff/gradcheck.ts";
import {mul} from "../../../engine/autodiff/ops/arith.ts";
import {sum} from "../../../engine/autodiff/ops/reduce.ts";
import {parameter, result, type Tensor} from "../../../engine/autodiff/tensor.ts";

/** x³ with a deliberately wrong backward (2x² instead of 3x²), to see the checker fail. */
function brokenCube(a: Tensor): Tensor {
  const out = a.data.map((x) => x ** 3);
  return result(out, a.rows, a.cols, [a], (g) => {
    const ga = a.gradBuffer();
    for (let i = 0; i < g.length; i++) ga[i]! += 2 * a.data[i]! ** 2 * g[i]!;
  });
}

describe("gradcheck", () => {
  it("numericGrad of Σ sin(x_i) x_i is sin + x cos, and x is restored exactly", () => {
    const x = Float64Array.from([0.3, -1.2, 2.5]);
    const copy = x.slice();
    const g = numericGrad(() => x.reduce((s, v) => s + Math.sin(v) * v, 0), x);
    expect(Array.from(x)).toEqual(Array.from(copy));
    x.forEach((v, i) => expect(g[i]).toBeCloseTo(Math.sin(v) + v * Math.cos(v), 9));
  });

  it("accepts a correct gradient and flags a wrong one", () => {
    const a = parameter([0.5, -1, 2], 1, 3);
    expect(gradcheck(() => sum(mul(mul(a, a), a)), [a])).toBeLessThan(1e-8);
    expect(gradcheck(() => sum(brokenCube(a)), [a])).toBeGreaterThan(0.1);
  });
});
