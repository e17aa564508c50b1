/**
 * The floors results are read against. W2: the finite-sample floor of a dataset (engine-reference §3.2), W2 between
 * two independent samples of size n from the same distribution; a perfect model evaluated against an independent
 * test set of size n cannot beat it in expectation. NLL: the dataset's entropy, computed from its exact density where
 * it has one (engine/data), which no model's expected test NLL can beat.
 */
import type {Dataset2D} from "../data/dataset.ts";
import type {Rng} from "../random.ts";
import {w2} from "./w2.ts";

export interface W2Floor {
  /** Mean and sample standard deviation (n − 1 denominator; 0 for one repetition) of W2 over the repetitions. */
  mean: number;
  sd: number;
  n: number;
  reps: number;
  values: Float64Array;
}

/** Mean ± sd of W2 between pairs of independent n-point samples of `dataset`, over `reps` repetitions. */
export function w2Floor(dataset: Dataset2D, n: number, rng: Rng, reps = 5): W2Floor {
  if (!(Number.isInteger(reps) && reps >= 1)) throw new RangeError(`invalid reps: ${reps}`);
  const values = new Float64Array(reps);
  for (let r = 0; r < reps; r++) values[r] = w2(dataset.sample(n, rng), dataset.sample(n, rng), n);
  const mean = values.reduce((a, b) => a + b, 0) / reps;
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return {mean, sd: reps > 1 ? Math.sqrt(ss / (reps - 1)) : 0, n, reps, values};
}

/** A dataset's entropy floor for test NLLs, in nats, with how it was obtained. */
export interface EntropyFloor {
  value: number;
  /** Bound on |value − H|: 0 for a closed form, the quadrature's error, or ±0.02 for a k-NN estimate. */
  error: number;
  method: string;
}

/** The entropy floor of `dataset`, or undefined when it has none (degenerate recipes, user point clouds). */
export function entropyFloor(dataset: Dataset2D): EntropyFloor | undefined {
  const value = dataset.entropy;
  if (value === undefined) return undefined;
  return {value, error: dataset.entropyError ?? NaN, method: dataset.entropyMethod ?? "unstated"};
}
