/**
 * Path (kinetic) energy of a flow, E = ∫_0^1 E|v_t(x_t)|² dt (lecture §8.14), by the trapezoid rule over the
 * solver's time grid along sampled trajectories. E ≥ E|x1 − x0|² ≥ W2²(p0, p1); OT-CFM with the true plan attains W2².
 */

/**
 * @param velocities one flat [n, d] array per grid time: the velocities of the same n particles at that time
 * @param times increasing grid times t_0 < ... < t_K (usually 0 … 1)
 * @param n number of particles
 */
export function pathEnergy(velocities: readonly Float64Array[], times: ArrayLike<number>, n: number): number {
  if (velocities.length !== times.length || times.length < 2) {
    throw new RangeError(`shape mismatch: ${velocities.length} velocity frames vs ${times.length} times (need >= 2)`);
  }
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid n: ${n}`);
  let energy = 0;
  let previous = meanSquaredNorm(velocities[0]!, n);
  for (let k = 1; k < times.length; k++) {
    const dt = times[k]! - times[k - 1]!;
    if (!(dt > 0)) throw new RangeError(`invalid time grid: t[${k}] = ${times[k]} after ${times[k - 1]}`);
    const current = meanSquaredNorm(velocities[k]!, n);
    energy += 0.5 * dt * (previous + current);
    previous = current;
  }
  return energy;
}

/** (1/n) Σ_i |v_i|² for a flat [n, d] array. */
export function meanSquaredNorm(v: Float64Array, n: number): number {
  if (v.length % n !== 0) throw new RangeError(`shape mismatch: velocity frame of length ${v.length} for n = ${n}`);
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
  return s / n;
}
