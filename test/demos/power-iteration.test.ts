import {describe, expect, it} from "vitest";
import {singularValue2} from "../../engine/flows/spectral.ts";
import {defaults} from "../../engine/options/schema.ts";
import {computeFrame, estimatesOf, MAX_STEPS, powerIterationDemo, readoutLines} from "../../demos/power-iteration.ts";

const options = defaults(powerIterationDemo.options);
const base = defaults(powerIterationDemo.state);
const matrices = [
  [1, 0.6, 0.35, 0.8],
  [1, 0.1, 0.1, 0.9],
  [0.3, -1.5, 1.2, 0.4],
  [-2, 0.5, 0, 0.2],
  [0.5, 0.5, 0.5, 0.5]
];

describe("power-iteration", () => {
  it("σ̂ ≤ σ_max at every step, and σ̂ → σ_max", () => {
    for (const m of matrices) {
      for (const seed of [0, 3, 11]) {
        const {estimates} = estimatesOf(Float64Array.from(m), seed);
        const sigma = singularValue2(m[0]!, m[1]!, m[2]!, m[3]!);
        for (const e of estimates) expect(e).toBeLessThanOrEqual(sigma + 1e-12);
        expect(estimates).toHaveLength(MAX_STEPS + 1);
      }
      const {estimates} = estimatesOf(Float64Array.from(m), 3);
      const sigma = singularValue2(m[0]!, m[1]!, m[2]!, m[3]!);
      if (m[0] !== 1 || m[1] !== 0.1) expect(estimates.at(-1)!).toBeCloseTo(sigma, 4);
    }
    // Nearly equal singular values converge slowly, but monotonically closer after the first step.
    const slow = estimatesOf(Float64Array.of(1, 0.1, 0.1, 0.9), 3).estimates;
    for (let k = 2; k < slow.length; k++) expect(slow[k]!).toBeGreaterThanOrEqual(slow[k - 1]! - 1e-12);
  });

  it("the ellipse's longest semi-axis is singularValue2 (measured on 20,000 points of the circle)", () => {
    for (const [w11, w12, w21, w22] of matrices) {
      const f = computeFrame(options, {...base, w11: w11!, w12: w12!, w21: w21!, w22: w22!});
      let longest = 0;
      for (let i = 0; i < 20000; i++) {
        const t = (2 * Math.PI * i) / 20000;
        longest = Math.max(
          longest,
          Math.hypot(w11! * Math.cos(t) + w12! * Math.sin(t), w21! * Math.cos(t) + w22! * Math.sin(t))
        );
      }
      expect(f.sigmaMax).toBeCloseTo(longest, 6);
      expect(Math.hypot(...f.axis)).toBeCloseTo(f.sigmaMax, 9);
    }
  });

  it("an unconverged σ̂ under-normalizes: ‖W̃‖₂ > c until σ̂ reaches σ_max", () => {
    const start = computeFrame(options, {...base, steps: 0});
    expect(start.estimates[0]!).toBeLessThan(start.sigmaMax - 0.01);
    expect(readoutLines(start)[1]).toMatch(/> c = 0\.90/);
    expect(readoutLines(computeFrame(options, {...base, steps: 2}))[1]).toMatch(/> c = 0\.90/);
    const done = computeFrame(options, {...base, steps: MAX_STEPS});
    expect(readoutLines(done)[1]).toMatch(/≈ c = 0\.90/);
    // A W already below c is left alone.
    const small = computeFrame(options, {...base, w11: 0.5, w12: 0, w21: 0, w22: 0.3, steps: MAX_STEPS});
    expect(readoutLines(small)[1]).toMatch(/= 0\.5000 ≤ c = 0\.90/);
    expect(readoutLines(done)[0]).toContain(`σ_max = ${done.sigmaMax.toFixed(4)}`);
  });
});
