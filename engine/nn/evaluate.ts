/**
 * Graph-free float64 inference for an MLP, used as an ODE right-hand side. Samples go through in blocks of 64 rows
 * with the blocked matmul kernel; the two scratch blocks are allocated once, so a call allocates nothing. Parameters
 * are read at call time, so optimizer updates (which write into the parameter arrays in place) are seen.
 */
import {matmulInto} from "../autodiff/kernels.ts";
import type {Tensor} from "../autodiff/tensor.ts";
import {fillTimeFeatures, type TimeMode} from "./time.ts";

export type Evaluate = (out: Float64Array, x: Float64Array, n: number, t?: number | Float64Array) => void;

/** Rows per block: big enough to amortize weight loads, small enough to stay in cache (64 × 128 × 8 B = 64 KiB). */
const BLOCK = 64;

/** h (m×c) += bias per row, then σ elementwise when given. */
function biasActivate(
  h: Float64Array,
  bias: Float64Array,
  m: number,
  c: number,
  sigma: ((x: number) => number) | null
) {
  for (let i = 0; i < m; i++) {
    const o = i * c;
    if (sigma) for (let j = 0; j < c; j++) h[o + j] = sigma(h[o + j]! + bias[j]!);
    else for (let j = 0; j < c; j++) h[o + j]! += bias[j]!;
  }
}

export function denseEvaluator(
  layers: {weight: Tensor; bias: Tensor}[],
  activation: (x: number) => number,
  d: number,
  time: TimeMode,
  frequencies: number
): Evaluate {
  const widest = Math.max(...layers.map((l) => Math.max(l.weight.rows, l.weight.cols)));
  const scratch = [new Float64Array(BLOCK * widest), new Float64Array(BLOCK * widest)] as const;
  const inDim = layers[0]!.weight.rows;
  const outDim = layers[layers.length - 1]!.weight.cols;
  return (out, x, n, t) => {
    if (x.length < n * d || out.length < n * outDim) {
      throw new RangeError(`shape mismatch: [${n},${d}] needs x of ${n * d} and out of ${n * outDim}`);
    }
    if (time !== "none" && t === undefined) throw new Error("missing t: this mlp is time-dependent");
    if (typeof t === "object" && t.length < n) throw new RangeError(`shape mismatch: t of ${t.length} for ${n} rows`);
    for (let start = 0; start < n; start += BLOCK) {
      const m = Math.min(BLOCK, n - start);
      let h = scratch[0];
      let next = scratch[1];
      for (let i = 0; i < m; i++) {
        const row = start + i;
        for (let j = 0; j < d; j++) h[i * inDim + j] = x[row * d + j]!;
        const ti = typeof t === "number" ? t : t ? t[row]! : 0;
        fillTimeFeatures(h, i * inDim + d, ti, time, frequencies);
      }
      for (let l = 0; l < layers.length; l++) {
        const {weight, bias} = layers[l]!;
        matmulInto(next, h, weight.data, m, weight.rows, weight.cols);
        biasActivate(next, bias.data, m, weight.cols, l + 1 < layers.length ? activation : null);
        [h, next] = [next, h];
      }
      out.set(h.subarray(0, m * outDim), start * outDim);
    }
  };
}
