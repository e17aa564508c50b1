import {describe, expect, it} from "vitest";
import {euler} from "../../../engine/ode/euler.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {assertInDelta} from "../../assert.ts";
import {expectGoldenTable, oneStepGrowth} from "./golden.ts";

describe("euler", () => {
  it("euler() has global error O(h) with the error table of engine-reference (d)5", () => {
    expectGoldenTable(euler(), [1.482e-1, 7.467e-2, 3.746e-2, 1.876e-2, 9.386e-3], 1);
  });

  it("euler() advances y' = y by the stability polynomial 1 + z", () => {
    for (const z of [0.3, -0.7, 1.1]) assertInDelta(oneStepGrowth(euler(), z), 1 + z, 1e-15);
  });

  it("euler() spirals outward on the rotation field: each step multiplies the radius by sqrt(1 + h²)", () => {
    const steps = 16;
    const h = (2 * Math.PI) / steps;
    const rotation = (out: Float64Array, y: Float64Array) => {
      out[0] = -y[1]!;
      out[1] = y[0]!;
    };
    const {y} = integrate(rotation, new Float64Array([1, 0]), {t1: 2 * Math.PI, solver: "euler", steps});
    assertInDelta(Math.hypot(y[0]!, y[1]!), (1 + h * h) ** (steps / 2), 1e-12);
    expect(euler().stages).toBe(1);
  });
});
