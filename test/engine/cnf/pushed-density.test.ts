import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {pushedDensity} from "../../../engine/cnf/pushed-density.ts";
import {linearField} from "../../../engine/fields/linear.ts";
import type {Mat2, Vec2} from "../../../engine/fields/mat2.ts";
import {normalLogDensity} from "../../../engine/fields/normal.ts";
import {fieldPreset} from "../../../engine/fields/presets.ts";

const mean: Vec2 = [0.4, 0.9];
const cov: Mat2 = [0.36, 0, 0, 0.09];
const base = normalBase(mean, cov);

describe("pushedDensity", () => {
  it("equals the closed-form push-forward of a Gaussian for linear presets (Σ_t = e^{tA} Σ0 e^{tA}ᵀ)", () => {
    for (const name of ["spiral", "saddle", "shear"] as const) {
      const preset = fieldPreset(name);
      const t = 0.7;
      const grid = pushedDensity(preset, base, {t, size: 24});
      const pushed = linearField({a: preset.matrix!}).pushGaussian(mean, cov, t);
      const points = new Float64Array(2 * 24 * 24);
      for (let j = 0; j < 24; j++)
        for (let i = 0; i < 24; i++) {
          points[2 * (j * 24 + i)] = -3 + (i + 0.5) * 0.25;
          points[2 * (j * 24 + i) + 1] = -3 + (j + 0.5) * 0.25;
        }
      const exact = new Float64Array(24 * 24);
      normalLogDensity(exact, points, 24 * 24, pushed.mean, pushed.cov);
      for (let i = 0; i < exact.length; i++) {
        if (exact[i]! > -30) expect(Math.abs(grid.logp[i]! - exact[i]!)).toBeLessThan(1e-6);
      }
      expect(grid.escaped).toBe(0);
    }
  });

  it("keeps the mass ≈ 1 while the density stays in view", () => {
    for (const name of ["rotation", "swirl", "drift", "two-well"] as const) {
      const field = fieldPreset(name, {strength: name === "two-well" ? 0.15 : 1});
      const grid = pushedDensity(field, base, {t: 1, size: 48, stepsPerUnit: 60});
      expect(Math.abs(grid.mass - 1)).toBeLessThan(0.02);
    }
  });

  it("gives p_t = 0 outside the image of φ_t for two-well, whose backward paths escape", () => {
    const grid = pushedDensity(fieldPreset("two-well"), base, {t: 1, size: 32});
    expect(grid.escaped).toBeGreaterThan(0);
    expect(grid.logp.filter((v) => v === -Infinity).length).toBe(grid.escaped);
    // The far left and right columns are outside: the cubic pulls every x₁ into a strip around the wells.
    expect(grid.logp[0]).toBe(-Infinity);
  });

  it("refuses bad options by name", () => {
    expect(() => pushedDensity(fieldPreset("sink"), base, {size: 1})).toThrow(/invalid size/);
    expect(() => pushedDensity(fieldPreset("sink"), base, {t: 2})).toThrow(/invalid t/);
  });
});
