/**
 * The protocol every 2D toy distribution implements. Samples are flat row-major Float64Arrays [n, 2] (x0, y0, x1,
 * y1, ...); datasets are targets at t = 1 or sources at t = 0 of a flow, and say nothing about time themselves.
 */
import type {Rng} from "../random.ts";

/** Plot window [xmin, xmax, ymin, ymax] that holds almost all of the mass. */
export type Extent = readonly [number, number, number, number];

export interface Dataset2D {
  /** Registry name, kebab-case (e.g. "ffjord-8gaussians"). */
  readonly name: string;
  /** One line: the recipe and its source. */
  readonly description: string;
  /** Draws n points as a fresh flat [n, 2] array; the same rng state gives the same points. */
  sample(n: number, rng: Rng): Float64Array;
  /**
   * Exact log-density (nats) of n points x (flat [n, 2]) written into out [n] and returned; -Infinity off the support.
   * Present only where the recipe has a closed form.
   */
  logDensity?(out: Float64Array, x: Float64Array, n: number): Float64Array;
  /**
   * Differential entropy H(p) in nats: the floor of any model's expected test NLL (the cross-entropy of a model is
   * never below it). Computed from the exact density wherever the recipe has one (closed form or quadrature, see
   * `entropyMethod`); a k-NN estimate only for recipes without a tractable density. Absent for degenerate cases.
   */
  readonly entropy?: number;
  /** Bound on |entropy − H(p)| in nats: the quadrature's error, or the k-NN estimate's bias and noise. */
  readonly entropyError?: number;
  /** How `entropy` was obtained, in a few words (e.g. "closed form", "Gauss-Hermite quadrature", "k-NN estimate"). */
  readonly entropyMethod?: string;
  /** Where to look when plotting. */
  readonly extent: Extent;
}

/** Throws unless n is a non-negative integer. */
export function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid sample count: ${n}`);
}

/** Throws unless x holds n 2D points and out n values. */
export function checkDensityShapes(out: Float64Array, x: Float64Array, n: number): void {
  if (x.length !== 2 * n) throw new RangeError(`shape mismatch: x of length ${x.length} vs [${n},2]`);
  if (out.length !== n) throw new RangeError(`shape mismatch: out of length ${out.length} vs [${n}]`);
}

/** Swaps whole rows of a flat [n, 2] array in place (Fisher-Yates), as sklearn's `shuffle` does for X. */
export function shuffleRows(x: Float64Array, rng: Rng): Float64Array {
  const n = x.length / 2;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = x[2 * i]!;
    const b = x[2 * i + 1]!;
    x[2 * i] = x[2 * j]!;
    x[2 * i + 1] = x[2 * j + 1]!;
    x[2 * j] = a;
    x[2 * j + 1] = b;
  }
  return x;
}

/** Applies x ↦ a·x + b to every point in place (per-axis scale and offset). */
export function affineInPlace(x: Float64Array, ax: number, ay: number, bx = 0, by = 0): Float64Array {
  for (let i = 0; i < x.length; i += 2) {
    x[i] = ax * x[i]! + bx;
    x[i + 1] = ay * x[i + 1]! + by;
  }
  return x;
}

/** Adds independent N(0, std²) noise to every coordinate in place. */
export function addGaussianNoise(x: Float64Array, std: number, rng: Rng): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! + std * rng.normal();
  return x;
}
