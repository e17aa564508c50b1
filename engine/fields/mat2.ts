/**
 * 2×2 real matrices as row-major tuples [m11, m12, m21, m22], and 2-vectors as [v1, v2]. Small enough to allocate
 * freely in factories and per time value; never per point.
 */
export type Mat2 = readonly [number, number, number, number];
export type Vec2 = readonly [number, number];

export const identity: Mat2 = [1, 0, 0, 1];

export function det(m: Mat2): number {
  return m[0] * m[3] - m[1] * m[2];
}

export function trace(m: Mat2): number {
  return m[0] + m[3];
}

export function add(a: Mat2, b: Mat2, ka = 1, kb = 1): Mat2 {
  return [ka * a[0] + kb * b[0], ka * a[1] + kb * b[1], ka * a[2] + kb * b[2], ka * a[3] + kb * b[3]];
}

export function mul(a: Mat2, b: Mat2): Mat2 {
  return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]];
}

export function transpose(m: Mat2): Mat2 {
  return [m[0], m[2], m[1], m[3]];
}

export function inv(m: Mat2): Mat2 {
  const d = det(m);
  if (d === 0 || !Number.isFinite(d)) throw new RangeError(`singular matrix: [${m.join(",")}]`);
  return [m[3] / d, -m[1] / d, -m[2] / d, m[0] / d];
}

export function apply(m: Mat2, v: Vec2): Vec2 {
  return [m[0] * v[0] + m[1] * v[1], m[2] * v[0] + m[3] * v[1]];
}

/**
 * Principal square root of a symmetric positive (semi)definite 2×2 matrix: √M = (M + s I) / √(tr M + 2 s) with
 * s = √det M (Cayley-Hamilton for 2×2).
 */
export function sqrtSpd(m: Mat2): Mat2 {
  checkSpd(m, "matrix");
  const s = Math.sqrt(det(m));
  const r = Math.sqrt(trace(m) + 2 * s);
  return [(m[0] + s) / r, m[1] / r, m[2] / r, (m[3] + s) / r];
}

/** Throws unless m is symmetric positive semidefinite with a positive trace (a usable covariance). */
export function checkSpd(m: Mat2, what: string): void {
  const symmetric = Math.abs(m[1] - m[2]) <= 1e-12 * (Math.abs(m[0]) + Math.abs(m[3]));
  if (!m.every(Number.isFinite) || !symmetric || m[0] < 0 || m[3] < 0 || det(m) < 0 || trace(m) <= 0) {
    throw new RangeError(`invalid ${what}: [${m.join(",")}] (expected symmetric positive semidefinite)`);
  }
}

/** True when AB = BA to rounding: then functions of A and B share eigenvectors and flows have closed forms. */
export function commute(a: Mat2, b: Mat2): boolean {
  const ab = mul(a, b);
  const ba = mul(b, a);
  const scale = Math.max(...ab.map(Math.abs), ...ba.map(Math.abs), 1e-300);
  return ab.every((v, i) => Math.abs(v - ba[i]!) <= 1e-12 * scale);
}
