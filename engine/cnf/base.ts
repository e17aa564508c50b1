import {identity, type Mat2, type Vec2} from "../fields/mat2.ts";
import {normalLogDensity} from "../fields/normal.ts";
import type {Rng} from "../random.ts";

/**
 * A base (source) density p0 for likelihoods. Structurally a subset of the datasets' protocol, so a dataset with an
 * exact `logDensity` can serve as a base as well.
 */
export interface BaseDensity {
  /** Writes log p0(x_i) for n points (n × 2, flat) into `out` (length n). */
  logDensity(out: Float64Array, x: Float64Array, n: number): void;
  /** Draws n points (n × 2, flat). */
  sample?(n: number, rng: Rng): Float64Array;
}

/** N(mean, cov) in 2D; the default is the standard normal, whose entropy is 1 + ln 2π = 2.838 nats. */
export function normalBase(mean: Vec2 = [0, 0], cov: Mat2 = identity): BaseDensity {
  const chol0 = Math.sqrt(cov[0]);
  const l10 = cov[2] / chol0;
  const l11 = Math.sqrt(cov[3] - l10 * l10);
  return {
    logDensity: (out, x, n) => normalLogDensity(out, x, n, mean, cov),
    sample(n, rng) {
      const z = rng.fillNormal(new Float64Array(2 * n)) as Float64Array;
      for (let i = 0; i < 2 * n; i += 2) {
        const z0 = z[i]!;
        const z1 = z[i + 1]!;
        z[i] = mean[0] + chol0 * z0;
        z[i + 1] = mean[1] + l10 * z0 + l11 * z1;
      }
      return z;
    }
  };
}
