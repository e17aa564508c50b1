/**
 * Graph-free float64 inference for an MLP, used as an ODE right-hand side: one sample at a time through every layer,
 * with two scratch vectors of the widest layer allocated once. Parameters are read at call time, so optimizer updates
 * (which write into the parameter arrays in place) are seen.
 */
import type {Tensor} from "../autodiff/tensor.ts";
import {fillTimeFeatures, type TimeMode} from "./time.ts";

export type Evaluate = (out: Float64Array, x: Float64Array, n: number, t?: number | Float64Array) => void;

export function denseEvaluator(
  layers: {weight: Tensor; bias: Tensor}[],
  activation: (x: number) => number,
  d: number,
  time: TimeMode,
  frequencies: number
): Evaluate {
  const widest = Math.max(...layers.map((l) => Math.max(l.weight.rows, l.weight.cols)));
  let h = new Float64Array(widest);
  let next = new Float64Array(widest);
  const outDim = layers[layers.length - 1]!.weight.cols;
  return (out, x, n, t) => {
    if (x.length < n * d || out.length < n * outDim) {
      throw new RangeError(`shape mismatch: [${n},${d}] needs x of ${n * d} and out of ${n * outDim}`);
    }
    if (time !== "none" && t === undefined) throw new Error("missing t: this mlp is time-dependent");
    if (typeof t === "object" && t.length < n) throw new RangeError(`shape mismatch: t of ${t.length} for ${n} rows`);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) h[j] = x[i * d + j]!;
      const ti = typeof t === "number" ? t : t ? t[i]! : 0;
      fillTimeFeatures(h, d, ti, time, frequencies);
      for (let l = 0; l < layers.length; l++) {
        const {weight, bias} = layers[l]!;
        const w = weight.data;
        const fanIn = weight.rows;
        const fanOut = weight.cols;
        next.set(bias.data);
        for (let p = 0; p < fanIn; p++) {
          const hp = h[p]!;
          const row = p * fanOut;
          for (let j = 0; j < fanOut; j++) next[j]! += hp * w[row + j]!;
        }
        if (l + 1 < layers.length) for (let j = 0; j < fanOut; j++) next[j] = activation(next[j]!);
        const swap = h;
        h = next;
        next = swap;
      }
      for (let j = 0; j < outDim; j++) out[i * outDim + j] = h[j]!;
    }
  };
}
