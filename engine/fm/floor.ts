/**
 * The floor C of the CFM loss (lecture D4.9, §8.11): L_CFM(θ) = L_FM(θ) + C with
 * C = E_t E_{x_t} tr Var[u_t(X_t | X₁) | X_t = x_t], the conditional target's variance left after the best
 * regression on x_t. Estimated by Monte Carlo over (t, x_t) with the closed-form variance of the marginal field
 * (law of total variance, marginal.ts), and reported per coordinate (divided by d = 2) with its standard error.
 */
import type {Dataset2D} from "../data/dataset.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import type {Rng} from "../random.ts";
import type {MarginalField} from "./marginal.ts";

/** The per-coordinate floor and the standard error of its Monte Carlo estimate. */
export interface CfmFloor {
  value: number;
  stderr: number;
  samples: number;
}

/** C / d from n draws t ~ U[0, 1] (clamped to the path's training times), x₁ ~ q, x₀ ~ N(0, I). */
export function cfmFloor(
  path: ProbabilityPath,
  marginal: MarginalField,
  target: Dataset2D,
  n: number,
  random: Rng
): CfmFloor {
  if (!path.oneSided) throw new RangeError(`invalid path: ${path.name} (the floor needs a one-sided path)`);
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`invalid n: ${n} (an integer ≥ 2)`);
  const x1 = target.sample(n, random);
  const x0 = new Float64Array(2 * n);
  random.fillNormal(x0);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = Math.min(path.tMax, Math.max(path.tMin, random.uniform()));
  const xt = new Float64Array(2 * n);
  path.sample(xt, x0, x1, t, x0, n);
  const variance = new Float64Array(1);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    marginal.targetVariance(variance, xt.subarray(2 * i, 2 * i + 2), 1, t[i]!);
    const v = variance[0]! / 2;
    sum += v;
    squares += v * v;
  }
  const value = sum / n;
  const stderr = Math.sqrt(Math.max(0, squares / n - value * value) / (n - 1));
  return {value, stderr, samples: n};
}
