import {describe, expect, it} from "vitest";
import {rng} from "../../../engine/random.ts";
import {logitNormalTime, shiftedTime, shiftTime, uniformTime} from "../../../engine/time/samplers.ts";
import {assertInDelta} from "../../assert.ts";

const n = 40000;

/** Empirical histogram on 10 bins against the integral of the density over each bin (midpoint rule, 50 cells). */
function checkDensity(sample: Float64Array, density: (t: number) => number) {
  const bins = new Float64Array(10);
  for (const v of sample) bins[Math.min(9, Math.floor(v * 10))]! += 1 / sample.length;
  for (let b = 0; b < 10; b++) {
    let mass = 0;
    for (let c = 0; c < 50; c++) mass += density((b + (c + 0.5) / 50) / 10) / 500;
    // Binomial standard error of a bin is at most 0.0025 at n = 40000; allow 4 of them.
    assertInDelta(bins[b]!, mass, 0.01, `bin ${b}`);
  }
}

describe("time samplers", () => {
  it("uniform has mean 1/2 and variance 1/12", () => {
    const t = uniformTime().sample(new Float64Array(n), n, rng(1));
    const mean = t.reduce((a, b) => a + b) / n;
    const variance = t.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    assertInDelta(mean, 0.5, 0.005);
    assertInDelta(variance, 1 / 12, 0.002);
  });

  it("logit-normal samples follow its closed-form density and integrate to one", () => {
    const s = logitNormalTime({mean: 0.5, std: 0.8});
    checkDensity(s.sample(new Float64Array(n), n, rng(2)), s.density!);
    // The median of sigmoid(μ + ς ν) is sigmoid(μ).
    const sorted = s.sample(new Float64Array(n), n, rng(3)).sort();
    assertInDelta(sorted[n / 2]!, 1 / (1 + Math.exp(-0.5)), 0.01);
  });

  it("the SD3 shift acts in diffusion time s = 1 − t and pushes mass towards the noise end", () => {
    // κ = 3, t = 0.5: s = 0.5 ↦ 1.5 / 2 = 0.75, so t' = 0.25.
    expect(shiftTime(0.5, 3)).toBeCloseTo(0.25, 15);
    expect(shiftTime(0, 3)).toBe(0);
    expect(shiftTime(1, 3)).toBe(1);
    expect(shiftTime(0.3, 1)).toBeCloseTo(0.3, 15);
    // Shifting by 1/κ inverts shifting by κ.
    expect(shiftTime(shiftTime(0.37, 3), 1 / 3)).toBeCloseTo(0.37, 14);
    const s = shiftedTime(3);
    const t = s.sample(new Float64Array(n), n, rng(4));
    checkDensity(t, s.density!);
    // E[s'] = ∫₀¹ κs / (1 + (κ − 1)s) ds = κ/(κ − 1) − κ ln κ / (κ − 1)² = 0.676 for κ = 3.
    assertInDelta(t.reduce((a, b) => a + b) / n, 1 - (3 / 2 - (3 * Math.log(3)) / 4), 0.005);
  });

  it("rejects bad options", () => {
    expect(() => logitNormalTime({std: 0})).toThrow("invalid std: 0");
    expect(() => shiftedTime(-1)).toThrow("invalid shift: -1");
  });
});
