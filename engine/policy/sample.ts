/**
 * Sampling a conditional flow-matching policy u^θ_t(a | o) (lecture D4.27): actions start as noise a₀ ~ N(0, 1) and
 * follow da/dt = u^θ_t(a | o) from t = 0 to t = 1 with K explicit Euler steps, the observation o held fixed.
 */

/** A conditional velocity: out[i] = u_t(a_i | o_i) for rows [a_i, o_i] of `input` (n × 2), all at time t. */
export type ConditionalVelocity = (out: Float64Array, input: Float64Array, n: number, t: number) => void;

/** The actions after `steps` Euler steps from `noise` (one a₀ per sample), and their paths [steps + 1, n]. */
export function eulerActions(
  velocity: ConditionalVelocity,
  o: number,
  noise: ArrayLike<number>,
  steps: number
): {actions: Float64Array; paths: Float64Array} {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`invalid steps: ${steps}`);
  if (!Number.isFinite(o)) throw new RangeError(`invalid observation: ${o}`);
  const n = noise.length;
  const input = new Float64Array(2 * n);
  const u = new Float64Array(n);
  const paths = new Float64Array((steps + 1) * n);
  for (let i = 0; i < n; i++) {
    input[2 * i] = noise[i]!;
    input[2 * i + 1] = o;
    paths[i] = noise[i]!;
  }
  const h = 1 / steps;
  for (let k = 0; k < steps; k++) {
    velocity(u, input, n, k * h);
    for (let i = 0; i < n; i++) {
      const a = input[2 * i]! + h * u[i]!;
      input[2 * i] = a;
      paths[(k + 1) * n + i] = a;
    }
  }
  return {actions: paths.slice(steps * n), paths};
}
