import {rk4} from "../ode/rk4.ts";
import {checkBatch, type VelocityField} from "./field.ts";

/** Options of `traceParticles`. */
export interface TraceParticlesOptions {
  /** The requested step; the run takes K = round((t1 − t0)/dt) equal steps (at least 1) so it ends on t1. */
  dt: number;
  /** @defaultValue 0 */
  t0?: number;
  /** @defaultValue 1 */
  t1?: number;
  /** A particle farther than this from the origin (or not finite) stops: the solution escaped. @defaultValue 1e6 */
  limit?: number;
}

/** Paths of particles moved by a field, with where each one stopped. */
export interface TracedParticles {
  n: number;
  /** K, the number of RK4 steps; the step is h = (t1 − t0)/K. */
  steps: number;
  h: number;
  t0: number;
  t1: number;
  /** [K + 1, n, 2]: row k holds every particle at t0 + k h; a stopped particle keeps its last finite position. */
  paths: Float64Array;
  /** Per particle: the time of the first step that left |x| ≤ limit, or Infinity if it stayed (the ODE's escape). */
  stoppedAt: Float64Array;
}

/**
 * Moves each of the n points of `starts` along dx/dt = u_t(x) with classic RK4 at a fixed step, from t0 to t1, one
 * particle at a time, so that one particle that escapes to infinity (a field that is not Lipschitz, e.g. u = (x², 0),
 * whose solution x/(1 − x t) has no global solution) stops alone and records when.
 */
export function traceParticles(
  field: VelocityField,
  starts: Float64Array,
  n: number,
  options: TraceParticlesOptions
): TracedParticles {
  if (field.dim !== 2) throw new RangeError(`invalid field: dimension ${field.dim} (traceParticles moves 2D points)`);
  checkBatch(starts, n, 2);
  const {dt, t0 = 0, t1 = 1, limit = 1e6} = options;
  if (!(dt > 0 && Number.isFinite(dt))) throw new RangeError(`invalid dt: ${dt} (a positive step)`);
  if (!(Number.isFinite(t0) && Number.isFinite(t1) && t1 > t0)) {
    throw new RangeError(`invalid time span: [${t0}, ${t1}]`);
  }
  if (!(limit > 0)) throw new RangeError(`invalid limit: ${limit}`);
  const steps = Math.max(1, Math.round((t1 - t0) / dt));
  const h = (t1 - t0) / steps;
  const paths = new Float64Array((steps + 1) * n * 2);
  const stoppedAt = new Float64Array(n).fill(Infinity);
  const stepper = rk4();
  const f = (out: Float64Array, y: Float64Array, t: number) => field.velocity(out, y, 1, t);
  const y = new Float64Array(2);
  const next = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    y[0] = starts[2 * i]!;
    y[1] = starts[2 * i + 1]!;
    paths[2 * i] = y[0];
    paths[2 * i + 1] = y[1];
    let stopped = !(Math.hypot(y[0], y[1]) <= limit);
    if (stopped) stoppedAt[i] = t0;
    for (let k = 1; k <= steps; k++) {
      const row = 2 * (k * n + i);
      if (!stopped) {
        stepper.step(f, y, t0 + (k - 1) * h, h, next);
        const r = Math.hypot(next[0]!, next[1]!);
        if (!(r <= limit)) {
          stopped = true;
          stoppedAt[i] = t0 + k * h;
          // Keep a far but finite position for drawing: the particle left through the edge it was heading to.
          if (Number.isFinite(r)) y.set(next);
        } else {
          y.set(next);
        }
      }
      paths[row] = y[0]!;
      paths[row + 1] = y[1]!;
    }
  }
  return {n, steps, h, t0, t1, paths, stoppedAt};
}
