/**
 * The exact 2-Wasserstein distance between two equal-size samples (uniform weights): W2² = min over permutations σ of
 * (1/n) Σ_i |x_i − y_σ(i)|², solved as an assignment (lecture §8.14; TorchCFM's `wasserstein(..., power=2)`, which
 * calls `pot.emd2` on the same problem). Finite-sample W2 is biased upward: report it with n and a floor (floor.ts).
 */
import {assignmentSolver} from "../ot/assignment.ts";
import {sqCostMatrix} from "../ot/cost.ts";
import {gaussianDualGuess} from "../ot/dual-guess.ts";

/** W2² between samples x and y of n points each (flat [n, d]). */
export function w2Squared(x: Float64Array, y: Float64Array, n: number, d = 2): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid n: ${n}`);
  if (x.length !== n * d || y.length !== n * d) {
    throw new RangeError(`shape mismatch: [${x.length / d},${d}] vs [${y.length / d},${d}] (n = ${n})`);
  }
  const cost = sqCostMatrix(x, y, n, n, d);
  const warm = d === 2 ? gaussianDualGuess(x, y, n) : undefined;
  return assignmentSolver(n).solve(cost, new Int32Array(n), warm) / n;
}

/** W2 = √W2² between samples x and y of n points each (flat [n, d]). */
export function w2(x: Float64Array, y: Float64Array, n: number, d = 2): number {
  return Math.sqrt(w2Squared(x, y, n, d));
}
