/**
 * A flow run one layer at a time, keeping every intermediate state and every layer's log-det (deck 2, D2.6-D2.7):
 * with f = f_K ∘ … ∘ f_1, z_0 = z and z_k = f_k(z_{k−1}), so x = z_K. Both directions report the states z_0 … z_K
 * and, per layer k, log|det J_{f_k}(z_{k−1})| (the generator's log-det of that layer at its own input): sampling
 * computes them on the way up from z_0, normalizing on the way down from z_K = x (the layer's inverse log-det,
 * negated). Summed over k they give log|det J_f(z_0)|, what one pass of the whole flow reports.
 */
import {noGrad, tensor} from "../autodiff/tensor.ts";
import type {Flow} from "./flow.ts";

export interface LayerStates {
  /** Points per state. */
  n: number;
  /** states[k] = z_k, flat n×2, for k = 0 … K (states[K] = x). */
  states: Float64Array[];
  /** logDets[k − 1] = log|det J_{f_k}(z_{k−1})| per point (n values), for k = 1 … K. */
  logDets: Float64Array[];
}

/** Fresh noise z_0 (flat n×2) pushed up through f layer by layer. */
export function sampleStates(f: Flow, z: Float64Array, n: number): LayerStates {
  if (z.length !== 2 * n) throw new RangeError(`shape mismatch: [${z.length}] vs [${n},2]`);
  return noGrad(() => {
    let t = tensor(z.slice(), n, 2);
    const states = [Float64Array.from(t.data)];
    const logDets: Float64Array[] = [];
    for (const layer of f.layers) {
      const r = layer.forward(t);
      t = r.x;
      states.push(Float64Array.from(t.data));
      logDets.push(Float64Array.from(r.logDet.data));
    }
    return {n, states, logDets};
  });
}

/** Data x = z_K (flat n×2) pulled down through g = f⁻¹ layer by layer, the last layer's inverse first. */
export function normalizeStates(f: Flow, x: Float64Array, n: number): LayerStates {
  if (x.length !== 2 * n) throw new RangeError(`shape mismatch: [${x.length}] vs [${n},2]`);
  return noGrad(() => {
    const K = f.layers.length;
    let t = tensor(x.slice(), n, 2);
    const states: Float64Array[] = new Array<Float64Array>(K + 1);
    const logDets: Float64Array[] = new Array<Float64Array>(K);
    states[K] = Float64Array.from(t.data);
    for (let k = K; k >= 1; k--) {
      const r = f.layers[k - 1]!.inverse(t);
      t = r.z;
      states[k - 1] = Float64Array.from(t.data);
      logDets[k - 1] = Float64Array.from(r.logDet.data, (v) => -v);
    }
    return {n, states, logDets};
  });
}

/** The batch mean of each layer's log|det J_{f_k}(z_{k−1})|, k = 1 … K. */
export function meanLogDets(s: LayerStates): number[] {
  return s.logDets.map((d) => d.reduce((a, b) => a + b, 0) / s.n);
}
