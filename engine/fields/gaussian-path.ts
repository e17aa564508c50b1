import {affineField, applyAffine, type AffineField} from "./affine.ts";
import {add, checkSpd, commute, identity, inv, mul, sqrtSpd, type Mat2, type Vec2} from "./mat2.ts";
import {normalLogDensity} from "./normal.ts";

export interface GaussianPathOptions {
  /** Source mean μ0. @defaultValue [0, 0] */
  mu0?: Vec2;
  /** Source covariance Σ0. @defaultValue identity */
  cov0?: Mat2;
  /** Target mean μ1. @defaultValue [0, 0] */
  mu1?: Vec2;
  /** Target covariance Σ1. @defaultValue identity */
  cov1?: Mat2;
  /** I-CFM path noise σ (x_t = (1−t)x0 + t x1 + σξ): adds σ²I to Σ_t. @defaultValue 0 */
  sigma?: number;
}

const defaults = {mu0: [0, 0] as Vec2, cov0: identity, mu1: [0, 0] as Vec2, cov1: identity, sigma: 0};

/** A field whose marginals p_t are Gaussian and known in closed form. */
export interface GaussianMarginalField extends AffineField {
  /** Mean of p_t. */
  mean(t: number): Vec2;
  /** Covariance of p_t. */
  cov(t: number): Mat2;
  /** Writes log p_t(x_i) for n points into `out` (length n). */
  logDensity(out: Float64Array, x: Float64Array, n: number, t: number): void;
}

export interface GaussianPathField extends GaussianMarginalField {
  /** Present when Σ0 and Σ1 commute (e.g. isotropic or both diagonal): z_t = Σ_t^½ Σ_s^-½ z_s, z = x − μ. */
  flowMap?(out: Float64Array, x: Float64Array, n: number, s: number, t: number): void;
}

/**
 * The marginal I-CFM field between independent Gaussians x0 ~ N(μ0, Σ0), x1 ~ N(μ1, Σ1) (engine-reference (d)2):
 * u_t(x) = (μ1 − μ0) + (tΣ1 − (1−t)Σ0) Σ_t⁻¹ (x − μ_t), μ_t = (1−t)μ0 + tμ1, Σ_t = (1−t)²Σ0 + t²Σ1 + σ²I.
 * Its divergence is tr((tΣ1 − (1−t)Σ0) Σ_t⁻¹) and p_t = N(μ_t, Σ_t).
 */
export function gaussianPathField(options: GaussianPathOptions = {}): GaussianPathField {
  const {mu0, cov0, mu1, cov1, sigma} = {...defaults, ...options};
  checkSpd(cov0, "cov0");
  checkSpd(cov1, "cov1");
  if (!(sigma >= 0)) throw new RangeError(`invalid sigma: ${sigma}`);
  const mean = (t: number): Vec2 => [(1 - t) * mu0[0] + t * mu1[0], (1 - t) * mu0[1] + t * mu1[1]];
  const cov = (t: number): Mat2 => add(add(cov0, cov1, (1 - t) ** 2, t * t), identity, 1, sigma * sigma);
  const field = affineField((t) => {
    const m = mul(add(cov1, cov0, t, -(1 - t)), inv(cov(t)));
    const mt = mean(t);
    const c: Vec2 = [mu1[0] - mu0[0] - m[0] * mt[0] - m[1] * mt[1], mu1[1] - mu0[1] - m[2] * mt[0] - m[3] * mt[1]];
    return {m, c};
  });
  const result: GaussianPathField = {
    ...field,
    mean,
    cov,
    logDensity: (out, x, n, t) => normalLogDensity(out, x, n, mean(t), cov(t))
  };
  if (commute(cov0, cov1)) {
    // Σ_t is then a polynomial in commuting matrices, M_t = ½ Σ_t' Σ_t⁻¹, and the flow scales by Σ_t^½ Σ_s^-½.
    result.flowMap = (out, x, n, s, t) =>
      applyAffine(out, x, n, mul(sqrtSpd(cov(t)), inv(sqrtSpd(cov(s)))), mean(s), mean(t));
  }
  return result;
}
