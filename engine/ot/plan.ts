/**
 * Turning a transport plan into training pairs, the two ways TorchCFM's `OTPlanSampler` does: keep the whole batch
 * and reorder one side by the optimal permutation (`sample_plan_with_scipy`, pairing x0[i] ↔ x1[j[i]] since TorchCFM
 * #178), or draw index pairs with replacement with probability proportional to the plan (`sample_plan`, the default;
 * it can repeat or drop points, which the maintainers confirm is intended, TorchCFM #142).
 */
import type {Rng} from "../random.ts";
import {assignmentSolver} from "./assignment.ts";
import {sqCostMatrix} from "./cost.ts";
import {gaussianDualGuess} from "./dual-guess.ts";
import {wasmSolverIfReady} from "./wasm-assignment.ts";

/** Index pairs (i[k], j[k]) drawn from a plan. */
export interface PlanSample {
  i: Int32Array;
  j: Int32Array;
}

/**
 * The exact OT pairing of two equal-size batches under squared Euclidean cost: x0[i] ↔ x1[j[i]].
 * @param x0 flat [n, d] source points
 * @param x1 flat [n, d] target points
 * @returns [n] permutation j
 */
export function otPairing(x0: Float64Array, x1: Float64Array, n: number, d = 2): Int32Array {
  const j = new Int32Array(n);
  const warm = d === 2 ? gaussianDualGuess(x0, x1, n) : undefined;
  (wasmSolverIfReady(n) ?? assignmentSolver(n)).solve(sqCostMatrix(x0, x1, n, n, d), j, warm);
  return j;
}

/**
 * Draws `count` pairs with replacement from the exact plan of an assignment, the permutation matrix divided by n:
 * i is uniform and j = rowToCol[i].
 */
export function sampleAssignment(
  rowToCol: Int32Array,
  count: number,
  rng: Rng,
  out: PlanSample = {i: new Int32Array(count), j: new Int32Array(count)}
): PlanSample {
  checkCount(count, out);
  const n = rowToCol.length;
  for (let k = 0; k < count; k++) {
    const i = rng.int(n);
    out.i[k] = i;
    out.j[k] = rowToCol[i]!;
  }
  return out;
}

/**
 * Draws `count` pairs with replacement, P(i, j) ∝ plan[m·i + j] (any non-negative [n, m] plan, e.g. Sinkhorn's):
 * inverse CDF on the cumulative sums of the flattened plan, O(nm + count·log nm).
 */
export function samplePlan(
  plan: Float64Array,
  n: number,
  m: number,
  count: number,
  rng: Rng,
  out: PlanSample = {i: new Int32Array(count), j: new Int32Array(count)}
): PlanSample {
  if (plan.length !== n * m) throw new RangeError(`shape mismatch: plan of length ${plan.length} vs [${n},${m}]`);
  checkCount(count, out);
  const cumulative = new Float64Array(plan.length);
  let total = 0;
  for (let k = 0; k < plan.length; k++) {
    const p = plan[k]!;
    if (!(p >= 0 && Number.isFinite(p))) throw new RangeError(`invalid plan entry: ${p} at [${(k / m) | 0},${k % m}]`);
    total += p;
    cumulative[k] = total;
  }
  if (!(total > 0)) throw new RangeError("invalid plan: its entries sum to zero");
  for (let s = 0; s < count; s++) {
    const u = rng.uniform() * total;
    // First k with cumulative[k] > u; entries with zero mass are never chosen.
    let lo = 0;
    let hi = plan.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out.i[s] = (lo / m) | 0;
    out.j[s] = lo % m;
  }
  return out;
}

/** Copies rows: out[k] = x[index[k]] for flat [·, d] arrays. */
export function gatherRows(
  x: Float64Array,
  index: Int32Array,
  d: number,
  out: Float64Array = new Float64Array(index.length * d)
): Float64Array {
  if (out.length !== index.length * d) {
    throw new RangeError(`shape mismatch: out of length ${out.length} vs [${index.length},${d}]`);
  }
  const rows = x.length / d;
  for (let k = 0; k < index.length; k++) {
    const r = index[k]!;
    if (!(r >= 0 && r < rows)) throw new RangeError(`invalid row index: ${r} (rows: ${rows})`);
    for (let c = 0; c < d; c++) out[k * d + c] = x[r * d + c]!;
  }
  return out;
}

function checkCount(count: number, out: PlanSample): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`invalid count: ${count}`);
  if (out.i.length !== count || out.j.length !== count) {
    throw new RangeError(`shape mismatch: output pairs of length ${out.i.length} vs ${count}`);
  }
}
