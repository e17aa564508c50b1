/**
 * Minibatch OT couplings for OT-CFM and SB-CFM, after TorchCFM's `OTPlanSampler`: the cost is the squared Euclidean
 * distance between the two batches, the marginals are uniform, and the plan is either exact (here an assignment,
 * which is what `pot.emd` returns for equal uniform batches) or entropic (Sinkhorn, reg in cost units).
 */
import type {Rng} from "../random.ts";
import {assignmentSolver, type AssignmentSolver} from "./assignment.ts";
import {sqCostMatrix} from "./cost.ts";
import {gaussianDualGuess} from "./dual-guess.ts";
import {gatherRows, samplePlan, sampleAssignment, type PlanSample} from "./plan.ts";
import {sinkhorn} from "./sinkhorn.ts";
import {wasmSolverIfReady} from "./wasm-assignment.ts";
import {loadAssignmentKernels} from "./wasm-kernels.ts";

/** Options of {@link otPlanSampler}. */
export interface OtPlanSamplerOptions {
  /** "exact" (assignment) or "sinkhorn" (entropic). @defaultValue "exact" */
  method?: "exact" | "sinkhorn";
  /** Sinkhorn regularisation in cost units. @defaultValue 0.05 (TorchCFM's OTPlanSampler default) */
  reg?: number;
  /**
   * true: draw n pairs with replacement from the plan (TorchCFM `sample_plan`, its default); false: keep every x0 in
   * order and reorder x1 by the optimal permutation (`sample_plan_with_scipy`; exact method only). @defaultValue true
   */
  replace?: boolean;
  /** Point dimension. @defaultValue 2 */
  d?: number;
  /** Sinkhorn iteration cap and tolerance. @defaultValue 1000 and 1e-9 */
  maxIter?: number;
  tol?: number;
}

/** Pairs two minibatches through an OT plan. */
export interface OtPlanSampler {
  /**
   * Writes n coupled pairs: out0[k] = x0[i[k]], out1[k] = x1[j[k]] (flat [n, d]) and returns the indices, in scratch
   * arrays that the next call overwrites.
   * @param x0 flat [n, d] source batch (t = 0); x1 flat [n, d] target batch (t = 1)
   */
  pair(x0: Float64Array, x1: Float64Array, n: number, rng: Rng, out0: Float64Array, out1: Float64Array): PlanSample;
}

const defaults = {method: "exact", reg: 0.05, replace: true, d: 2, maxIter: 1000, tol: 1e-9} as const;

/**
 * A minibatch OT coupler; its solver scratch is reused while the batch size stays the same. The exact method runs on
 * WebAssembly once kernels.wasm has loaded (await loadAssignmentKernels() before a synchronous loop to have it from
 * the first batch), with the same result.
 */
export function otPlanSampler(options: OtPlanSamplerOptions = {}): OtPlanSampler {
  const {method, reg, replace, d, maxIter, tol} = {...defaults, ...options};
  if (method !== "exact" && method !== "sinkhorn") throw new RangeError(`invalid method: ${String(method)}`);
  if (method === "sinkhorn" && !(reg > 0)) throw new RangeError(`invalid reg: ${reg}`);
  if (method === "sinkhorn" && !replace) throw new RangeError("invalid replace: false needs method exact");
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`invalid d: ${d}`);
  if (method === "exact") void loadAssignmentKernels(); // started now, it is often ready by the first batch
  let size = -1;
  let cost = new Float64Array(0);
  let solver: AssignmentSolver | undefined;
  let rowToCol = new Int32Array(0);
  let pairs: PlanSample = {i: new Int32Array(0), j: new Int32Array(0)};
  let uniform = new Float64Array(0);

  function resize(n: number): void {
    if (n === size) return;
    size = n;
    cost = new Float64Array(n * n);
    rowToCol = new Int32Array(n);
    pairs = {i: new Int32Array(n), j: new Int32Array(n)};
    uniform = new Float64Array(n).fill(1 / n);
    solver = undefined;
  }

  function pair(x0: Float64Array, x1: Float64Array, n: number, rng: Rng, out0: Float64Array, out1: Float64Array) {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid n: ${n}`);
    resize(n);
    sqCostMatrix(x0, x1, n, n, d, cost);
    if (method === "exact") {
      // The WebAssembly solver once kernels.wasm has loaded; the TypeScript one is only built while it has not.
      const exact = wasmSolverIfReady(n) ?? (solver ??= assignmentSolver(n));
      exact.solve(cost, rowToCol, d === 2 ? gaussianDualGuess(x0, x1, n) : undefined);
      if (replace) sampleAssignment(rowToCol, n, rng, pairs);
      else
        for (let k = 0; k < n; k++) {
          pairs.i[k] = k;
          pairs.j[k] = rowToCol[k]!;
        }
    } else {
      const {plan} = sinkhorn(cost, uniform, uniform, reg, {maxIter, tol});
      samplePlan(plan, n, n, n, rng, pairs);
    }
    gatherRows(x0, pairs.i, d, out0);
    gatherRows(x1, pairs.j, d, out1);
    return pairs;
  }

  return {pair};
}
