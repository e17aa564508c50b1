import type {Deriv} from "../ode/stepper.ts";

/**
 * A time-dependent velocity field u_t(x) on batches of points: x is a flat row-major Float64Array of n × dim.
 * Time runs from t = 0 (noise/source) to t = 1 (data/target).
 */
export interface VelocityField {
  /** Dimension d of a point (2 for every demo). */
  readonly dim: number;
  /** Writes u_t(x_i) for the n points of `x` into `out` (n × dim). */
  velocity(out: Float64Array, x: Float64Array, n: number, t: number): void;
  /** Writes the exact divergence ∇·u_t(x_i) = tr ∂u/∂x into `out` (length n); omit to let callers approximate it. */
  divergence?(out: Float64Array, x: Float64Array, n: number, t: number): void;
  /** Writes the Jacobian-vector products (∂u_t/∂x)(x_i) v_i into `out` (n × dim), for Hutchinson estimates. */
  jvp?(out: Float64Array, x: Float64Array, v: Float64Array, n: number, t: number): void;
  /** Writes the exact flow map φ_{s→t}(x_i) (the ODE solution at t started from x_i at s) into `out` (n × dim). */
  flowMap?(out: Float64Array, x: Float64Array, n: number, s: number, t: number): void;
}

/** The ODE right-hand side of a field for a state of exactly n points. */
export function fieldDeriv(field: VelocityField, n: number): Deriv {
  return (out, y, t) => field.velocity(out, y, n, t);
}

/** Checks that a flat batch holds n points of dimension dim. */
export function checkBatch(x: Float64Array, n: number, dim: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid n: ${n}`);
  if (x.length < n * dim) throw new RangeError(`shape mismatch: [${x.length / dim},${dim}] vs [${n},${dim}]`);
}
