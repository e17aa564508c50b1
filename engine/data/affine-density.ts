/**
 * Densities of affine copies: if x = a·y + b with y ~ p (a a scalar), then log p_x(x) = log p((x − b)/a) − 2 ln|a|
 * and H(x) = H(y) + 2 ln|a|, the scaling law that ties FFJORD's moons to sklearn's and DSB's 8 gaussians to FFJORD's.
 */
import {checkDensityShapes} from "./dataset.ts";

/** A log-density in the Dataset2D shape: log p of n points x (flat [n, 2]) into out [n]. */
export type LogDensityFn = (out: Float64Array, x: Float64Array, n: number) => Float64Array;

/** The log-density of a·y + (bx, by) for y with log-density `logp`. */
export function affineLogDensity(logp: LogDensityFn, a: number, bx = 0, by = 0): LogDensityFn {
  if (!(a !== 0 && Number.isFinite(a))) throw new RangeError(`invalid scale: ${a}`);
  const shift = 2 * Math.log(Math.abs(a));
  let scratch = new Float64Array(0);
  return (out, x, n) => {
    checkDensityShapes(out, x, n);
    if (scratch.length < 2 * n) scratch = new Float64Array(2 * n);
    const y = scratch.subarray(0, 2 * n);
    for (let i = 0; i < n; i++) {
      y[2 * i] = (x[2 * i]! - bx) / a;
      y[2 * i + 1] = (x[2 * i + 1]! - by) / a;
    }
    logp(out, y, n);
    for (let i = 0; i < n; i++) out[i] = out[i]! - shift;
    return out;
  };
}

/** H(a·Y + b) = H(Y) + 2 ln|a| in 2D. */
export function affineEntropy(h: number, a: number): number {
  return h + 2 * Math.log(Math.abs(a));
}
