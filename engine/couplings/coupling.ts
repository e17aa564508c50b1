/**
 * Couplings q(x0, x1) for flow matching: given a source batch and a target batch drawn independently, a coupling
 * returns the pairs to train on (lecture §8.12). Batches are flat row-major [n, 2] Float64Arrays, and the returned
 * arrays are scratch owned by the coupling, overwritten by its next call.
 */
import {otPlanSampler} from "../ot/sampler.ts";
import type {Rng} from "../random.ts";

export interface CoupledBatch {
  /** [n, 2] sources (t = 0). */
  x0: Float64Array;
  /** [n, 2] targets (t = 1), x1[k] paired with x0[k]. */
  x1: Float64Array;
}

export interface Coupling {
  readonly name: string;
  pair(x0: Float64Array, x1: Float64Array, n: number, rng: Rng): CoupledBatch;
}

/** The product coupling: the independent draws are the pairs (I-CFM). */
export function independentCoupling(): Coupling {
  return {name: "independent", pair: (x0, x1) => ({x0, x1})};
}

export interface OtCouplingOptions {
  /**
   * true: n pairs drawn with replacement from the exact plan, as TorchCFM's `sample_plan` (its default, which may
   * repeat or drop points, #142); false: every x0 kept in order and x1 reordered by the optimal permutation.
   * @defaultValue true
   */
  replace?: boolean;
}

/** Minibatch exact OT under squared Euclidean cost (OT-CFM), through the engine's assignment solver. */
export function otCoupling(options: OtCouplingOptions = {}): Coupling {
  const replace = options.replace ?? true;
  return planCoupling(replace ? "ot" : "ot-permutation", otPlanSampler({method: "exact", replace}));
}

/**
 * Minibatch entropic OT (log-domain Sinkhorn, reg in squared-distance units, uniform marginals), pairs drawn with
 * replacement from the plan. @param reg TorchCFM's default 0.05; SB-CFM uses 2σ² ({@link sbCoupling}).
 */
export function sinkhornCoupling(reg = 0.05): Coupling {
  if (!(Number.isFinite(reg) && reg > 0)) throw new RangeError(`invalid reg: ${reg}`);
  return planCoupling("sinkhorn", otPlanSampler({method: "sinkhorn", reg}));
}

/** The Schrödinger-bridge coupling of SB-CFM: Sinkhorn with reg = 2σ². */
export function sbCoupling(sigma: number): Coupling {
  if (!(Number.isFinite(sigma) && sigma > 0)) throw new RangeError(`invalid sigma: ${sigma}`);
  return sinkhornCoupling(2 * sigma * sigma);
}

function planCoupling(name: string, sampler: ReturnType<typeof otPlanSampler>): Coupling {
  const scratch = pairScratch();
  return {
    name,
    pair(x0, x1, n, rng) {
      const out = scratch(n);
      sampler.pair(x0, x1, n, rng, out.x0, out.x1);
      return out;
    }
  };
}

/** The output batch of a coupling: [n, 2] scratch arrays, reallocated only when n changes. */
export function pairScratch(): (n: number) => CoupledBatch {
  let out: CoupledBatch = {x0: new Float64Array(0), x1: new Float64Array(0)};
  return (n) => {
    if (out.x0.length !== 2 * n) out = {x0: new Float64Array(2 * n), x1: new Float64Array(2 * n)};
    return out;
  };
}
