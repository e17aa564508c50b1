/**
 * A stratified draw of n points from the standard normal N(0, I₂): Box-Muller on a Latin hypercube of its two
 * uniforms, so that every one of n equal slices of the angle and every one of n equal slices of the radius' CDF holds
 * exactly one point. Each half-plane through the origin then holds n/2 points up to ±1, where an i.i.d. draw is off by
 * about √n/2: for a target of two separate parts (moons), that imbalance alone moves mass across the gap and adds
 * tenths to the W2 of a perfect model at n = 500 (measured). Evaluations use it for their source points.
 */
import {portableLog, portableSinCos2Pi} from "../portable-math.ts";
import type {Rng} from "../random.ts";

/** n points [n, 2], stratified as described above. */
export function stratifiedNormal(n: number, random: Rng): Float64Array {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid n: ${n}`);
  const radii = random.permutation(n);
  const angles = random.permutation(n);
  const out = new Float64Array(2 * n);
  const sc = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    // 1 − u in (0, 1]: the log never sees 0.
    const u = 1 - (radii[i]! + random.uniform()) / n;
    const r = Math.sqrt(-2 * portableLog(u));
    portableSinCos2Pi((angles[i]! + random.uniform()) / n, sc);
    out[2 * i] = r * sc[1]!;
    out[2 * i + 1] = r * sc[0]!;
  }
  return out;
}
