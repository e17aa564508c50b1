import type {AdaptiveSolver, StepObserver} from "./dopri5.ts";
import {isAdaptive, solver as makeSolver, type SolverName} from "./solvers.ts";
import {assertFinite, type Deriv, type Stepper} from "./stepper.ts";

/** Options of `integrate`; tolerances and limits apply to dopri5 only, `steps` to fixed-step solvers only. */
export interface IntegrateOptions {
  /** Start time. @defaultValue 0 */
  t0?: number;
  /** End time; t1 < t0 integrates backward. @defaultValue 1 */
  t1?: number;
  /** A solver name, a `Stepper`, or an adaptive solver such as `dopri5({...})`. @defaultValue "rk4" */
  solver?: SolverName | Stepper | AdaptiveSolver;
  /** Number of equal steps of a fixed-step solver. @defaultValue 20 */
  steps?: number;
  /** dopri5 relative tolerance. @defaultValue 1e-5 */
  rtol?: number;
  /** dopri5 absolute tolerance. @defaultValue 1e-5 */
  atol?: number;
  /** dopri5 attempted-step limit. @defaultValue 10000 */
  maxSteps?: number;
  /** dopri5 smallest step. @defaultValue 0 (10 ulp of t) */
  minStep?: number;
  /**
   * Times at which to record the state, in the direction of integration, or "steps" for every step boundary.
   * Fixed-step solvers record exact grid states, so each time must be a grid point t0 + k·dt (else RangeError);
   * dopri5 records step ends exactly and other times by its 4th-order dense output (Hairer's contd5).
   */
  saveAt?: readonly number[] | "steps";
}

const defaults = {t0: 0, t1: 1, solver: "rk4" as SolverName | Stepper | AdaptiveSolver, steps: 20};

/** Recorded states: `y[i]` is a fresh copy of the whole state at time `t[i]`. */
export interface Trajectory {
  t: number[];
  y: Float64Array[];
}

export interface IntegrateResult {
  /** State at t1 (a fresh array, same layout as y0). */
  y: Float64Array;
  /** Number of right-hand-side evaluations. */
  nfe: number;
  /** Accepted steps. */
  steps: number;
  /** Rejected attempts (dopri5 only; 0 otherwise). */
  rejected: number;
  /** Present when `saveAt` was given. */
  trajectory?: Trajectory;
}

/**
 * Solves y' = f(y, t) from t0 to t1 (forward or backward) for a flat state y0, which is not modified.
 * Throws `non-finite state at t=…` as soon as a step ends on NaN or ±Infinity; dopri5 may also throw
 * `step size underflow` or `too many steps`.
 */
export function integrate(f: Deriv, y0: Float64Array, options: IntegrateOptions = {}): IntegrateResult {
  const o = {...defaults, ...options};
  if (!Number.isFinite(o.t0) || !Number.isFinite(o.t1)) throw new RangeError(`invalid time span: ${o.t0} to ${o.t1}`);
  const s = typeof o.solver === "string" ? makeSolver(o.solver, o) : o.solver;
  const saveAt = o.saveAt === undefined || o.saveAt === "steps" ? o.saveAt : checkTimes(o.saveAt, o.t0, o.t1);
  if (isAdaptive(s)) return integrateAdaptive(f, y0, s, o.t0, o.t1, saveAt);
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new RangeError(`invalid steps: ${o.steps}`);
  return integrateFixed(f, y0, s, o.t0, o.t1, o.steps, saveAt);
}

function integrateFixed(
  f: Deriv,
  y0: Float64Array,
  stepper: Stepper,
  t0: number,
  t1: number,
  steps: number,
  saveAt: readonly number[] | "steps" | undefined
): IntegrateResult {
  const dt = (t1 - t0) / steps;
  const y = Float64Array.from(y0);
  assertFinite(y, t0);
  let nfe = 0;
  const g: Deriv = (out, yy, t) => (nfe++, f(out, yy, t));
  const indices =
    saveAt === undefined ? [] : saveAt === "steps" ? range(steps + 1) : gridIndices(saveAt, t0, dt, steps);
  const trajectory: Trajectory | undefined = saveAt === undefined ? undefined : {t: [], y: []};
  let next = 0;
  const record = (k: number) => {
    for (; next < indices.length && indices[next] === k; next++) {
      // The requested time itself (it is on the grid to 1e-9 steps), so callers can match times exactly.
      trajectory!.t.push(saveAt === "steps" ? (k === steps ? t1 : t0 + k * dt) : saveAt![next]!);
      trajectory!.y.push(Float64Array.from(y));
    }
  };
  record(0);
  for (let k = 0; k < steps; k++) {
    const t = t0 + k * dt;
    stepper.step(g, y, t, dt, y);
    assertFinite(y, k + 1 === steps ? t1 : t + dt);
    record(k + 1);
  }
  return {y, nfe, steps, rejected: 0, ...(trajectory && {trajectory})};
}

function integrateAdaptive(
  f: Deriv,
  y0: Float64Array,
  adaptive: AdaptiveSolver,
  t0: number,
  t1: number,
  saveAt: readonly number[] | "steps" | undefined
): IntegrateResult {
  if (saveAt === undefined) return adaptive.solve(f, y0, t0, t1);
  const trajectory: Trajectory = {t: [], y: []};
  const dir = t1 >= t0 ? 1 : -1;
  const times = saveAt === "steps" ? [t0] : saveAt;
  let next = 0;
  for (; next < times.length && times[next] === t0; next++) push(trajectory, t0, Float64Array.from(y0));
  const observer: StepObserver = (ta, tb, ya, yb, interpolate) => {
    if (saveAt === "steps") return push(trajectory, tb, Float64Array.from(yb));
    for (; next < times.length && dir * (times[next]! - tb) <= 0; next++) {
      const s = times[next]!;
      const out = new Float64Array(yb.length);
      if (s === tb) out.set(yb);
      else if (s === ta) out.set(ya);
      else interpolate(out, s);
      push(trajectory, s, out);
    }
  };
  return {...adaptive.solve(f, y0, t0, t1, observer), trajectory};
}

function push(trajectory: Trajectory, t: number, y: Float64Array): void {
  trajectory.t.push(t);
  trajectory.y.push(y);
}

/** Validates save times: finite, inside the span, in the direction of integration. */
function checkTimes(times: readonly number[], t0: number, t1: number): readonly number[] {
  const dir = t1 >= t0 ? 1 : -1;
  const slack = 1e-12 * Math.max(1, Math.abs(t0), Math.abs(t1));
  times.forEach((s, i) => {
    if (!Number.isFinite(s) || dir * (s - t0) < -slack || dir * (s - t1) > slack) {
      throw new RangeError(`invalid saveAt time: ${s} (outside ${t0} to ${t1})`);
    }
    if (i > 0 && dir * (s - times[i - 1]!) < 0) throw new RangeError(`invalid saveAt: times must run from t0 to t1`);
  });
  return times;
}

/** Grid index of each save time; a time off the grid t0 + k·dt is an error (no interpolation for fixed steps). */
function gridIndices(times: readonly number[], t0: number, dt: number, steps: number): number[] {
  return times.map((s) => {
    const k = (s - t0) / dt;
    const index = Math.round(k);
    if (Math.abs(k - index) > 1e-9 * Math.max(1, steps)) {
      throw new RangeError(`saveAt time not on the step grid: ${s} (dt = ${dt})`);
    }
    return index;
  });
}

function range(n: number): number[] {
  return Array.from({length: n}, (_, i) => i);
}
