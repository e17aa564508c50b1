import {describe, expect, it} from "vitest";
import {flowMap, flowMapFrame, readouts} from "../../demos/flow-map.ts";
import {fieldPreset} from "../../engine/fields/presets.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

describe("flow-map", () => {
  it("runs φ_t backward and the grid returns: to rounding for a linear map, to 1e-10 for two-well's unstable backward map", () => {
    const exact = flowMapFrame({preset: "spiral", t: 1, reverse: true});
    expect(exact.exact).toBe(true);
    expect(exact.backError!).toBeLessThan(1e-12);
    const well = flowMapFrame({preset: "two-well", t: 1, reverse: true});
    expect(well.exact).toBe(true);
    expect(well.backError!).toBeLessThan(1e-10);
    expect(readouts(well)[1]).toMatch(/backward to t = 0: grid back within \de-\d+ \(exact map\)/);
  });

  it("prints the drift's crossing point and its two times, which the exact flow map confirms", () => {
    const f = flowMapFrame({preset: "drift", t: 1, reverse: false});
    const c = f.crossing!;
    // φ_t(x) = x + (sin πt, 1 − cos πt)/π: the two particles are at c.point at their own times.
    const at = (x: [number, number], t: number) => [
      x[0] + Math.sin(Math.PI * t) / Math.PI,
      x[1] + (1 - Math.cos(Math.PI * t)) / Math.PI
    ];
    const [ax, ay] = at([0, 0], c.ta);
    const [bx, by] = at([0, 0.3], c.tb);
    expect(Math.hypot(ax! - c.point[0], ay! - c.point[1])).toBeLessThan(1e-10);
    expect(Math.hypot(bx! - c.point[0], by! - c.point[1])).toBeLessThan(1e-10);
    expect(c.ta + c.tb).toBeCloseTo(1, 10);
    expect(readouts(f)[0]).toBe("traces cross at (0.28, 0.47): a passes at t = 0.66, b at t = 0.34");
    // In space–time they never touch: at every shared time the two particles are 0.3 apart (a pure translation).
    for (let k = 0; k < f.pathA.length; k += 2) {
      expect(Math.hypot(f.pathA[k]! - f.pathB[k]!, f.pathA[k + 1]! - f.pathB[k + 1]!)).toBeCloseTo(0.3, 12);
    }
  });

  it("sends the pair toward each other on the saddle: the gap is 4.8 e^{−t}, never 0", () => {
    const f = flowMapFrame({preset: "saddle", t: 1, reverse: false});
    expect(f.crossing).toBeUndefined();
    expect(f.gap).toBeCloseTo(4.8 * Math.exp(-1), 10);
    expect(f.gapTime).toBe(1);
    expect(readouts(f)[0]).toBe("pair never meets: closest 1.77 (at t = 1.00)");
  });

  it("carries the grid with the preset's exact flow map", () => {
    const f = flowMapFrame({preset: "rotation", t: 0.5, reverse: false});
    const field = fieldPreset("rotation");
    const x = new Float64Array([-3, -3]);
    field.flowMap!(x, x, 1, 0, 0.5);
    expect(f.grid.values[0]).toBeCloseTo(x[0]!, 12);
    expect(f.grid.values[1]).toBeCloseTo(x[1]!, 12);
  });

  it("draws the plane and the space–time panels", () => {
    const s = {preset: "drift" as const, t: 0.7, reverse: true};
    const figure = flowMap.render(flowMapFrame(s), {}, s);
    expect(figure.querySelectorAll("svg").length).toBeGreaterThanOrEqual(2);
    expectSvgSnapshot("flow-map-drift", figure);
  });
});
