import {describe, expect, it} from "vitest";
import {linearField} from "../../../engine/fields/linear.ts";
import {normalLogDensity} from "../../../engine/fields/normal.ts";
import {GRID_SIZE, P0_COV, P0_MEAN, SLICES} from "../../../engine/tasks/push-forward-options.ts";
import {pushField, pushForwardJob, type PushForwardFrame} from "../../../engine/tasks/push-forward.ts";

function runToEnd(preset: "spiral" | "two-well" | "swirl", n: number): PushForwardFrame {
  const job = pushForwardJob({preset, n, seed: 1});
  let frame: PushForwardFrame | undefined;
  for (let i = 0; i < 100; i++) {
    const slice = job.run(50);
    frame = slice.frame ?? frame;
    if (slice.done) break;
  }
  return frame!;
}

/** χ² of the particles of slice k against the density, over 16 × 16 coarse cells holding an expected count ≥ 5. */
function chiSquare(f: PushForwardFrame, n: number, k: number) {
  const coarse = 16;
  const per = GRID_SIZE / coarse;
  const cell = (6 / GRID_SIZE) ** 2;
  const expected = new Float64Array(coarse * coarse);
  const observed = new Float64Array(coarse * coarse);
  for (let j = 0; j < GRID_SIZE; j++)
    for (let i = 0; i < GRID_SIZE; i++) {
      const c = Math.floor(j / per) * coarse + Math.floor(i / per);
      expected[c]! += f.density[k * GRID_SIZE * GRID_SIZE + j * GRID_SIZE + i]! * cell * n;
    }
  for (let p = 0; p < n; p++) {
    const x = f.particles[2 * (k * n + p)]!;
    const y = f.particles[2 * (k * n + p) + 1]!;
    if (Math.abs(x) >= 3 || Math.abs(y) >= 3) continue;
    const c = Math.floor(((y + 3) / 6) * coarse) * coarse + Math.floor(((x + 3) / 6) * coarse);
    observed[c]!++;
  }
  let chi = 0;
  let df = 0;
  for (let c = 0; c < expected.length; c++) {
    if (expected[c]! < 5) continue;
    chi += (observed[c]! - expected[c]!) ** 2 / expected[c]!;
    df++;
  }
  return {chi, df};
}

describe("push-forward task", () => {
  it("computes every slice; the linear preset's slices are the closed-form Gaussian and keep mass ≈ 1", () => {
    const f = runToEnd("spiral", 500);
    expect(f.computed).toBe(SLICES + 1);
    expect(f.method).toBe("closed form");
    for (let k = 0; k <= SLICES; k++) expect(Math.abs(f.mass[k]! - 1)).toBeLessThan(0.01);
    const {mean, cov} = linearField({a: pushField({preset: "spiral"}).matrix!}).pushGaussian(P0_MEAN, P0_COV, 0.5);
    const out = new Float64Array(1);
    const [i, j] = [20, 30];
    normalLogDensity(out, new Float64Array([-3 + (i + 0.5) * (6 / 48), -3 + (j + 0.5) * (6 / 48)]), 1, mean, cov);
    const k = SLICES / 2;
    expect(f.density[k * GRID_SIZE * GRID_SIZE + j * GRID_SIZE + i]).toBeCloseTo(Math.exp(out[0]!), 6);
  });

  it("solves each pixel back for two-well: mass ≈ 1 at every slice and particles agree with the density (χ²)", () => {
    const n = 4000;
    const f = runToEnd("two-well", n);
    expect(f.method).toBe("formula");
    for (let k = 0; k <= SLICES; k++) expect(Math.abs(f.mass[k]! - 1)).toBeLessThan(0.02);
    for (const k of [0, 10, 20]) {
      const {chi, df} = chiSquare(f, n, k);
      // E[χ²] ≈ df for a correct density; a wrong one (e.g. p₀ itself at t = 1) gives hundreds per cell.
      expect(df).toBeGreaterThan(5);
      expect(chi / df).toBeLessThan(3);
    }
  });

  it("matches particles and density for the time-varying swirl too", () => {
    const n = 3000;
    const f = runToEnd("swirl", n);
    const {chi, df} = chiSquare(f, n, SLICES);
    expect(chi / df).toBeLessThan(3);
  });
});
