import {affineField, applyAffine} from "./affine.ts";
import type {GaussianMarginalField} from "./gaussian-path.ts";
import {add, checkSpd, identity, inv, mul, sqrtSpd, trace, type Mat2, type Vec2} from "./mat2.ts";
import {normalLogDensity} from "./normal.ts";

export interface GaussianOtOptions {
  /** Source mean μ0. @defaultValue [0, 0] */
  mu0?: Vec2;
  /** Source covariance Σ0 (positive definite). @defaultValue identity */
  cov0?: Mat2;
  /** Target mean μ1. @defaultValue [0, 0] */
  mu1?: Vec2;
  /** Target covariance Σ1. @defaultValue identity */
  cov1?: Mat2;
}

const defaults = {mu0: [0, 0] as Vec2, cov0: identity, mu1: [0, 0] as Vec2, cov1: identity};

export interface GaussianOtField extends GaussianMarginalField {
  /** The symmetric OT map matrix A, T(x) = μ1 + A (x − μ0). */
  readonly map: Mat2;
  /** W2²(N(μ0, Σ0), N(μ1, Σ1)) = |μ1 − μ0|² + tr Σ0 + tr Σ1 − 2 tr (Σ0^½ Σ1 Σ0^½)^½. */
  readonly w2Squared: number;
  flowMap(out: Float64Array, x: Float64Array, n: number, s: number, t: number): void;
}

/**
 * The displacement-interpolation (OT-CFM with the true plan) field between two Gaussians (engine-reference (d)2):
 * A = Σ0^-½ (Σ0^½ Σ1 Σ0^½)^½ Σ0^-½, B_t = (1−t)I + tA, u_t(x) = (μ1 − μ0) + (A − I) B_t⁻¹ (x − μ_t).
 * Particles move on straight lines x_t = μ_t + B_t (x0 − μ0) at constant speed; p_t = N(μ_t, B_t Σ0 B_t).
 */
export function gaussianOtField(options: GaussianOtOptions = {}): GaussianOtField {
  const {mu0, cov0, mu1, cov1} = {...defaults, ...options};
  checkSpd(cov0, "cov0");
  checkSpd(cov1, "cov1");
  const root0 = sqrtSpd(cov0);
  const cross = sqrtSpd(mul(mul(root0, cov1), root0));
  const a = mul(mul(inv(root0), cross), inv(root0));
  const b = (t: number): Mat2 => add(identity, a, 1 - t, t);
  const mean = (t: number): Vec2 => [(1 - t) * mu0[0] + t * mu1[0], (1 - t) * mu0[1] + t * mu1[1]];
  const cov = (t: number): Mat2 => mul(mul(b(t), cov0), b(t));
  const dmu: Vec2 = [mu1[0] - mu0[0], mu1[1] - mu0[1]];
  const field = affineField((t) => {
    const m = mul(add(a, identity, 1, -1), inv(b(t)));
    const mt = mean(t);
    return {m, c: [dmu[0] - m[0] * mt[0] - m[1] * mt[1], dmu[1] - m[2] * mt[0] - m[3] * mt[1]]};
  });
  return {
    ...field,
    map: a,
    w2Squared: dmu[0] ** 2 + dmu[1] ** 2 + trace(cov0) + trace(cov1) - 2 * trace(cross),
    mean,
    cov,
    logDensity: (out, x, n, t) => normalLogDensity(out, x, n, mean(t), cov(t)),
    flowMap: (out, x, n, s, t) => applyAffine(out, x, n, mul(b(t), inv(b(s))), mean(s), mean(t))
  };
}
