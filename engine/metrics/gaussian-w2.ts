/**
 * The exact squared 2-Wasserstein distance between two Gaussians in 2D (the Bures formula):
 * W2²(N(m0, S0), N(m1, S1)) = |m1 − m0|² + tr S0 + tr S1 − 2 tr (S0^{1/2} S1 S0^{1/2})^{1/2}.
 * The reference against which a coupling's cost E|x1 − x0|² is read (lecture §8.14: E ≥ E|x1 − x0|² ≥ W2²).
 */

/** A 2D Gaussian: mean [2] and row-major covariance [4]. */
export interface Gaussian2 {
  mean: readonly [number, number];
  cov: readonly [number, number, number, number];
}

/** W2² between two 2D Gaussians; throws a RangeError for a covariance that is not symmetric positive semi-definite. */
export function gaussianW2Squared(p: Gaussian2, q: Gaussian2): number {
  const a = checkCov(p.cov, "p");
  const b = checkCov(q.cov, "q");
  const r = sqrtm(a);
  // M = R B R (symmetric PSD); tr √M for a 2×2 PSD matrix is √(tr M + 2√det M).
  const rb = mul(r, b);
  const m = mul(rb, r);
  const det = Math.max(0, m[0] * m[3] - m[1] * m[2]);
  const trSqrt = Math.sqrt(Math.max(0, m[0] + m[3] + 2 * Math.sqrt(det)));
  const dx = q.mean[0] - p.mean[0];
  const dy = q.mean[1] - p.mean[1];
  return Math.max(0, dx * dx + dy * dy + a[0] + a[3] + b[0] + b[3] - 2 * trSqrt);
}

type M2 = [number, number, number, number];

function checkCov(c: readonly number[], name: string): M2 {
  const [s11, s12, s21, s22] = c as M2;
  const ok = [s11, s12, s21, s22].every(Number.isFinite) && s12 === s21 && s11 >= 0 && s22 >= 0;
  if (!ok || s11 * s22 - s12 * s21 < -1e-12) throw new RangeError(`invalid ${name} covariance: [${c.join(", ")}]`);
  return [s11, s12, s21, s22];
}

/** The PSD square root of a 2×2 PSD matrix: (A + √det A · I) / √(tr A + 2√det A). */
function sqrtm(a: M2): M2 {
  const s = Math.sqrt(Math.max(0, a[0] * a[3] - a[1] * a[2]));
  const t = Math.sqrt(a[0] + a[3] + 2 * s);
  if (t === 0) return [0, 0, 0, 0];
  return [(a[0] + s) / t, a[1] / t, a[2] / t, (a[3] + s) / t];
}

function mul(x: M2, y: M2): M2 {
  return [x[0] * y[0] + x[1] * y[2], x[0] * y[1] + x[1] * y[3], x[2] * y[0] + x[3] * y[2], x[2] * y[1] + x[3] * y[3]];
}
