import {describe, expect, it} from "vitest";
import {rk38} from "../../../engine/ode/rk38.ts";
import {rk4} from "../../../engine/ode/rk4.ts";
import {assertInDelta} from "../../assert.ts";
import {expectGoldenTable, goldenErrors, oneStepGrowth} from "./golden.ts";

describe("rk38", () => {
  it("rk38() (torchdiffeq's rk4) has global error O(h^4) with the error table of engine-reference (d)5", () => {
    // The reference observes 3.95 at N = 80 → 160.
    expectGoldenTable(rk38(), [4.858e-6, 4.198e-7, 3.031e-8, 2.028e-9, 1.31e-10], 4, 0.08);
  });

  it("rk38() shares classic RK4's stability polynomial on y' = y but not its errors on y' = y cos t", () => {
    for (const z of [0.3, -0.7, 1.1]) {
      assertInDelta(oneStepGrowth(rk38(), z), 1 + z + z ** 2 / 2 + z ** 3 / 6 + z ** 4 / 24, 1e-15);
    }
    expect(goldenErrors(rk38())[0]! / goldenErrors(rk4())[0]!).toBeLessThan(0.5);
  });
});
