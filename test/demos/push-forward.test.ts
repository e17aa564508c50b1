import {describe, expect, it} from "vitest";
import {probeCount, probeDensity, pushForwardDemo, readouts, sliceOf, PROBE_RADIUS} from "../../demos/push-forward.ts";
import {GRID_SIZE, SLICES} from "../../engine/tasks/push-forward-options.ts";
import {pushForwardSnapshot} from "../../engine/tasks/push-forward.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

describe("push-forward", () => {
  it("prints at the probe the formula's p_t, which equals the worker's grid at a pixel centre", () => {
    for (const preset of ["two-well", "shear"] as const) {
      const f = pushForwardSnapshot({preset, n: 2000, seed: 0}, 12);
      const [i, j] = [27, 33];
      const [x, y] = [-3 + (i + 0.5) * (6 / GRID_SIZE), -3 + (j + 0.5) * (6 / GRID_SIZE)];
      const grid = f.density[12 * GRID_SIZE * GRID_SIZE + j * GRID_SIZE + i]!;
      expect(probeDensity({preset}, 12 / SLICES, x, y)).toBeCloseTo(grid, 5);
    }
  });

  it("counts the particles in the probe's disk", () => {
    const o = {preset: "spiral" as const, n: 3000, seed: 0};
    const f = pushForwardSnapshot(o, SLICES);
    const {count, estimate} = probeCount(f, o.n, SLICES, 0, 0.5);
    let direct = 0;
    for (let p = 0; p < o.n; p++) {
      const dx = f.particles[2 * (SLICES * o.n + p)]!;
      const dy = f.particles[2 * (SLICES * o.n + p) + 1]! - 0.5;
      if (Math.hypot(dx, dy) <= PROBE_RADIUS) direct++;
    }
    expect(count).toBe(direct);
    expect(estimate).toBeCloseTo(direct / (o.n * Math.PI * PROBE_RADIUS ** 2), 12);
  });

  it("reads out the mass and the probe, and draws the density, grid and probe", () => {
    const o = {preset: "two-well" as const, n: 2000, seed: 0};
    const s = {t: 1, px: 0.9, py: 0.35};
    expect(sliceOf(1)).toBe(SLICES);
    const f = pushForwardSnapshot(o, SLICES);
    const [mass, probe] = readouts(f, o, s);
    expect(mass).toMatch(/^mass in view Σ p_t ΔA = (0\.9[89]\d|1\.0[01]\d) \(formula, each pixel solved back\)$/);
    expect(probe).toMatch(/^probe: p_t = \d\.\d{3} \(formula\) · \d\.\d{3} \(\d+ particles\)$/);
    const figure = pushForwardDemo.render(f, o, s);
    expect(figure.querySelector("svg image")).not.toBeNull();
    expectSvgSnapshot("push-forward-two-well", figure);
  });

  it("says it is computing while the slice is not there yet", () => {
    expect(readouts(undefined, {preset: "sink", n: 100, seed: 0}, {t: 0.5, px: 0, py: 0})[0]).toBe(
      "computing p_t at t = 0.50…"
    );
  });
});
