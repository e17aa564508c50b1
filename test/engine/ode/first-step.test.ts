import {describe, expect, it} from "vitest";
import {initialStep} from "../../../engine/ode/first-step.ts";
import type {Deriv} from "../../../engine/ode/stepper.ts";
import {assertInDelta} from "../../assert.ts";
import {golden} from "./golden.ts";

/** initialStep() from y0 with fresh scratch; f0 = f(y0, t0) is computed here, as the solvers do. */
function firstStep(f: Deriv, y0: number[], t0: number, t1: number, rtol: number, atol: number): number {
  const y = Float64Array.from(y0);
  const f0 = new Float64Array(y.length);
  f(f0, y, t0);
  return initialStep(f, y, f0, t0, t1, rtol, atol, new Float64Array(y.length), new Float64Array(y.length));
}

describe("initialStep", () => {
  it("equals scipy's select_initial_step (order 4) on y' = y cos t at the tolerances of engine-reference (d)5", () => {
    // scipy 1.17.1: select_initial_step(f, 0, [1], 2, inf, f0, 1, 4, tol, tol).
    const scipy: [number, number][] = [
      [1e-3, 0.11486983549970349],
      [1e-5, 0.045730505192732626],
      [1e-7, 0.0182056420302608]
    ];
    for (const [tol, h] of scipy) assertInDelta(firstStep(golden, [1], 0, 2, tol, tol), h, 1e-14 * h, `tol ${tol}`);
  });

  it("works backward in time on a 2D field like scipy (direction −1, rtol 1e-6, atol 1e-9)", () => {
    const rotation: Deriv = (out, y, t) => {
      out[0] = -(1 + t) * y[1]!;
      out[1] = (1 + t) * y[0]!;
    };
    const h = firstStep(rotation, [0.3, -1.2], 1, 0, 1e-6, 1e-9);
    assertInDelta(h, 0.01776658218762331, 1e-14, "backward step");
  });

  it("never exceeds the interval, and takes 1e-6 for a field at rest", () => {
    expect(firstStep(golden, [1], 0, 1e-4, 1e-3, 1e-3)).toBe(1e-4);
    const still: Deriv = (out) => out.fill(0);
    expect(firstStep(still, [0, 0], 0, 1, 1e-3, 1e-6)).toBe(1e-6);
  });
});
