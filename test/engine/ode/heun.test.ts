import {describe, expect, it} from "vitest";
import {heun} from "../../../engine/ode/heun.ts";
import {midpoint} from "../../../engine/ode/midpoint.ts";
import {assertInDelta} from "../../assert.ts";
import {expectGoldenTable, goldenErrors, oneStepGrowth} from "./golden.ts";

describe("heun", () => {
  it("heun() has global error O(h^2) with the error table of engine-reference (d)5", () => {
    expectGoldenTable(heun(), [1.97e-2, 4.778e-3, 1.174e-3, 2.908e-4, 7.234e-5], 2);
  });

  it("heun() advances y' = y by 1 + z + z²/2 yet is a different method from midpoint()", () => {
    for (const z of [0.3, -0.7, 1.1]) assertInDelta(oneStepGrowth(heun(), z), 1 + z + (z * z) / 2, 1e-15);
    expect(goldenErrors(heun())[0]).not.toBeCloseTo(goldenErrors(midpoint())[0]!, 4);
  });
});
