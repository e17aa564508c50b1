import {describe, expect, it} from "vitest";
import {veDiffusionPath, vpDiffusionPath} from "../../../engine/paths/diffusion.ts";
import type {ProbabilityPath} from "../../../engine/paths/path.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

/** lecture §8.9, VP row: α_t = exp(−½T(1 − t)), σ_t = √(1 − α_t²), α̇ = ½β(1 − t)α, σ̇ = −αα̇/σ (β 0.1 → 20). */
function vpSchedule(t: number) {
  const s = 1 - t;
  const alpha = Math.exp(-0.5 * (0.1 * s + 0.5 * 19.9 * s * s));
  const sigma = Math.sqrt(1 - alpha * alpha);
  const dAlpha = 0.5 * (0.1 + 19.9 * s) * alpha;
  return {alpha, sigma, dAlpha, dSigma: (-alpha * dAlpha) / sigma};
}

/** lecture §8.9, VE row: α_t = 1, σ_t = σmin (σmax/σmin)^(1 − t), σ̇ = −ln(σmax/σmin) σ_t. */
function veSchedule(t: number, sigmaMin: number, sigmaMax: number) {
  const sigma = sigmaMin * (sigmaMax / sigmaMin) ** (1 - t);
  return {alpha: 1, sigma, dAlpha: 0, dSigma: -Math.log(sigmaMax / sigmaMin) * sigma};
}

type Schedule = ReturnType<typeof vpSchedule>;

/** x_t = α x1 + σ ε and u_t(x | x1) = (σ̇/σ)(x − α x1) + α̇ x1 on two 2D points at time t. */
function checkAgainst(path: ProbabilityPath, t: number, c: Schedule) {
  const x1 = Float64Array.from([1.5, -0.4, -2, 0.7]);
  const eps = Float64Array.from([0.3, 1.1, -0.8, 0.05]);
  const tt = Float64Array.from([t, t]);
  const xt = new Float64Array(4);
  const ut = new Float64Array(4);
  path.sample(xt, new Float64Array(0), x1, tt, eps, 2);
  path.velocity(ut, new Float64Array(0), x1, tt, xt, 2);
  const wantX = x1.map((v, k) => c.alpha * v + c.sigma * eps[k]!);
  const wantU = x1.map((v, k) => (c.dSigma / c.sigma) * (wantX[k]! - c.alpha * v) + c.dAlpha * v);
  assertAllClose(xt, wantX, {rtol: 1e-13, atol: 1e-15});
  assertAllClose(ut, wantU, {rtol: 1e-11, atol: 1e-13});
}

describe("diffusion paths as flow matching (lecture §8.9, flow time: t = 0 noise, t = 1 data)", () => {
  it("VP: α_t, σ_t and u_t follow the reversed VP schedule; α_0 = exp(−5.025) = 0.0065716, α_1 = 1", () => {
    const path = vpDiffusionPath();
    for (const t of [0, 0.25, 0.5, 0.9]) checkAgainst(path, t, vpSchedule(t));
    assertInDelta(path.coefficients(0).b, 0.0065716, 1e-7);
    assertInDelta(path.coefficients(0.5).b, 0.28118, 1e-5);
    expect(path.coefficients(1).b).toBe(1);
    expect(path.std(1)).toBe(0);
    expect(path.oneSided).toBe(true);
    expect(path.tMax).toBeLessThan(1);
  });

  it("VE: σ_t runs geometrically from σmax at t = 0 to σmin at t = 1, and the prior scale is σmax", () => {
    const path = veDiffusionPath({sigmaMin: 0.01, sigmaMax: 5});
    for (const t of [0, 0.3, 0.5, 1]) checkAgainst(path, t, veSchedule(t, 0.01, 5));
    assertInDelta(path.std(0), 5, 1e-12);
    assertInDelta(path.std(1), 0.01, 1e-15);
    expect(path.priorStd).toBe(5);
    expect(path.coefficients(0.4).b).toBe(1);
  });

  it("rejects empty or inverted ranges", () => {
    expect(() => vpDiffusionPath({betaMin: 5, betaMax: 1})).toThrow("invalid beta range: [5,1]");
    expect(() => veDiffusionPath({sigmaMin: 0, sigmaMax: 5})).toThrow("invalid sigma range: [0,5]");
    expect(() => veDiffusionPath({sigmaMin: 2, sigmaMax: 1})).toThrow(RangeError);
  });
});
