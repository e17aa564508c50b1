import type {VelocityField} from "./field.ts";
import {flowPaths, flowPoints, type FlowPointsOptions} from "./flow-points.ts";
import type {Vec2} from "./mat2.ts";

/** Where the planar traces of two particles meet: the point, and the time each particle passes it. */
export interface TraceCrossing {
  point: Vec2;
  /** The time at which the particle started at `a` passes the point. */
  ta: number;
  /** The time at which the particle started at `b` passes the point. */
  tb: number;
}

export interface TraceCrossingOptions extends FlowPointsOptions {
  /** Samples of each trace over [0, 1] for the first search. @defaultValue 200 */
  samples?: number;
}

/**
 * The first point where the planar traces {φ_t(a)} and {φ_t(b)}, t ∈ [0, 1], intersect, or undefined when they do
 * not: a search over the two sampled polylines, refined by Newton's method on φ_ta(a) = φ_tb(b) (its Jacobian columns
 * are the two velocities). For a time-independent field such a point can only be a rest point or a shared orbit; for
 * a time-varying one the two times differ (two particles never occupy one point at one time).
 */
export function traceCrossing(
  field: VelocityField,
  a: Vec2,
  b: Vec2,
  options: TraceCrossingOptions = {}
): TraceCrossing | undefined {
  const {samples = 200} = options;
  if (!(Number.isInteger(samples) && samples >= 2))
    throw new RangeError(`invalid samples: ${samples} (an integer ≥ 2)`);
  const paths = flowPaths(field, new Float64Array([...a, ...b]), 2, samples, options);
  const pa = Float64Array.from({length: 2 * (samples + 1)}, (_, i) => paths[4 * (i >> 1) + (i & 1)]!);
  const pb = Float64Array.from({length: 2 * (samples + 1)}, (_, i) => paths[4 * (i >> 1) + 2 + (i & 1)]!);
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) {
      const hit = segments(pa, i, pb, j);
      if (!hit) continue;
      return refine(field, a, b, (i + hit[0]) / samples, (j + hit[1]) / samples, options);
    }
  }
  return undefined;
}

/** Where segment i of p meets segment j of q, as fractions along each, or undefined. */
function segments(p: Float64Array, i: number, q: Float64Array, j: number): [number, number] | undefined {
  const [px, py, rx, ry] = [p[2 * i]!, p[2 * i + 1]!, p[2 * i + 2]! - p[2 * i]!, p[2 * i + 3]! - p[2 * i + 1]!];
  const [qx, qy, sx, sy] = [q[2 * j]!, q[2 * j + 1]!, q[2 * j + 2]! - q[2 * j]!, q[2 * j + 3]! - q[2 * j + 1]!];
  const denom = rx * sy - ry * sx;
  if (denom === 0) return undefined;
  const u = ((qx - px) * sy - (qy - py) * sx) / denom;
  const v = ((qx - px) * ry - (qy - py) * rx) / denom;
  return u >= 0 && u < 1 && v >= 0 && v < 1 ? [u, v] : undefined;
}

/** Newton's method on F(s, r) = φ_s(a) − φ_r(b) = 0 from a first guess. */
function refine(
  field: VelocityField,
  a: Vec2,
  b: Vec2,
  s0: number,
  r0: number,
  options: FlowPointsOptions
): TraceCrossing {
  let [s, r] = [s0, r0];
  const ua = new Float64Array(2);
  const ub = new Float64Array(2);
  let xa = flowPoints(field, Float64Array.from(a), 1, 0, s, options);
  for (let it = 0; it < 30; it++) {
    xa = flowPoints(field, Float64Array.from(a), 1, 0, s, options);
    const xb = flowPoints(field, Float64Array.from(b), 1, 0, r, options);
    const [fx, fy] = [xa[0]! - xb[0]!, xa[1]! - xb[1]!];
    if (Math.hypot(fx, fy) < 1e-13) break;
    field.velocity(ua, xa, 1, s);
    field.velocity(ub, xb, 1, r);
    // J = [ua, −ub]; solve J (ds, dr) = −F.
    const det = ua[0]! * -ub[1]! - -ub[0]! * ua[1]!;
    if (det === 0) break;
    const ds = (-fx * -ub[1]! - -ub[0]! * -fy) / det;
    const dr = (ua[0]! * -fy - -fx * ua[1]!) / det;
    s = Math.min(1, Math.max(0, s + ds));
    r = Math.min(1, Math.max(0, r + dr));
  }
  return {point: [xa[0]!, xa[1]!], ta: s, tb: r};
}
