import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {fieldPresetNames} from "../../engine/fields/presets.ts";
import {presetField} from "../../demos/fields/presets.ts";
import {
  at,
  BOUNDARY,
  computeProbe,
  diskParticles,
  divergenceProbe,
  PARTICLES,
  readoutLines,
  rimArea,
  STEPS
} from "../../demos/divergence-probe.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(divergenceProbe.state);

describe("divergence-probe", () => {
  it("has about a hundred particles, the rim polygon's area is close to πr²", () => {
    expect(PARTICLES).toBeGreaterThanOrEqual(90);
    expect(PARTICLES).toBeLessThanOrEqual(120);
    const r = 0.3;
    const polygon = (BOUNDARY / 2) * r * r * Math.sin((2 * Math.PI) / BOUNDARY);
    assertInDelta(rimArea(diskParticles(1, -1, r)), polygon, 1e-14);
  });

  it("the heatmap's values are the engine's divergence at the cell centres, and equal the formula for two-well", () => {
    const f = computeProbe(base);
    const {nx, values} = f.divergence;
    const k = base.strength;
    for (const [i, j] of [
      [3, 5],
      [31, 40],
      [60, 12]
    ] as const) {
      const x = -3 + ((i + 0.5) * 6) / nx;
      // u = (−4k x(x² − 1), −y): ∇·u = −4k(3x² − 1) − 1, independent of y
      assertInDelta(values[j * nx + i]!, -4 * k * (3 * x * x - 1) - 1, 1e-12);
    }
  });

  it("d/dt log 𝒱 measured on the disk → ∇·u at its centre as the disk shrinks (two-well, nonlinear)", () => {
    // the gap is the disk's mean of ∇·u minus its centre value: O(r²), a quarter for each halving of r
    const gaps = [0.2, 0.1, 0.05, 0.025].map((r) => {
      const f = computeProbe({...base, r});
      return Math.abs(at(f.rate, 0.5) - at(f.centreDivergence, 0.5));
    });
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThan(0.35 * gaps[i - 1]!);
    expect(gaps[3]!).toBeLessThan(0.01);
  });

  it("the measured rate is the time derivative of the log of the measured area", () => {
    const f = computeProbe(base);
    for (const k of [10, 50, 90]) {
      const fd = (Math.log(f.area[k + 1]!) - Math.log(f.area[k - 1]!)) * (STEPS / 2);
      assertInDelta(f.rate[k]!, fd, 2e-3 * Math.max(1, Math.abs(fd)), `k = ${k}`);
    }
  });

  it("linear presets: the area grows exactly as e^{t tr A}; rotation keeps it", () => {
    for (const preset of ["sink", "source", "saddle", "shear", "spiral", "rotation"] as const) {
      const f = computeProbe({...base, preset, strength: 1, r: 0.4});
      const tr = presetField(preset, 1).matrix!;
      const trace = tr[0] + tr[3];
      assertInDelta(f.area[STEPS]! / f.area[0]!, Math.exp(trace), 1e-6 * Math.exp(Math.abs(trace)), preset);
      for (const k of [0, 40, STEPS]) assertInDelta(f.rate[k]!, trace, 1e-9, `${preset} rate`);
    }
  });

  it("every preset runs and the readout prints the computed numbers", () => {
    for (const preset of fieldPresetNames) {
      const f = computeProbe({...base, preset});
      expect(Number.isFinite(f.area[STEPS]!)).toBe(true);
    }
    const f = computeProbe(base);
    const [, second] = readoutLines(f, 0.5);
    expect(second).toContain(at(f.rate, 0.5).toFixed(3).replace("-", "−"));
  });

  it("draws its defaults and computes a frame fast enough for the page", () => {
    computeProbe({...base, px: 0}); // warm up
    // the fastest of five computations (the machine may be shared)
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      computeProbe({...base, px: i / 10});
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(20);
    const f = computeProbe(base);
    expectSvgSnapshot("divergence-probe", divergenceProbe.render(f, {}, base));
    expect(divergenceProbe.describe!(f, {}, base)).toContain("d/dt log 𝒱");
  });
});
