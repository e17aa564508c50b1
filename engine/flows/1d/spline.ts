/**
 * Monotone rational-quadratic spline (Durkan et al. 2019, "Neural Spline Flows", eqs. 4-8; nflows
 * `unconstrained_rational_quadratic_spline`) on [−B, B] with linear tails: the identity outside the bound, with
 * derivative 1 at both ends so the map is C¹. Parameters are unconstrained like nflows': bin widths and heights are
 * softmax-normalised with a floor, interior knot derivatives are min + softplus(·).
 */
import {softplus} from "../../autodiff/scalar.ts";
import type {Map1D} from "./map.ts";

export interface SplineOptions {
  /** Number of bins K. @defaultValue 8 */
  bins?: number;
  /** Tail bound B: the spline acts on [−B, B] and is the identity outside. @defaultValue 3 */
  bound?: number;
  /** K unnormalised bin widths (softmax logits). @defaultValue all 0 (equal bins) */
  widths?: ArrayLike<number>;
  /** K unnormalised bin heights. @defaultValue all 0 */
  heights?: ArrayLike<number>;
  /** K − 1 unnormalised interior derivatives. @defaultValue all IDENTITY_DERIVATIVE (derivative 1) */
  derivatives?: ArrayLike<number>;
}

/** nflows DEFAULT_MIN_BIN_WIDTH, DEFAULT_MIN_BIN_HEIGHT and DEFAULT_MIN_DERIVATIVE: 1e-3. */
const MIN_BIN = 1e-3;
const MIN_DERIVATIVE = 1e-3;
/** softplus⁻¹(1 − MIN_DERIVATIVE) = log(e^{0.999} − 1): the unnormalised derivative that gives derivative 1. */
export const IDENTITY_DERIVATIVE = Math.log(Math.expm1(1 - MIN_DERIVATIVE));

/** Knot positions 0 = c_0 < … < c_K = 2B shifted to start at −B, from softmax logits with a minimum bin size. */
function knots(logits: ArrayLike<number>, bound: number): Float64Array {
  const k = logits.length;
  let max = -Infinity;
  for (let i = 0; i < k; i++) max = Math.max(max, logits[i]!);
  let total = 0;
  const w = new Float64Array(k);
  for (let i = 0; i < k; i++) total += w[i] = Math.exp(logits[i]! - max);
  const out = new Float64Array(k + 1);
  out[0] = -bound;
  for (let i = 0; i < k; i++) out[i + 1] = out[i]! + 2 * bound * (MIN_BIN + (1 - MIN_BIN * k) * (w[i]! / total));
  out[k] = bound;
  return out;
}

/** The bin of v among knots c (last knot inclusive), by bisection. */
function bin(c: Float64Array, v: number): number {
  let lo = 0;
  let hi = c.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A monotone RQ spline; the identity everywhere at its default parameters. */
export function rqSpline(options: SplineOptions = {}): Map1D {
  const k = options.bins ?? options.widths?.length ?? 8;
  const bound = options.bound ?? 3;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`invalid bins: ${k}`);
  if (!(bound > 0)) throw new RangeError(`invalid bound: ${bound}`);
  const uw = options.widths ?? new Float64Array(k);
  const uh = options.heights ?? new Float64Array(k);
  const ud = options.derivatives ?? new Float64Array(k - 1).fill(IDENTITY_DERIVATIVE);
  if (uw.length !== k || uh.length !== k || ud.length !== k - 1) {
    throw new RangeError(
      `shape mismatch: widths ${uw.length}, heights ${uh.length}, derivatives ${ud.length} for ${k} bins`
    );
  }
  const xs = knots(uw, bound);
  const ys = knots(uh, bound);
  const d = new Float64Array(k + 1).fill(1);
  for (let i = 1; i < k; i++) d[i] = MIN_DERIVATIVE + softplus(ud[i - 1]!);

  /** ξ ∈ [0, 1] in bin i → y and log dy/dx. */
  function evalBin(i: number, xi: number): [number, number] {
    const w = xs[i + 1]! - xs[i]!;
    const h = ys[i + 1]! - ys[i]!;
    const s = h / w;
    const d0 = d[i]!;
    const d1 = d[i + 1]!;
    const t = xi * (1 - xi);
    const den = s + (d0 + d1 - 2 * s) * t;
    const y = ys[i]! + (h * (s * xi * xi + d0 * t)) / den;
    const num = s * s * (d1 * xi * xi + 2 * s * t + d0 * (1 - xi) * (1 - xi));
    return [y, Math.log(num) - 2 * Math.log(den)];
  }

  const inside = (v: number) => v >= -bound && v <= bound;
  return {
    name: "spline",
    forward(z) {
      if (!inside(z)) return z;
      const i = bin(xs, z);
      return evalBin(i, (z - xs[i]!) / (xs[i + 1]! - xs[i]!))[0];
    },
    inverse(x) {
      if (!inside(x)) return x;
      const i = bin(ys, x);
      const w = xs[i + 1]! - xs[i]!;
      const h = ys[i + 1]! - ys[i]!;
      const s = h / w;
      const d0 = d[i]!;
      const sum = d0 + d[i + 1]! - 2 * s;
      const dy = x - ys[i]!;
      // Solve a ξ² + b ξ + c = 0 in the stable form ξ = 2c / (−b − √(b² − 4ac)) (nflows, NSF eqs. 6-8).
      const a = h * (s - d0) + dy * sum;
      const b = h * d0 - dy * sum;
      const c = -s * dy;
      const xi = (2 * c) / (-b - Math.sqrt(Math.max(0, b * b - 4 * a * c)));
      return xs[i]! + xi * w;
    },
    logDerivative(z) {
      if (!inside(z)) return 0;
      const i = bin(xs, z);
      return evalBin(i, (z - xs[i]!) / (xs[i + 1]! - xs[i]!))[1];
    }
  };
}
