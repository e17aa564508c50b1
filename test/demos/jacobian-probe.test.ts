import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {planeMap, planeMapNames} from "../../engine/flows/plane-maps.ts";
import {
  cellAreaRatio,
  jacobianProbe,
  jacobianProbeFrame,
  polygonArea,
  RASTER,
  readoutLines,
  squareOutline
} from "../../demos/jacobian-probe.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(jacobianProbe.state);

describe("jacobian-probe", () => {
  it("defaults to the planar bump (the swirl's log-det is flat)", () => {
    expect(base.map).toBe("planar bump");
  });

  for (const map of planeMapNames) {
    it(`${map}: the printed J and det J are the engine's exact ones at z`, () => {
      const s = {...base, map, px: 0.7, py: -0.9};
      const f = jacobianProbeFrame(s);
      const exact = planeMap(map, s.strength);
      expect(f.jacobian).toEqual(exact.jacobian(0.7, -0.9));
      assertInDelta(f.detJ, exact.det(0.7, -0.9), 1e-12);
      const [line] = readoutLines(f, s.h);
      const j = exact.jacobian(0.7, -0.9);
      const shown = (v: number) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(2);
      expect(line).toContain(`[${shown(j[0])}  ${shown(j[1])} ; ${shown(j[2])}  ${shown(j[3])}]`);
      expect(line).toContain(`det J_f(z) = ${exact.det(0.7, -0.9).toFixed(3)}`);
    });

    it(`${map}: area(f(cell)) / area(cell) → |det J_f(z)| as the cell shrinks`, () => {
      const f = planeMap(map, 1.5);
      const z = [-0.3, 0.4] as const;
      const det = f.det(z[0], z[1]);
      const errors = [0.8, 0.2, 0.05].map((h) => Math.abs(cellAreaRatio(f, z, h) - det));
      expect(errors[2]!).toBeLessThan(2e-3 * det);
      if (map !== "swirl") {
        expect(errors[1]!).toBeLessThan(errors[0]!);
        expect(errors[2]!).toBeLessThan(errors[1]!);
      }
    });
  }

  it("the heatmap holds det J_f at the preimage of each x-side cell centre", () => {
    const f = jacobianProbeFrame(base);
    const exact = planeMap(base.map, base.strength);
    for (const [i, j] of [
      [3, 5],
      [31, 40],
      [60, 12]
    ] as const) {
      const x = [-3 + ((i + 0.5) * 6) / RASTER, -3 + ((j + 0.5) * 6) / RASTER] as const;
      const z = exact.inverse(x[0], x[1]);
      assertInDelta(f.det.values[j * RASTER + i]!, exact.det(z[0], z[1]), 1e-12);
    }
  });

  it("the swirl's heatmap is flat: log|det J| = 0 everywhere", () => {
    const f = jacobianProbeFrame({...base, map: "swirl", strength: 2});
    for (const v of Array.from(f.det.values)) assertInDelta(Math.log(v), 0, 1e-12);
  });

  it("the square outline is the square: area h², counter-clockwise", () => {
    assertInDelta(polygonArea(squareOutline([0.3, -1], 0.4)), 0.16, 1e-14);
  });

  it("first frame is cheap (< 20 ms on the page)", () => {
    let best = Infinity;
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      jacobianProbeFrame({...base, px: 0.1 * i});
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(20);
  });

  it("renders (snapshot)", () => {
    expectSvgSnapshot("jacobian-probe", jacobianProbe.render(jacobianProbeFrame(base), {}, base));
  });
});
