import {describe, expect, it} from "vitest";
import {computeFrame, hutchinson, hutchinsonVariances, MAX_M} from "../../demos/hutchinson.ts";
import {fieldPreset} from "../../engine/fields/presets.ts";
import {defaults} from "../../engine/options/schema.ts";

const o0 = defaults(hutchinson.options);
const s0 = defaults(hutchinson.state);

/** The exact divergence from the engine's own divergence of the preset. */
function exactDivergence(preset: string, strength: number, x: number, y: number): number {
  const out = new Float64Array(1);
  fieldPreset(preset as "shear", {strength}).divergence(out, Float64Array.of(x, y), 1, 0);
  return out[0]!;
}

describe("hutchinson", () => {
  it("rotation: S = 0, so every draw is exactly 0 for both probes", () => {
    for (const probe of ["gaussian", "rademacher"] as const) {
      const f = computeFrame(o0, {...s0, preset: "rotation", probe, m: 200});
      expect(f.draws.every((v) => v === 0)).toBe(true);
      expect(f.gaussianVariance).toBe(0);
      expect(f.rademacherVariance).toBe(0);
    }
  });

  it("isotropic scaling u = kx: Rademacher draws are exactly tr A = 2k, Gaussian variance 2k²d", () => {
    const k = 1.3;
    const f = computeFrame(o0, {...s0, preset: "source", strength: k, probe: "rademacher", m: 50});
    for (const v of f.draws) expect(v).toBeCloseTo(2 * k, 12);
    expect(f.rademacherVariance).toBeCloseTo(0, 12);
    expect(f.gaussianVariance).toBeCloseTo(2 * k * k * 2, 12);
  });

  it("the mean of M draws is within 3 SE of the engine's exact divergence, for every preset and probe", () => {
    for (const preset of ["shear", "two-well", "source"] as const) {
      for (const probe of ["gaussian", "rademacher"] as const) {
        const f = computeFrame({...o0, seed: 3}, {...s0, preset, probe, x1: 0.4, x2: -1.1, m: MAX_M});
        expect(f.exact).toBeCloseTo(exactDivergence(preset, 1, 0.4, -1.1), 12);
        const se = f.se[MAX_M - 1]!;
        expect(Math.abs(f.mean[MAX_M - 1]! - f.exact)).toBeLessThanOrEqual(3 * se + 1e-12);
      }
    }
  });

  it("the variance formulas match the empirical variance of 1000 draws within sampling tolerance", () => {
    // Shear: J = [[0, k], [0, 0]], S has off-diagonals k/2, diagonal 0: both formulas are k²; two-well at a
    // point off the saddle has a diagonal J, so Rademacher's variance is 0 and Gaussian's 2(J11² + J22²).
    for (const [preset, x1] of [
      ["shear", 0.4],
      ["two-well", 0.3]
    ] as const) {
      for (const probe of ["gaussian", "rademacher"] as const) {
        const f = computeFrame({...o0, seed: 5}, {...s0, preset, probe, x1, x2: 0.2, m: MAX_M});
        const formula = probe === "gaussian" ? f.gaussianVariance : f.rademacherVariance;
        // The sample variance of n draws has a relative sd of about √(2/n) (more for heavy tails): allow 25 %.
        if (formula === 0) expect(f.variance).toBeCloseTo(0, 12);
        else expect(Math.abs(f.variance - formula) / formula).toBeLessThan(0.25);
      }
    }
    expect(hutchinsonVariances([0, 1, 0, 0])).toEqual({gaussian: 1, rademacher: 1});
    // Rademacher is never larger than Gaussian.
    const v = hutchinsonVariances([1.5, -0.7, 0.2, -2]);
    expect(v.rademacher).toBeLessThanOrEqual(v.gaussian);
    expect(v.gaussian - v.rademacher).toBeCloseTo(2 * (1.5 ** 2 + 2 ** 2), 12);
  });

  it("J is the engine's Jacobian: the shear's J = [[0, k], [0, 0]] anywhere", () => {
    const f = computeFrame(o0, {...s0, preset: "shear", strength: 0.7, x1: -2, x2: 1});
    expect(Array.from(f.jacobian)).toEqual([0, 0.7, 0, 0]);
  });
});
