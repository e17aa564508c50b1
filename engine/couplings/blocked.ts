/**
 * A coupling applied block by block: a batch of n pairs is cut into n / B independent blocks of B points from each
 * side and each block is paired on its own (for OT-CFM: an exact OT permutation inside every block of B). This makes
 * the coupling's batch size B a choice of its own, apart from the gradient batch n, so that OT-CFM at B = 8 and at
 * B = 256 can be trained with the same optimiser steps on the same number of samples (lecture D4.16, §11.2 item 15).
 */
import {pairScratch, type Coupling} from "./coupling.ts";

/**
 * Wraps `inner` so that it pairs blocks of `block` points; n must be a multiple of `block`.
 * @param inner the coupling of one block (e.g. `otCoupling({replace: false})`)
 * @param block points per block from each side (B)
 */
export function blockedCoupling(inner: Coupling, block: number): Coupling {
  if (!(Number.isInteger(block) && block >= 1)) throw new RangeError(`invalid block: ${block}`);
  const scratch = pairScratch();
  return {
    name: `${inner.name}/B=${block}`,
    pair(x0, x1, n, rng) {
      if (n % block !== 0) throw new RangeError(`invalid batch: ${n} is not a multiple of the block ${block}`);
      if (n === block) return inner.pair(x0, x1, n, rng);
      const out = scratch(n);
      for (let s = 0; s < n; s += block) {
        const p = inner.pair(x0.subarray(2 * s, 2 * (s + block)), x1.subarray(2 * s, 2 * (s + block)), block, rng);
        out.x0.set(p.x0.subarray(0, 2 * block), 2 * s);
        out.x1.set(p.x1.subarray(0, 2 * block), 2 * s);
      }
      return out;
    }
  };
}
