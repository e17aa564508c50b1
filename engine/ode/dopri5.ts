import {assertFinite, formatTime, scratch, type Deriv} from "./stepper.ts";
import {initialStep} from "./first-step.ts";
import {attempt, errorRatio, interpolant, type Work} from "./tableau.ts";

/** Options of the adaptive Dormand-Prince solver. */
export interface Dopri5Options {
  /** Relative tolerance. @defaultValue 1e-5 (FFJORD's and flow_matching's choice) */
  rtol?: number;
  /** Absolute tolerance. @defaultValue 1e-5 */
  atol?: number;
  /** Attempted steps (accepted + rejected) before giving up with `too many steps`. @defaultValue 10000 */
  maxSteps?: number;
  /** Smallest |h| allowed; below it the solve fails with `step size underflow`. @defaultValue 0 (10 ulp of t) */
  minStep?: number;
  /** First |h|; omit for Hairer's selection, which costs one extra evaluation. */
  firstStep?: number;
}

const defaults = {rtol: 1e-5, atol: 1e-5, maxSteps: 10_000, minStep: 0};

/** Dense output of the last accepted step: writes y(s) for s between its two ends (4th-order accurate). */
export type Interpolant = (out: Float64Array, s: number) => void;

/** Called after each accepted step from (t, y) to (tNext, yNext); the arrays and interpolant are only valid then. */
export type StepObserver = (
  t: number,
  tNext: number,
  y: Float64Array,
  yNext: Float64Array,
  interpolate: Interpolant
) => void;

export interface AdaptiveResult {
  /** State at t1 (a fresh array). */
  y: Float64Array;
  /** Right-hand-side evaluations, including the two spent choosing the first step. */
  nfe: number;
  /** Accepted steps. */
  steps: number;
  /** Rejected step attempts. */
  rejected: number;
}

export interface AdaptiveSolver {
  readonly name: "dopri5";
  readonly order: 5;
  /** Integrates from t0 to t1 (either direction); one step size is shared by the whole state. */
  solve(f: Deriv, y0: Float64Array, t0: number, t1: number, observer?: StepObserver): AdaptiveResult;
}

// Step-size control as in scipy's RK45 and torchdiffeq: safety 0.9, growth at most ×10, shrink at most ×0.2, and the
// error exponent −1/5 (the embedded estimate is 4th order, so the local error is O(h^5)).
const SAFETY = 0.9;
const MAX_FACTOR = 10;
const MIN_FACTOR = 0.2;

/**
 * Adaptive Dormand-Prince 5(4) with FSAL (6 evaluations per attempted step), RMS error norm over the whole state
 * with scale atol + rtol·max(|y_n|, |y_n+1|), scipy's acceptance and step-factor rules, and Hairer's first step.
 * Fails with a clear error instead of looping: `non-finite state`, `step size underflow`, `too many steps`.
 */
export function dopri5(options: Dopri5Options = {}): AdaptiveSolver {
  const o = {...defaults, ...options};
  if (!(o.rtol >= 0) || !(o.atol >= 0) || o.rtol + o.atol <= 0) {
    throw new RangeError(`invalid tolerances: rtol ${o.rtol}, atol ${o.atol}`);
  }
  if (!(o.maxSteps >= 1)) throw new RangeError(`invalid maxSteps: ${o.maxSteps}`);
  const buffers = scratch(10);
  return {
    name: "dopri5",
    order: 5,
    solve(f, y0, t0, t1, observer) {
      const [y, yNew, stage, ...k] = buffers(y0.length) as [
        Float64Array,
        Float64Array,
        Float64Array,
        ...Float64Array[]
      ];
      let nfe = 0;
      const g: Deriv = (out, yy, t) => (nfe++, f(out, yy, t));
      y.set(y0);
      assertFinite(y, t0);
      if (t1 === t0) return {y: Float64Array.from(y), nfe, steps: 0, rejected: 0};
      g(k[0]!, y, t0);
      assertFinite(k[0]!, t0);
      const h = o.firstStep ?? initialStep(g, y, k[0]!, t0, t1, o.rtol, o.atol, stage, k[1]!);
      const counts = march(g, {y, yNew, stage, k}, t0, t1, h, o, observer);
      return {y: Float64Array.from(y), nfe, ...counts};
    }
  };
}

/** The step loop: attempts steps until t1, accepting when the error ratio is ≤ 1. */
function march(
  g: Deriv,
  w: Work,
  t0: number,
  t1: number,
  h0: number,
  o: typeof defaults,
  observer: StepObserver | undefined
): {steps: number; rejected: number} {
  const dir = Math.sign(t1 - t0);
  let t = t0;
  let hAbs = Math.abs(h0);
  let steps = 0;
  let rejected = 0;
  while (dir * (t1 - t) > 0) {
    const floor = Math.max(o.minStep, 10 * Math.max(Math.abs(t) * Number.EPSILON, Number.MIN_VALUE));
    hAbs = Math.max(hAbs, floor);
    for (let failed = false; ; failed = true) {
      if (steps + rejected >= o.maxSteps) {
        throw new Error(`too many steps: ${o.maxSteps} attempted by t=${formatTime(t)} (stiff field?)`);
      }
      if (!(hAbs >= floor)) {
        throw new Error(`step size underflow at t=${formatTime(t)} (stiff or exploding field)`);
      }
      const tNew = dir * (t + dir * hAbs - t1) > 0 ? t1 : t + dir * hAbs;
      const h = tNew - t;
      hAbs = Math.abs(h);
      attempt(g, w, t, h);
      const ratio = errorRatio(w, h, o.rtol, o.atol);
      if (ratio <= 1) {
        observer?.(t, tNew, w.y, w.yNew, interpolant(w, t, h));
        w.y.set(w.yNew);
        t = tNew;
        assertFinite(w.y, t);
        // FSAL: the last stage, f(t + h, y_n+1), is the next step's first.
        [w.k[0], w.k[6]] = [w.k[6]!, w.k[0]!];
        steps++;
        const grow = ratio === 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, SAFETY * ratio ** -0.2);
        hAbs *= failed ? Math.min(1, grow) : grow;
        break;
      }
      rejected++;
      hAbs *= ratio > 0 ? Math.max(MIN_FACTOR, SAFETY * ratio ** -0.2) : MIN_FACTOR; // NaN ratio: shrink hard
    }
  }
  return {steps, rejected};
}
