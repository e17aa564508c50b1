import {describe, expect, it} from "vitest";
import {integrate} from "../../../engine/ode/integrate.ts";
import {rk4} from "../../../engine/ode/rk4.ts";
import {assertInDelta} from "../../assert.ts";
import {expectGoldenTable, oneStepGrowth} from "./golden.ts";

describe("rk4", () => {
  it("rk4() has global error O(h^4) with the error table of engine-reference (d)5", () => {
    expectGoldenTable(rk4(), [1.726e-5, 1.057e-6, 6.51e-8, 4.034e-9, 2.51e-10], 4);
  });

  it("rk4() advances y' = y by the degree-4 Taylor polynomial of e^z", () => {
    for (const z of [0.3, -0.7, 1.1]) {
      assertInDelta(oneStepGrowth(rk4(), z), 1 + z + z ** 2 / 2 + z ** 3 / 6 + z ** 4 / 24, 1e-15);
    }
  });

  it("rk4() has order 4 on the time-varying rotation x' = (1 + t) J x (exact angle T + T²/2)", () => {
    const f = (out: Float64Array, y: Float64Array, t: number) => {
      out[0] = -(1 + t) * y[1]!;
      out[1] = (1 + t) * y[0]!;
    };
    const T = 2;
    const angle = T + (T * T) / 2;
    const errors = [40, 80].map((steps) => {
      const {y} = integrate(f, new Float64Array([1, 0]), {t1: T, solver: "rk4", steps});
      return Math.hypot(y[0]! - Math.cos(angle), y[1]! - Math.sin(angle));
    });
    expect(Math.log2(errors[0]! / errors[1]!)).toBeCloseTo(4, 1);
  });

  it("rk4() may write into its input (out === y) and reuses scratch across sizes", () => {
    const s = rk4();
    const f = (out: Float64Array, y: Float64Array) => out.set(y);
    const y = new Float64Array([1, 2, 3]);
    const copy = new Float64Array(3);
    s.step(f, Float64Array.from(y), 0, 0.1, copy);
    s.step(f, y, 0, 0.1, y);
    expect(Array.from(y)).toEqual(Array.from(copy));
    const small = new Float64Array([1]);
    s.step(f, small, 0, 0.1, small);
    assertInDelta(small[0]!, copy[0]!, 0);
  });
});
