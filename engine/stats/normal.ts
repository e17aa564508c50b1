/**
 * The standard normal in one dimension: density, distribution function Φ and its inverse, to about 1e-15, for the
 * probability basics of deck 1 (areas under a density, inverse-CDF sampling, exact expectations).
 */
import {HALF_LOG_2PI} from "../flows/1d/map.ts";

const SQRT1_2PI = Math.exp(-HALF_LOG_2PI);

/** φ(x) = e^{−x²/2} / √(2π). */
export function normalPdf(x: number): number {
  return SQRT1_2PI * Math.exp(-0.5 * x * x);
}

/**
 * erfc(x) = 1 − erf(x): the Taylor series of erf below |x| = 2.5, a continued fraction (modified Lentz) above, so
 * that the upper tail keeps its relative accuracy (erfc(6) ≈ 2.2e-17 is not rounded to 0).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) return 1 - erfSeries(x);
  return (Math.exp(-x * x) / Math.sqrt(Math.PI)) * erfcFraction(x);
}

/** erf(x) = 1 − erfc(x), computed by the series near 0 so that small arguments keep their relative accuracy. */
export function erf(x: number): number {
  return Math.abs(x) < 2.5 ? erfSeries(x) : 1 - erfc(x);
}

/** erf(x) = 2/√π Σ_n (−1)ⁿ x^{2n+1} / (n! (2n + 1)), summed until the terms no longer change the sum. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + …)))), the continued fraction of √π e^{x²} erfc(x), for x ≥ 2.5. */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/** Φ(x) = P(Z ≤ x) for Z ~ N(0, 1), = erfc(−x/√2) / 2 (accurate in both tails). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Φ⁻¹(p) for p in (0, 1) (±Infinity at 0 and 1): Acklam's rational approximation (relative error 1e-9), then one
 * Halley step on Φ, which brings it to the accuracy of Φ itself.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (a number in [0, 1])`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const x = acklam(p);
  const e = normalCdf(x) - p;
  const u = e / normalPdf(x);
  return x - u / (1 + (x * u) / 2);
}

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const LOW = 0.02425;

function acklam(p: number): number {
  if (p < LOW) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - LOW) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

function tail(q: number): number {
  return (
    (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
    ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
  );
}
