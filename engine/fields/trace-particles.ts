import {rk4} from "../ode/rk4.ts";
import {checkBatch, fieldDeriv, type VelocityField} from "./field.ts";

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
 * Moves the n points of `starts` along dx/dt = u_t(x) with classic RK4 at a fixed step, from t0 to t1, all in one
 * batch, dropping from the batch a particle that escapes to infinity (a field that is not Lipschitz, e.g. u = (x², 0),
 * whose solution x/(1 − x t) has no global solution): it stops where it left and records when.
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
  // The particles still moving: their indices and their states, stepped together (a field acts point by point, so
  // one particle's escape cannot spoil another's step); an escaped one is dropped from the batch.
  let live = Array.from({length: n}, (_, i) => i);
  let y: Float64Array = new Float64Array(2 * n);
  for (const i of live) {
    y[2 * i] = starts[2 * i]!;
    y[2 * i + 1] = starts[2 * i + 1]!;
    paths[2 * i] = y[2 * i]!;
    paths[2 * i + 1] = y[2 * i + 1]!;
    if (!(Math.hypot(y[2 * i]!, y[2 * i + 1]!) <= limit)) stoppedAt[i] = t0;
  }
  const keep = (next: Float64Array): Float64Array => {
    const kept: number[] = [];
    for (let j = 0; j < live.length; j++) if (stoppedAt[live[j]!] === Infinity) kept.push(j);
    if (kept.length === live.length) return next;
    const compact = new Float64Array(2 * kept.length);
    kept.forEach((j, m) => {
      compact[2 * m] = next[2 * j]!;
      compact[2 * m + 1] = next[2 * j + 1]!;
    });
    live = kept.map((j) => live[j]!);
    return compact;
  };
  y = keep(y);
  let next: Float64Array = new Float64Array(y.length);
  for (let k = 1; k <= steps; k++) {
    const m = live.length;
    if (m > 0) stepper.step(fieldDeriv(field, m), y, t0 + (k - 1) * h, h, next);
    // Row k: a stopped particle stays where it stopped; the batch writes the others (and the ones leaving now).
    const row = 2 * k * n;
    paths.copyWithin(row, row - 2 * n, row);
    for (let j = 0; j < m; j++) {
      const i = live[j]!;
      const r = Math.hypot(next[2 * j]!, next[2 * j + 1]!);
      if (!(r <= limit)) {
        stoppedAt[i] = t0 + k * h;
        // Keep a far but finite position for drawing: the particle left through the edge it was heading to.
        if (!Number.isFinite(r)) {
          next[2 * j] = y[2 * j]!;
          next[2 * j + 1] = y[2 * j + 1]!;
        }
      }
      paths[row + 2 * i] = next[2 * j]!;
      paths[row + 2 * i + 1] = next[2 * j + 1]!;
    }
    const moved = keep(next);
    if (moved === next) {
      // Swap the two buffers: no allocation while no particle escapes.
      next = y;
      y = moved;
    } else {
      y = moved;
      next = new Float64Array(y.length);
    }
  }
  return {n, steps, h, t0, t1, paths, stoppedAt};
}
