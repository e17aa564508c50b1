import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {planeMap, logStandardNormal2} from "../../engine/flows/plane-maps.ts";
import {densityTwoWaysFrame} from "../../engine/tasks/density-two-ways.ts";
import {densityTwoWays, GRID, pixelAt, probe, readoutLines} from "../../demos/density-two-ways.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const o = defaults(densityTwoWays.options);
const s = defaults(densityTwoWays.state);

describe("density-two-ways", () => {
  it("asks the worker for the task with the figure's grid", () => {
    expect(densityTwoWays.task!(o)).toEqual({task: "density-two-ways", options: {...o, grid: GRID}});
  });

  for (const map of ["planar bump", "swirl", "coupling"] as const) {
    it(`${map}: the stacked bar's terms add up, and equal the engine's log-density at x = f(z)`, () => {
      const f = planeMap(map, 1);
      const z = [0.4, -0.7] as const;
      const [x1, x2] = f.map(z[0], z[1]);
      const c = probe({...o, map, strength: 1}, {hx: x1, hy: x2});
      assertInDelta(c.z[0], z[0], 1e-10);
      assertInDelta(c.z[1], z[1], 1e-10);
      assertInDelta(c.logPz, logStandardNormal2(z[0], z[1]), 1e-9);
      assertInDelta(c.minusLogDet, -Math.log(f.det(z[0], z[1])), 1e-9);
      expect(c.logPx).toBe(c.logPz + c.minusLogDet);
    });
  }

  it("the readout prints the frame's own numbers (largest gap, the two densities at the probed pixel)", () => {
    const frame = densityTwoWaysFrame({...o, n: 5000, grid: GRID});
    const [a, b] = readoutLines(frame, o, s);
    expect(a).toContain(`largest |a − b| = ${frame.maxDifference.toFixed(4)}`);
    expect(a).toContain("5,000 samples");
    const at = pixelAt(frame, s.hx, s.hy);
    expect(b).toContain(`(b) ${at.formula.toFixed(4)} · (a) ${at.kde.toFixed(4)}`);
    // the pixel's formula value is the change of variables at the pixel's centre
    const i = Math.floor(((s.hx + 4) * GRID) / 8);
    const j = Math.floor(((s.hy + 4) * GRID) / 8);
    const centre = probe(o, {hx: -4 + ((i + 0.5) * 8) / GRID, hy: -4 + ((j + 0.5) * 8) / GRID});
    assertInDelta(at.formula, Math.exp(centre.logPx), 1e-14);
  });

  it("renders (snapshot), and before the first frame", () => {
    const frame = densityTwoWaysFrame({...o, grid: GRID});
    expectSvgSnapshot("density-two-ways", densityTwoWays.render(frame, o, s));
    expect(densityTwoWays.render(undefined, o, s).textContent).toContain("sampling");
    expect(densityTwoWays.describe!(frame, o, s)).toContain("log p_X(x)");
  });
});
