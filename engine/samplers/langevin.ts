/**
 * Langevin MCMC: the sampler of energy-based models, which know log p only up to a constant. The unadjusted Langevin
 * algorithm moves every particle uphill on log p and adds noise,
 *   x ← x + η ∇log p(x) + √(2η) ξ,  ξ ~ N(0, I),
 * whose stationary law tends to p as the step η → 0 (for a Gaussian N(μ, s²I) it is exactly N(μ, s²/(1 − η/(2s²)) I)).
 * Points are flat row-major [n, 2] Float64Arrays; randomness comes from the caller's seeded Rng.
 */
import type {LogDensityFn} from "../data/affine-density.ts";
import type {Rng} from "../random.ts";

/** ∇log p of n points x (flat [n, 2]) written into out (flat [n, 2]); returns out. */
export type ScoreFn = (out: Float64Array, x: Float64Array, n: number) => Float64Array;

/** The score of a 2D log-density by central differences with step h (four log-density passes of the batch). */
export function finiteDifferenceScore(logp: LogDensityFn, h = 1e-4): ScoreFn {
  if (!(h > 0)) throw new RangeError(`invalid h: ${h}`);
  return (out, x, n) => {
    if (x.length < 2 * n || out.length < 2 * n) throw new RangeError(`shape mismatch: [${n},2] for ${x.length} values`);
    const shifted = new Float64Array(2 * n);
    const plus = new Float64Array(n);
    const minus = new Float64Array(n);
    for (let axis = 0; axis < 2; axis++) {
      for (const [sign, into] of [
        [1, plus],
        [-1, minus]
      ] as const) {
        shifted.set(x.subarray(0, 2 * n));
        for (let i = 0; i < n; i++) shifted[2 * i + axis]! += sign * h;
        logp(into, shifted, n);
      }
      for (let i = 0; i < n; i++) out[2 * i + axis] = (plus[i]! - minus[i]!) / (2 * h);
    }
    return out;
  };
}

export interface LangevinOptions {
  /** Number of updates. */
  steps: number;
  /** Step size η > 0. */
  stepSize: number;
  /** Keep a copy of the particles every `every` steps (and at the start and the end). @defaultValue steps */
  every?: number;
}

/**
 * Runs unadjusted Langevin from x0 (flat [n, 2], not modified): returns the end points and the kept snapshots, the
 * first being x0 itself.
 */
export function langevin(
  score: ScoreFn,
  x0: Float64Array,
  n: number,
  random: Rng,
  options: LangevinOptions
): {x: Float64Array; kept: Float64Array[]} {
  const {steps, stepSize} = options;
  const every = options.every ?? steps;
  if (!(Number.isInteger(steps) && steps >= 0)) throw new RangeError(`invalid steps: ${steps}`);
  if (!(stepSize > 0 && Number.isFinite(stepSize))) throw new RangeError(`invalid stepSize: ${stepSize}`);
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`invalid every: ${every}`);
  if (x0.length < 2 * n) throw new RangeError(`shape mismatch: [${n},2] for ${x0.length} values`);
  const x = x0.slice(0, 2 * n);
  const g = new Float64Array(2 * n);
  const noise = Math.sqrt(2 * stepSize);
  const kept = [x.slice()];
  for (let k = 1; k <= steps; k++) {
    score(g, x, n);
    for (let i = 0; i < 2 * n; i++) x[i] = x[i]! + stepSize * g[i]! + noise * random.normal();
    if (k % every === 0 || k === steps) kept.push(x.slice());
  }
  return {x, kept};
}
