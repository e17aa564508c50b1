import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {mixtureResponsibilities} from "../../../engine/stats/responsibilities.ts";

const mixture = gaussianMixture({
  weights: [0.5, 0.3, 0.2],
  means: [
    [-1, 0],
    [1.5, 0.5],
    [0, -1.5]
  ],
  covs: [[0.6, 0.2, 0.2, 0.4], 0.3, [0.2, -0.05, -0.05, 0.9]]
});

/** N(x; m, S) in 2D written out from the formula, independently of the code under test. */
function normal2(x: number, y: number, m: readonly number[], S: readonly number[]): number {
  const det = S[0]! * S[3]! - S[1]! * S[2]!;
  const [dx, dy] = [x - m[0]!, y - m[1]!];
  const inv = [S[3]! / det, -S[1]! / det, -S[2]! / det, S[0]! / det];
  const q = dx * (inv[0]! * dx + inv[1]! * dy) + dy * (inv[2]! * dx + inv[3]! * dy);
  return Math.exp(-q / 2) / (2 * Math.PI * Math.sqrt(det));
}

describe("mixture responsibilities", () => {
  const points = Float64Array.of(0, 0, -1, 0.2, 1.4, 0.6, 0.1, -1.2, 3, 3, -8, 9);
  const n = points.length / 2;
  const {gamma, logDensity} = mixtureResponsibilities(mixture, points, n);
  const exact = new Float64Array(n);
  mixture.logDensity(exact, points, n);

  it("γ_k(x) sums to one and equals w_k N(x; m_k, S_k) / p(x) written out by hand", () => {
    for (let i = 0; i < n; i++) {
      const [x, y] = [points[2 * i]!, points[2 * i + 1]!];
      const parts = [0, 1, 2].map(
        (k) =>
          mixture.weights[k]! *
          normal2(
            x,
            y,
            [mixture.means[2 * k]!, mixture.means[2 * k + 1]!],
            [...mixture.covs.subarray(4 * k, 4 * k + 4)]
          )
      );
      const p = parts.reduce((a, b) => a + b, 0);
      expect(gamma[3 * i]! + gamma[3 * i + 1]! + gamma[3 * i + 2]!).toBeCloseTo(1, 14);
      // The far point (−8, 9) underflows the hand formula; its log-space weights still sum to one (above).
      if (p > 1e-200) for (let k = 0; k < 3; k++) expect(gamma[3 * i + k]!).toBeCloseTo(parts[k]! / p, 12);
    }
  });

  it("log p(x) equals the engine's gaussianMixture logDensity", () => {
    for (let i = 0; i < n; i++) expect(logDensity[i]!).toBeCloseTo(exact[i]!, 11);
  });

  it("refuses a singular covariance, naming the component", () => {
    const bad = {weights: Float64Array.of(1), means: Float64Array.of(0, 0), covs: Float64Array.of(1, 1, 1, 1)};
    expect(() => mixtureResponsibilities(bad, points, n)).toThrow(/invalid covariance of component 1/);
  });
});
