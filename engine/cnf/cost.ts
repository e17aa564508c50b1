import type {DivergenceMethod} from "./divergence.ts";

export interface TrainingCostInput {
  /** Dimension d of the data. */
  d: number;
  /** Field evaluations of the solve that carries the data to the base (data → noise: t from 1 down to 0). */
  nfeSolve: number;
  /** Field evaluations of the adjoint (or backprop) solve that carries the gradient back. */
  nfeAdjoint: number;
  /** Exact trace (d vector–Jacobian products per evaluation) or Hutchinson (one). */
  divergence: DivergenceMethod;
}

/**
 * The cost of one maximum-likelihood CNF training step in units of one network pass (lecture D3.18):
 * (NFE_solve + NFE_adjoint) × (1 + C_∇·), where C_∇· is the divergence's extra passes per evaluation: d
 * vector–Jacobian products for the exact trace, one for Hutchinson's estimate. A model of the cost, not a timing.
 */
export function cnfStepCost({d, nfeSolve, nfeAdjoint, divergence}: TrainingCostInput): number {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`invalid d: ${d}`);
  if (!(nfeSolve >= 0 && Number.isFinite(nfeSolve))) throw new RangeError(`invalid nfeSolve: ${nfeSolve}`);
  if (!(nfeAdjoint >= 0 && Number.isFinite(nfeAdjoint))) throw new RangeError(`invalid nfeAdjoint: ${nfeAdjoint}`);
  return (nfeSolve + nfeAdjoint) * (1 + divergencePasses(d, divergence));
}

/** C_∇·: the extra network passes one divergence costs, d for the exact trace and 1 for Hutchinson. */
export function divergencePasses(d: number, divergence: DivergenceMethod): number {
  if (divergence === "exact") return d;
  if (divergence === "hutchinson") return 1;
  throw new RangeError(`invalid divergence: ${String(divergence)}`);
}
