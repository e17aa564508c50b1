import {describe, expect, it} from "vitest";
import {iCfmPath} from "../../engine/paths/cfm.ts";
import {rng} from "../../engine/random.ts";
import {clocks, DATA_MEAN, DATA_VAR, marginal, readout, timeMirror, weights} from "../../demos/time-mirror.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

describe("time-mirror", () => {
  it("draws the straight path's weights: α_t = t on x₁, σ_t = 1 − t on x₀, from the engine's path", () => {
    const path = iCfmPath(0);
    for (const t of [0, 0.3, 0.75, 1]) {
      const {alpha, sigma} = weights(t);
      expect(alpha).toBeCloseTo(t, 15);
      expect(sigma).toBeCloseTo(1 - t, 15);
      expect(alpha).toBe(path.coefficients(t).b);
    }
  });

  it("the diffusion clock is ours mirrored: a_s = α_{1−s}, b_s = σ_{1−s}, and the readouts agree", () => {
    const [ours, diffusion] = clocks;
    for (const u of [0.1, 0.4, 0.95]) {
      expect(weights(diffusion!.ours(u))).toEqual(weights(1 - u));
      expect(weights(ours!.ours(u))).toEqual(weights(u));
    }
    expect(readout(ours!, 0.3)).toBe("t = 0.30: αₜ 0.30, σₜ 0.70");
    expect(readout(diffusion!, 0.3)).toBe("s = 0.70: aₛ 0.30, bₛ 0.70");
  });

  it("its band is the law of x_t = α_t x₁ + σ_t x₀ (checked against 40,000 seeded draws)", () => {
    const random = rng(5);
    const n = 40_000;
    for (const t of [0.2, 0.6]) {
      const {alpha, sigma} = weights(t);
      let [s1, s2] = [0, 0];
      for (let i = 0; i < n; i++) {
        const x1 = DATA_MEAN + Math.sqrt(DATA_VAR) * random.normal();
        const x = alpha * x1 + sigma * random.normal();
        s1 += x;
        s2 += x * x;
      }
      const mean = s1 / n;
      const sd = Math.sqrt(s2 / n - mean * mean);
      const exact = marginal(t);
      // Within 4 standard errors of the mean and of the standard deviation.
      expect(Math.abs(mean - exact.mean)).toBeLessThan((4 * exact.sd) / Math.sqrt(n));
      expect(Math.abs(sd - exact.sd)).toBeLessThan((4 * exact.sd) / Math.sqrt(2 * n));
    }
  });

  it("draws both clocks, each with its path and its weights (snapshot)", () => {
    const figure = timeMirror.render(undefined, {}, {t: 0.3});
    expect(figure.querySelectorAll("svg").length).toBe(4);
    expect(figure.textContent).toContain("s = 0.70: aₛ 0.30, bₛ 0.70");
    expect(timeMirror.describe!(undefined, {}, {t: 0.3})).toContain("mean 0.60");
    expectSvgSnapshot("timeMirror", figure);
  });
});
