/**
 * A fixed-step integration of a velocity field from t = 0 to t = 1 that can be taken a few time steps at a time
 * (Steppable, engine/steppable.ts), keeping every point's path as float32 trajectories [K+1, m, 2] for a page to
 * animate: the worker computes the path progressively and streams what is done (`computedUpTo`).
 */
import {maybeStepper, type FixedSolverName} from "../ode/solvers.ts";
import {assertFinite} from "../ode/stepper.ts";
import type {StepReport, Steppable} from "../steppable.ts";
import {checkBatch, fieldDeriv, type VelocityField} from "./field.ts";

export interface SteppedFlowOptions {
  /** @defaultValue "midpoint" */
  solver?: FixedSolverName;
  /** Time steps K over [0, 1]. @defaultValue 50 */
  steps?: number;
  /** Points whose paths are kept (the first `keep` of x0). @defaultValue all */
  keep?: number;
}

export interface SteppedFlow extends Steppable {
  /** [K+1, keep, 2]: the kept points at t = k/K; rows past `computedUpTo` are still zero. */
  readonly trajectories: Float32Array;
  /** The index k of the last time row written (0 before any step). */
  readonly computedUpTo: number;
  /** The current state of all n points [n, 2] (float64, updated in place). */
  readonly state: Float64Array;
  readonly done: boolean;
}

export function steppedFlow(
  field: VelocityField,
  x0: Float64Array,
  n: number,
  options: SteppedFlowOptions = {}
): SteppedFlow {
  const {solver = "midpoint", steps: K = 50, keep = n} = options;
  checkBatch(x0, n, 2);
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`invalid steps: ${K} (an integer ≥ 1)`);
  if (!(Number.isInteger(keep) && keep >= 0 && keep <= n)) throw new RangeError(`invalid keep: ${keep}`);
  const stepper = maybeStepper(solver);
  const f = fieldDeriv(field, n);
  const y = x0.slice(0, 2 * n);
  const trajectories = new Float32Array((K + 1) * keep * 2);
  trajectories.set(y.subarray(0, 2 * keep));
  let k = 0;
  return {
    trajectories,
    state: y,
    get computedUpTo() {
      return k;
    },
    get steps() {
      return k;
    },
    get done() {
      return k >= K;
    },
    step(count = 1): StepReport {
      if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`invalid count: ${count}`);
      const start = performance.now();
      const stop = Math.min(K, k + count);
      const taken = stop - k;
      for (; k < stop; k++) {
        stepper.step(f, y, k / K, 1 / K, y);
        assertFinite(y, (k + 1) / K);
        trajectories.set(y.subarray(0, 2 * keep), (k + 1) * keep * 2);
      }
      const seconds = (performance.now() - start) / 1000;
      return {steps: k, seconds, stepsPerSecond: taken / Math.max(seconds, 1e-9)};
    }
  };
}
