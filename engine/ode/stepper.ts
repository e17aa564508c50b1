/**
 * The ODE protocol shared by every solver. A state is one flat Float64Array (many particles × dim, possibly followed
 * by a log-density block); the right-hand side writes dy/dt into `out` without allocating.
 */

/** Right-hand side of y' = f(y, t): writes dy/dt into `out` (same length as `y`). Must not keep `y` or `out`. */
export type Deriv = (out: Float64Array, y: Float64Array, t: number) => void;

/** A fixed-step explicit method. Scratch is allocated on the first call and again only when the state size changes. */
export interface Stepper {
  /** Solver name as used by `integrate` and the CLI, e.g. "rk4". */
  readonly name: string;
  /** Order of the global error: error = O(dt^order). */
  readonly order: number;
  /** Right-hand-side evaluations per step. */
  readonly stages: number;
  /** One step from (y, t) to t + dt (dt may be negative); writes y(t + dt) into `out`, which may be `y` itself. */
  step(f: Deriv, y: Float64Array, t: number, dt: number, out: Float64Array): void;
}

/**
 * `count` scratch vectors of the state's size, reallocated only when the size changes: the steppers' `_k1…_k4`.
 * Returns a function giving the current set for a length.
 */
export function scratch(count: number): (length: number) => Float64Array[] {
  let vectors: Float64Array[] = [];
  return (length) => {
    if (vectors[0]?.length !== length) vectors = Array.from({length: count}, () => new Float64Array(length));
    return vectors;
  };
}

/** Throws `non-finite state at t=…` when any entry of `y` is NaN or ±Infinity. */
export function assertFinite(y: Float64Array, t: number): void {
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) throw new Error(`non-finite state at t=${formatTime(t)}`);
  }
}

/** A time for error messages: 6 significant digits, no trailing zeros. */
export function formatTime(t: number): string {
  return String(+t.toPrecision(6));
}
