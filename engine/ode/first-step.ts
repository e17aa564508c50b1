import type {Deriv} from "./stepper.ts";

/**
 * Hairer's first-step heuristic (Solving ODEs I, §II.4; the same as scipy's `select_initial_step` and torchdiffeq's
 * `_select_initial_step`) for a method whose error estimate has order 4. Costs one evaluation, f(t0 + h0, y0 + h0 f0).
 * `y1` and `f1` are scratch of the state's size. Returns |h|, at most the interval length.
 */
export function initialStep(
  f: Deriv,
  y0: Float64Array,
  f0: Float64Array,
  t0: number,
  t1: number,
  rtol: number,
  atol: number,
  y1: Float64Array,
  f1: Float64Array
): number {
  const n = y0.length;
  const span = Math.abs(t1 - t0);
  const dir = Math.sign(t1 - t0);
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < n; i++) {
    const scale = atol + rtol * Math.abs(y0[i]!);
    d0 += (y0[i]! / scale) ** 2;
    d1 += (f0[i]! / scale) ** 2;
  }
  d0 = Math.sqrt(d0 / n);
  d1 = Math.sqrt(d1 / n);
  const h0 = Math.min(d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1, span);
  for (let i = 0; i < n; i++) y1[i] = y0[i]! + dir * h0 * f0[i]!;
  f(f1, y1, t0 + dir * h0);
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += ((f1[i]! - f0[i]!) / (atol + rtol * Math.abs(y0[i]!))) ** 2;
  d2 = Math.sqrt(d2 / n) / h0;
  const dmax = Math.max(d1, d2);
  // Exponent 1/(p+1) with p = 4, the order of the embedded error estimate.
  const h1 = dmax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / dmax) ** (1 / 5);
  return Math.min(100 * h0, h1, span);
}
