import {describe, expect, it} from "vitest";
import {gaussianW2Squared, type Gaussian2} from "../../../engine/metrics/gaussian-w2.ts";

const rotate = (g: Gaussian2, angle: number): Gaussian2 => {
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const [a, b, , d] = g.cov;
  // R S Rᵀ with R = [[c, −s], [s, c]].
  const r = [c * a - s * b, c * b - s * d, s * a + c * b, s * b + c * d];
  const cov = [r[0]! * c - r[1]! * s, r[0]! * s + r[1]! * c, r[2]! * c - r[3]! * s, r[2]! * s + r[3]! * c];
  const sym = (cov[1]! + cov[2]!) / 2;
  return {
    mean: [c * g.mean[0] - s * g.mean[1], s * g.mean[0] + c * g.mean[1]],
    cov: [cov[0]!, sym, sym, cov[3]!]
  };
};

describe("gaussianW2Squared", () => {
  it("equals |Δm|² + Σ(√a − √b)² for diagonal covariances", () => {
    const p: Gaussian2 = {mean: [0, 0], cov: [1, 0, 0, 1]};
    const q: Gaussian2 = {mean: [3, 0], cov: [0.25, 0, 0, 4]};
    expect(gaussianW2Squared(p, q)).toBeCloseTo(9 + 0.25 + 1, 12);
  });

  it("is symmetric and invariant under a common rotation, for covariances that do not commute", () => {
    const p: Gaussian2 = {mean: [1, -2], cov: [2, 0.7, 0.7, 0.5]};
    const q: Gaussian2 = {mean: [-1, 0.5], cov: [0.3, -0.2, -0.2, 1.4]};
    const d = gaussianW2Squared(p, q);
    expect(gaussianW2Squared(q, p)).toBeCloseTo(d, 12);
    expect(gaussianW2Squared(rotate(p, 0.9), rotate(q, 0.9))).toBeCloseTo(d, 10);
    expect(gaussianW2Squared(p, p)).toBeCloseTo(0, 12);
  });

  it("rejects a covariance that is not symmetric positive semi-definite", () => {
    const p: Gaussian2 = {mean: [0, 0], cov: [1, 2, 2, 1]};
    expect(() => gaussianW2Squared(p, p)).toThrow(/invalid p covariance/);
  });
});
