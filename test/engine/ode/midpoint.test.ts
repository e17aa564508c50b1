import {describe, it} from "vitest";
import {midpoint} from "../../../engine/ode/midpoint.ts";
import {assertInDelta} from "../../assert.ts";
import {expectGoldenTable, oneStepGrowth} from "./golden.ts";

describe("midpoint", () => {
  it("midpoint() has global error O(h^2) with the error table of engine-reference (d)5", () => {
    // The reference observes 1.96 at N = 80 → 160: still pre-asymptotic there.
    expectGoldenTable(midpoint(), [2.018e-3, 6.303e-4, 1.756e-4, 4.63e-5, 1.189e-5], 2, 0.08);
  });

  it("midpoint() advances y' = y by 1 + z + z²/2", () => {
    for (const z of [0.3, -0.7, 1.1]) assertInDelta(oneStepGrowth(midpoint(), z), 1 + z + (z * z) / 2, 1e-15);
  });
});
