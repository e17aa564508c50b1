import type {LinearField} from "./linear.ts";
import {add, apply, checkSpd, det, inv, mul, trace, transpose, type Mat2, type Vec2} from "./mat2.ts";

/**
 * A Gaussian p_0 = N(m_0, Σ_0) carried by a linear field u(x) = A x + b: p_t = N(m_t, Σ_t) with m_t, Σ_t from the
 * field's exact flow (lecture D3.12-D3.14). Every derivative the continuity equation talks about is closed-form here,
 * and none of them is computed from the continuity equation itself:
 * - the partial derivative at a fixed point y, by differentiating the Gaussian formula in t with ṁ = A m + b and
 *   Σ̇ = A Σ + Σ Aᵀ: ∂_t log p = −½ tr(Σ⁻¹Σ̇) + rᵀΣ⁻¹ṁ + ½ rᵀΣ⁻¹Σ̇Σ⁻¹r, r = y − m;
 * - the spatial gradient ∇_x p = −p Σ⁻¹ r;
 * - the divergence ∇·u = tr A.
 */
export interface LinearGaussianPath {
  readonly field: LinearField;
  /** Mean and covariance of p_t. */
  moments(t: number): {mean: Vec2; cov: Mat2};
  /** log p_t(y). */
  logDensity(y: Vec2, t: number): number;
  /** p_t(y). */
  density(y: Vec2, t: number): number;
  /** ∇_x p(y, t). */
  gradient(y: Vec2, t: number): Vec2;
  /** (∂_t p)(y, t): the rate seen by an observer standing still at y. */
  partialT(y: Vec2, t: number): number;
  /** x_t = φ_t(x_0), the exact flow. */
  position(x0: Vec2, t: number): Vec2;
  /** u(x) = A x + b. */
  velocity(x: Vec2): Vec2;
  /** ∇·u = tr A (the same everywhere). */
  readonly divergence: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** The Gaussian path N(m_0, Σ_0) pushed by `field`; throws a RangeError for a covariance that is not positive definite. */
export function linearGaussianPath(field: LinearField, mean0: Vec2, cov0: Mat2): LinearGaussianPath {
  checkSpd(cov0, "initial covariance");
  if (!(det(cov0) > 0)) throw new RangeError(`singular initial covariance: [${cov0.join(", ")}]`);
  if (!mean0.every(Number.isFinite)) throw new RangeError(`invalid initial mean: [${mean0.join(", ")}]`);
  const a = field.a;
  const at = transpose(a);
  let cache: {t: number; mean: Vec2; cov: Mat2; prec: Mat2; logNorm: number} | undefined;
  const state = (t: number) => {
    if (cache?.t !== t) {
      const {mean, cov} = field.pushGaussian(mean0, cov0, t);
      cache = {t, mean, cov, prec: inv(cov), logNorm: -LOG_2PI - 0.5 * Math.log(det(cov))};
    }
    return cache;
  };
  const residual = (y: Vec2, mean: Vec2): Vec2 => [y[0] - mean[0], y[1] - mean[1]];
  const quad = (m: Mat2, r: Vec2) => {
    const [p, q] = apply(m, r);
    return r[0] * p + r[1] * q;
  };
  const logDensity = (y: Vec2, t: number) => {
    const s = state(t);
    return s.logNorm - 0.5 * quad(s.prec, residual(y, s.mean));
  };
  const velocity = (x: Vec2): Vec2 => {
    const [p, q] = apply(a, x);
    return [p + field.b[0], q + field.b[1]];
  };
  return {
    field,
    divergence: trace(a),
    moments: (t) => ({mean: state(t).mean, cov: state(t).cov}),
    logDensity,
    density: (y, t) => Math.exp(logDensity(y, t)),
    gradient(y, t) {
      const s = state(t);
      const p = Math.exp(logDensity(y, t));
      const [g0, g1] = apply(s.prec, residual(y, s.mean));
      return [-p * g0, -p * g1];
    },
    partialT(y, t) {
      const s = state(t);
      const r = residual(y, s.mean);
      const mDot = velocity(s.mean);
      const sigmaDot = add(mul(a, s.cov), mul(s.cov, at));
      const pr = apply(s.prec, r);
      const rate = -0.5 * trace(mul(s.prec, sigmaDot)) + (pr[0] * mDot[0] + pr[1] * mDot[1]) + 0.5 * quad(sigmaDot, pr);
      return Math.exp(logDensity(y, t)) * rate;
    },
    position(x0, t) {
      const {e, g} = field.flowOver(t);
      const [p, q] = apply(e, x0);
      return [p + g[0], q + g[1]];
    },
    velocity
  };
}
