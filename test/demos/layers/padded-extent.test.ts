import {describe, expect, it} from "vitest";
import {paddedExtent} from "../../../demos/layers/data.ts";

describe("paddedExtent", () => {
  it("holds every point of every cloud, widened by a share of the longer side", () => {
    const a = new Float32Array([0, 0, 2, 1]);
    const b = new Float64Array([-1, 3, 1, -1]);
    // x spans [-1, 2] (3), y spans [-1, 3] (4): the margin is 0.1 × 4 on every side.
    const [x0, x1, y0, y1] = paddedExtent([a, b], 0.1);
    expect([x0, x1, y0, y1].map((v) => Number(v.toFixed(9)))).toEqual([-1.4, 2.4, -1.4, 3.4]);
  });
});
