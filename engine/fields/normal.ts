import {checkBatch} from "./field.ts";
import {checkSpd, det, inv, type Mat2, type Vec2} from "./mat2.ts";

/** log(2π), for Gaussian normalising constants. */
const LOG_2PI = Math.log(2 * Math.PI);

/** Writes log N(x_i; mean, cov) for n 2D points into `out` (length n). cov must be symmetric positive definite. */
export function normalLogDensity(out: Float64Array, x: Float64Array, n: number, mean: Vec2, cov: Mat2): void {
  checkBatch(x, n, 2);
  checkSpd(cov, "covariance");
  const p = inv(cov);
  const constant = -LOG_2PI - 0.5 * Math.log(det(cov));
  for (let i = 0; i < n; i++) {
    const d0 = x[2 * i]! - mean[0];
    const d1 = x[2 * i + 1]! - mean[1];
    out[i] = constant - 0.5 * (p[0] * d0 * d0 + (p[1] + p[2]) * d0 * d1 + p[3] * d1 * d1);
  }
}
