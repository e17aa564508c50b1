import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {densityGrid} from "../../../engine/cnf/grid.ts";
import {gaussianPathField} from "../../../engine/fields/gaussian-path.ts";
import {assertInDelta} from "../../assert.ts";

describe("densityGrid", () => {
  it("densityGrid() of a flow holds unit mass and the closed-form density at each pixel centre", () => {
    const field = gaussianPathField({mu1: [0.5, -0.5], cov1: [0.6, 0.2, 0.2, 0.4]});
    const grid = densityGrid(field, normalBase(), {extent: [-3, 4, -4, 3], size: [35, 30], solver: "rk4", steps: 16});
    expect(grid.logp).toHaveLength(35 * 30);
    assertInDelta(grid.mass, 1, 2e-3);
    const expected = new Float64Array(1);
    // Pixel (i = 10, j = 20): centre x = −3 + 10.5·0.2, y = −4 + 20.5·(7/30).
    field.logDensity(expected, new Float64Array([-3 + 10.5 * 0.2, -4 + (20.5 * 7) / 30]), 1, 1);
    assertInDelta(grid.logp[20 * 35 + 10]!, expected[0]!, 1e-4);
  });

  it("densityGrid() rejects an empty extent or a bad size", () => {
    expect(() => densityGrid(gaussianPathField(), normalBase(), {extent: [1, 0, 0, 1]})).toThrow(/^invalid extent/);
    expect(() => densityGrid(gaussianPathField(), normalBase(), {size: 0})).toThrow("invalid size: 0");
  });
});
