import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {meanSquaredNorm, pathEnergy} from "../../../engine/metrics/path-energy.ts";

describe("pathEnergy", () => {
  it("of a constant velocity v is |v|² on any grid", () => {
    const times = [0, 0.1, 0.5, 0.55, 1];
    const v = Float64Array.from([3, 4, 3, 4]);
    assertInDelta(
      pathEnergy(
        times.map(() => v),
        times,
        2
      ),
      25,
      1e-12,
      "E"
    );
  });

  it("of the I-CFM field N(0,I) → N(0,I) is d(2 − π/2) = 0.8584 in 2D (engine-reference (d)2)", () => {
    // u_t(x) = (2t−1)/(2t²−2t+1)·x and x_t = √(2t²−2t+1)·x0, so v_t = (2t−1)/√(2t²−2t+1)·x0. Four points
    // (±1, ±1) have E|x0|² = 2 exactly, leaving only the trapezoid error O(h²).
    const x0 = Float64Array.from([1, 1, -1, 1, 1, -1, -1, -1]);
    const errors = [50, 100].map((steps) => {
      const times = Array.from({length: steps + 1}, (_, k) => k / steps);
      const frames = times.map((t) => x0.map((x) => ((2 * t - 1) / Math.sqrt(2 * t * t - 2 * t + 1)) * x));
      return Math.abs(pathEnergy(frames, times, 4) - 2 * (2 - Math.PI / 2));
    });
    expect(errors[1]!).toBeLessThan(1e-4);
    assertInDelta(errors[0]! / errors[1]!, 4, 0.1, "trapezoid order 2");
  });

  it("checks grids and shapes", () => {
    expect(meanSquaredNorm(Float64Array.from([1, 2, 3, 4]), 2)).toBe(15);
    const v = new Float64Array(4);
    expect(() => pathEnergy([v], [0], 2)).toThrow(/need >= 2/);
    expect(() => pathEnergy([v, v], [0.5, 0.5], 2)).toThrow(/invalid time grid/);
    expect(() => pathEnergy([v, new Float64Array(3)], [0, 1], 2)).toThrow(/shape mismatch/);
  });
});
