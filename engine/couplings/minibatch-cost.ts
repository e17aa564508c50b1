/**
 * What a minibatch coupling costs: the mean squared displacement E|x1 − x0|² of its pairs, averaged over independent
 * batches of size B, for the independent pairing and for the exact minibatch OT permutation of the same batches.
 * This is the path energy of the straight conditional paths, an upper bound on the energy of the marginal flow they
 * define; it falls towards W2²(q0, q) only as B grows (lecture D4.16 and §11.2 item 15).
 */
import {otPairing} from "../ot/plan.ts";
import type {Rng} from "../random.ts";

/** Draws n points as a flat [n, 2] array. */
export type Sampler = (n: number, rng: Rng) => Float64Array;

/** Mean pair costs over the batches. */
export interface MinibatchCost {
  /** E|x1 − x0|² of the independent pairs. */
  random: number;
  /** E|x1 − x0|² after re-pairing each batch by exact OT. */
  ot: number;
  /** Standard error of `ot` over the batches (0 for one batch). */
  otError: number;
}

/** Pair costs of `batches` independent batches of `b` points from each side, drawn with `rng`. */
export function minibatchCost(source: Sampler, target: Sampler, b: number, batches: number, rng: Rng): MinibatchCost {
  if (!(Number.isInteger(b) && b >= 1)) throw new RangeError(`invalid batch size: ${b}`);
  if (!(Number.isInteger(batches) && batches >= 1)) throw new RangeError(`invalid batches: ${batches}`);
  let random = 0;
  let sum = 0;
  let squares = 0;
  for (let k = 0; k < batches; k++) {
    const x0 = source(b, rng);
    const x1 = target(b, rng);
    const perm = otPairing(x0, x1, b);
    random += pairCost(x0, x1, b) / batches;
    const c = pairCost(x0, x1, b, perm);
    sum += c;
    squares += c * c;
  }
  const ot = sum / batches;
  const variance = batches > 1 ? Math.max(0, (squares - batches * ot * ot) / (batches - 1)) : 0;
  return {random, ot, otError: Math.sqrt(variance / batches)};
}

/** Mean |x1[j(i)] − x0[i]|² over n pairs (j the identity when `perm` is absent). */
export function pairCost(x0: Float64Array, x1: Float64Array, n: number, perm?: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const j = perm ? perm[i]! : i;
    const dx = x1[2 * j]! - x0[2 * i]!;
    const dy = x1[2 * j + 1]! - x0[2 * i + 1]!;
    sum += dx * dx + dy * dy;
  }
  return sum / n;
}
