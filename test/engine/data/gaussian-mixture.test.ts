import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {rng} from "../../../engine/random.ts";

const mixture = gaussianMixture({
  weights: [1, 2, 1],
  means: [
    [-2, 0],
    [1, 1],
    [2, -2]
  ],
  covs: [0.3, [0.5, 0.2, 0.2, 0.4], [0.2, -0.1, -0.1, 0.6]]
});

describe("gaussianMixture", () => {
  it("normalises weights and exposes means and covariances", () => {
    expect(Array.from(mixture.weights)).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(mixture.means)).toEqual([-2, 0, 1, 1, 2, -2]);
    expect(Array.from(mixture.covs.subarray(0, 4))).toEqual([0.3, 0, 0, 0.3]);
  });

  it("has a log-density that integrates to 1 on a grid", () => {
    const h = 0.05;
    const side = Math.round(14 / h);
    const x = new Float64Array(2 * side * side);
    for (let i = 0; i < side; i++) {
      for (let j = 0; j < side; j++) {
        x[2 * (i * side + j)] = -7 + (i + 0.5) * h;
        x[2 * (i * side + j) + 1] = -7 + (j + 0.5) * h;
      }
    }
    const out = mixture.logDensity(new Float64Array(side * side), x, side * side);
    const total = out.reduce((s, v) => s + Math.exp(v) * h * h, 0);
    assertInDelta(total, 1, 1e-6, "∫ p");
  });

  it("matches the closed-form single Gaussian log-density and entropy", () => {
    const g = gaussianMixture({means: [[1, -1]], cov: [2, 0.5, 0.5, 1]});
    const det = 2 - 0.25;
    const [dx, dy] = [0.3 - 1, 0.7 + 1];
    const q = (1 * dx * dx - 2 * 0.5 * dx * dy + 2 * dy * dy) / det;
    const out = g.logDensity(new Float64Array(1), Float64Array.from([0.3, 0.7]), 1);
    assertInDelta(out[0]!, -0.5 * q - Math.log(2 * Math.PI) - 0.5 * Math.log(det), 1e-14, "log N");
    assertInDelta(g.entropy!, 1 + Math.log(2 * Math.PI) + 0.5 * Math.log(det), 1e-14, "H");
  });

  it("samples with the mixture's mean Σ w m and covariance Σ w (S + m mᵀ) − μ μᵀ", () => {
    const n = 100000;
    const x = mixture.sample(n, rng(1));
    const {weights: w, means: m, covs: S} = mixture;
    const mu = [0, 0];
    const second = [0, 0, 0, 0];
    for (let k = 0; k < 3; k++) {
      for (let a = 0; a < 2; a++) {
        mu[a]! += w[k]! * m[2 * k + a]!;
        for (let b = 0; b < 2; b++)
          second[2 * a + b]! += w[k]! * (S[4 * k + 2 * a + b]! + m[2 * k + a]! * m[2 * k + b]!);
      }
    }
    const sampleMean = [0, 0];
    const sampleSecond = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < 2; a++) {
        sampleMean[a]! += x[2 * i + a]! / n;
        for (let b = 0; b < 2; b++) sampleSecond[2 * a + b]! += (x[2 * i + a]! * x[2 * i + b]!) / n;
      }
    }
    // Standard errors here are below 0.01 for the means and 0.02 for the second moments.
    for (let a = 0; a < 2; a++) assertInDelta(sampleMean[a]!, mu[a]!, 0.03, `mean[${a}]`);
    for (let k = 0; k < 4; k++) assertInDelta(sampleSecond[k]!, second[k]!, 0.06, `E[x xᵀ][${k}]`);
  });

  it("rejects bad parameters", () => {
    expect(() => gaussianMixture({means: []})).toThrow(/invalid means/);
    expect(() => gaussianMixture({means: [[0, 0]], cov: [1, 2, 2, 1]})).toThrow(/invalid covariance/);
    expect(() => gaussianMixture({means: [[0, 0]], weights: [1, 2]})).toThrow(/shape mismatch/);
    expect(() => gaussianMixture({means: [[0, 0]], covs: [1, 1]})).toThrow(/shape mismatch/);
    expect(() => gaussianMixture({means: [[0, 0]], weights: [-1]})).toThrow(/invalid weight/);
  });
});
