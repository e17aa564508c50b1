import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {ffjord8Gaussians} from "../../../engine/data/ffjord.ts";
import {gaussianMixture, type GaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {mixtureEntropy} from "../../../engine/data/mixture-entropy.ts";
import {dsb8Gaussians, runnerGaussians, torchcfm8Gaussians} from "../../../engine/data/torchcfm.ts";
import {rng} from "../../../engine/random.ts";

/** −mean log q over n samples of q, and its standard error. */
function monteCarlo(q: GaussianMixture, n: number, seed: number): {mean: number; se: number} {
  const logq = q.logDensity(new Float64Array(n), q.sample(n, rng(seed)), n);
  const mean = -logq.reduce((a, b) => a + b, 0) / n;
  const variance = logq.reduce((a, b) => a + (b + mean) ** 2, 0) / (n - 1);
  return {mean, se: Math.sqrt(variance / n)};
}

const mixtures = {ffjord8Gaussians, torchcfm8Gaussians, dsb8Gaussians};

describe("mixtureEntropy", () => {
  it("equals the closed form 1 + ln 2π + ½ ln det S of one Gaussian with a full covariance", () => {
    const g = gaussianMixture({means: [[1, -2]], cov: [2, 0.7, 0.7, 0.5], entropy: 0});
    assertInDelta(mixtureEntropy(g), 1 + Math.log(2 * Math.PI) + 0.5 * Math.log(2 * 0.5 - 0.49), 1e-12, "H");
  });

  it("converges: 40 and 80 nodes agree to 1e-8 on the registry's mixtures (their stated error)", () => {
    for (const [name, q] of Object.entries(mixtures)) {
      assertInDelta(mixtureEntropy(q, 40), mixtureEntropy(q, 80), 1e-8, name);
      expect(q.entropy, name).toBe(mixtureEntropy(q));
      expect(q.entropyError, name).toBe(1e-8);
    }
  });

  it("gives the floors of engine-reference §3.3 to their rounding: 2.832, 3.764, 5.722, 4.771", () => {
    assertInDelta(ffjord8Gaussians.entropy!, 2.832, 0.0005, "FFJORD");
    assertInDelta(torchcfm8Gaussians.entropy!, 3.764, 0.0005, "torchcfm");
    assertInDelta(dsb8Gaussians.entropy!, 5.722, 0.0005, "DSB");
    assertInDelta(runnerGaussians.entropy!, 4.771, 0.0005, "runner");
  });

  it("agrees with −mean log q of 100 000 samples within 4 standard errors", () => {
    for (const [name, q] of Object.entries(mixtures)) {
      const {mean, se} = monteCarlo(q, 100_000, 7);
      assertInDelta(mean, q.entropy!, 4 * se, name);
    }
  });

  it("DSB 8 gaussians is FFJORD's times 3·1.414: the floors differ by 2 ln(3·1.414) to 1e-6", () => {
    assertInDelta(dsb8Gaussians.entropy! - ffjord8Gaussians.entropy!, 2 * Math.log(3 * 1.414), 1e-6, "difference");
  });
});
