/**
 * Graph-free float64 divergence and Jacobian-vector products of an MLP, for density evaluation with a trained CNF:
 * the same forward-mode tangents as `mlp().divergence` / `jvp` (ȧ_1 = ẋ W_1, ḣ_l = σ'(a_l) ⊙ ȧ_l,
 * ȧ_{l+1} = ḣ_l W_{l+1}), run in blocks of rows on preallocated scratch, so a call allocates nothing.
 */
import {matmulInto} from "../autodiff/kernels.ts";
import type {Tensor} from "../autodiff/tensor.ts";
import {fillTimeFeatures, type TimeMode} from "./time.ts";

/** Rows per block, as in evaluate.ts. */
const BLOCK = 64;

export interface TangentEvaluator {
  /** div (n) ← ∇·u(x_i, t_i), exact; needs out = d. */
  divergence(div: Float64Array, x: Float64Array, n: number, t?: number | Float64Array): void;
  /** out (n·out) ← J(x_i, t_i) v_i for v (n·d). */
  jvp(out: Float64Array, x: Float64Array, v: Float64Array, n: number, t?: number | Float64Array): void;
}

interface Spec {
  layers: {weight: Tensor; bias: Tensor}[];
  activation: (x: number) => number;
  prime: (x: number) => number;
  d: number;
  time: TimeMode;
  frequencies: number;
}

export function tangentEvaluator(spec: Spec): TangentEvaluator {
  const {layers, activation, prime, d, time, frequencies} = spec;
  const last = layers.length - 1;
  const widest = Math.max(...layers.map((l) => Math.max(l.weight.rows, l.weight.cols)));
  const inDim = layers[0]!.weight.rows;
  const outDim = layers[last]!.weight.cols;
  const h = [new Float64Array(BLOCK * widest), new Float64Array(BLOCK * widest)];
  const primes = layers.slice(0, last).map((l) => new Float64Array(BLOCK * l.weight.cols));
  const tan = [new Float64Array(BLOCK * widest), new Float64Array(BLOCK * widest)];

  /** Forward through the hidden layers of rows start..start+m−1, keeping σ'(a_l) per layer. */
  function hidden(x: Float64Array, start: number, m: number, t: number | Float64Array | undefined): void {
    if (time !== "none" && t === undefined) throw new Error("missing t: this mlp is time-dependent");
    let [cur, next] = h as [Float64Array, Float64Array];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < d; j++) cur[i * inDim + j] = x[(start + i) * d + j]!;
      fillTimeFeatures(cur, i * inDim + d, typeof t === "number" ? t : t ? t[start + i]! : 0, time, frequencies);
    }
    for (let l = 0; l < last; l++) {
      const {weight, bias} = layers[l]!;
      const c = weight.cols;
      matmulInto(next, cur, weight.data, m, weight.rows, c);
      const p = primes[l]!;
      for (let k = 0; k < m * c; k++) {
        const a = next[k]! + bias.data[k % c]!;
        p[k] = prime(a);
        next[k] = activation(a);
      }
      [cur, next] = [next, cur];
    }
  }

  /** Pushes the first-layer tangent in tan[0] (m × width_1) to the output; returns the buffer holding it. */
  function push(m: number): Float64Array {
    let [cur, next] = tan as [Float64Array, Float64Array];
    for (let l = 0; l < last; l++) {
      const p = primes[l]!;
      const {weight} = layers[l + 1]!;
      for (let k = 0; k < m * weight.rows; k++) cur[k]! *= p[k]!;
      matmulInto(next, cur, weight.data, m, weight.rows, weight.cols);
      [cur, next] = [next, cur];
    }
    return cur;
  }

  return {
    divergence(div, x, n, t) {
      if (outDim !== d) throw new RangeError(`divergence needs out = d, got out ${outDim} and d ${d}`);
      const w1 = layers[0]!.weight;
      for (let start = 0; start < n; start += BLOCK) {
        const m = Math.min(BLOCK, n - start);
        hidden(x, start, m, t);
        for (let i = 0; i < m; i++) div[start + i] = 0;
        for (let e = 0; e < d; e++) {
          // Tangent e_e at the input: ȧ_1 is row e of W_1 for every sample.
          const c = w1.cols;
          for (let i = 0; i < m; i++) tan[0]!.set(w1.data.subarray(e * c, (e + 1) * c), i * c);
          const u = push(m);
          for (let i = 0; i < m; i++) div[start + i]! += u[i * outDim + e]!;
        }
      }
    },
    jvp(out, x, v, n, t) {
      const w1 = layers[0]!.weight;
      for (let start = 0; start < n; start += BLOCK) {
        const m = Math.min(BLOCK, n - start);
        hidden(x, start, m, t);
        // ȧ_1 = v W_1[0:d, :]: the time-feature rows of W_1 get a zero tangent.
        matmulInto(tan[0]!, v.subarray(start * d, (start + m) * d), w1.data, m, d, w1.cols);
        out.set(push(m).subarray(0, m * outDim), start * outDim);
      }
    }
  };
}
