import {describe, expect, it} from "vitest";
import {traceCrossing} from "../../../engine/fields/crossing.ts";
import {flowPoints} from "../../../engine/fields/flow-points.ts";
import {fieldPreset} from "../../../engine/fields/presets.ts";

describe("traceCrossing", () => {
  it("finds where the drift's traces from (0, 0) and (0, 0.3) meet, at two different times", () => {
    const drift = fieldPreset("drift");
    const hit = traceCrossing(drift, [0, 0], [0, 0.3])!;
    // By hand: sin πta = sin πtb forces tb = 1 − ta, and the heights then give cos πta = −0.3π/2.
    const ta = Math.acos((-0.3 * Math.PI) / 2) / Math.PI;
    expect(hit.ta).toBeCloseTo(ta, 10);
    expect(hit.tb).toBeCloseTo(1 - ta, 10);
    expect(hit.ta).toBeCloseTo(0.6562, 4);
    expect(hit.tb).toBeCloseTo(0.3438, 4);
    // Each particle passes the point at its own time.
    const a = flowPoints(drift, new Float64Array([0, 0]), 1, 0, hit.ta);
    const b = flowPoints(drift, new Float64Array([0, 0.3]), 1, 0, hit.tb);
    expect(a[0]).toBeCloseTo(hit.point[0], 10);
    expect(a[1]).toBeCloseTo(hit.point[1], 10);
    expect(b[0]).toBeCloseTo(hit.point[0], 10);
    expect(b[1]).toBeCloseTo(hit.point[1], 10);
    expect(hit.point[0]).toBeCloseTo(Math.sqrt(1 - ((0.3 * Math.PI) / 2) ** 2) / Math.PI, 10);
  });

  it("finds no crossing for a time-independent field's separate traces", () => {
    expect(traceCrossing(fieldPreset("saddle"), [0, 2.4], [0, -2.4])).toBeUndefined();
    expect(traceCrossing(fieldPreset("two-well"), [0.2, 2.4], [-0.2, -2.4])).toBeUndefined();
  });
});

describe("flowPoints", () => {
  it("returns to the start when run forward then backward, exact map or RK4", () => {
    const x = new Float64Array([0.5, -1, 2, 0.3, -2.5, 2.5]);
    for (const name of ["spiral", "two-well", "swirl"] as const) {
      const f = fieldPreset(name);
      const back = flowPoints(f, flowPoints(f, x, 3, 0, 0.8), 3, 0.8, 0);
      for (let i = 0; i < 6; i++) expect(Math.abs(back[i]! - x[i]!)).toBeLessThan(name === "two-well" ? 1e-4 : 1e-9);
    }
  });

  it("agrees with the exact flow map when RK4 is used", () => {
    const f = fieldPreset("spiral");
    const x = new Float64Array([1, 2]);
    const exact = flowPoints(f, x, 1, 0, 1);
    const {flowMap: _, ...noMap} = f;
    const rk4 = flowPoints(noMap, x, 1, 0, 1);
    expect(Math.abs(rk4[0]! - exact[0]!)).toBeLessThan(1e-9);
    expect(Math.abs(rk4[1]! - exact[1]!)).toBeLessThan(1e-9);
  });
});
