/**
 * MADE (Germain et al. 2015): an MLP whose weights are multiplied by fixed 0/1 masks so that output block i depends
 * only on inputs x_{<i}. Degrees: input j has degree j + 1, hidden units cycle through 1..d−1, the outputs of
 * dimension i have degree i + 1; a hidden unit sees inputs of degree ≤ its own, an output sees hidden units of
 * strictly smaller degree. For d = 2 the first dimension's outputs are constants (bias only) and the second's are
 * functions of x₀. Output columns: [μ_0 … μ_{d−1}, α̂_0 … α̂_{d−1}]. Every `forward` counts one pass.
 */
import {add, mul} from "../autodiff/ops/arith.ts";
import {matmul} from "../autodiff/ops/matmul.ts";
import {parameter, tensor, type Tensor} from "../autodiff/tensor.ts";
import {activation, type ActivationName} from "../nn/activation.ts";
import type {Module} from "../nn/module.ts";
import {rng} from "../random.ts";

export interface MadeOptions {
  /** Input dimension d. @defaultValue 2 */
  dim?: number;
  /** Hidden width. @defaultValue 64 */
  width?: number;
  /** Hidden layers. @defaultValue 2 */
  depth?: number;
  /** @defaultValue "tanh" */
  activation?: ActivationName;
  /** @defaultValue 0 */
  seed?: number;
}

export interface Made extends Module {
  readonly dim: number;
  /** x: n×d → n×2d parameters (μ then α̂), autoregressive in x. */
  forward(x: Tensor): Tensor;
  /** Number of forward passes so far (to show which direction is parallel and which sequential). */
  passes: number;
}

/** The 0/1 mask [in × out] (weights are stored in × out): allowed(i, o) decides each entry. */
function mask(inDeg: number[], outDeg: number[], allowed: (a: number, b: number) => boolean): Tensor {
  const m = new Float64Array(inDeg.length * outDeg.length);
  inDeg.forEach((a, i) => outDeg.forEach((b, o) => (m[i * outDeg.length + o] = allowed(a, b) ? 1 : 0)));
  return tensor(m, inDeg.length, outDeg.length);
}

/** A masked autoregressive MLP; the last layer starts at zero, so μ = α̂ = 0 (identity transform) at init. */
export function made(options: MadeOptions = {}): Made {
  const d = options.dim ?? 2;
  const width = options.width ?? 64;
  const depth = options.depth ?? 2;
  const act = activation(options.activation ?? "tanh");
  const random = rng(options.seed ?? 0);
  const degrees: number[][] = [Array.from({length: d}, (_, j) => j + 1)];
  for (let l = 0; l < depth; l++) degrees.push(Array.from({length: width}, (_, k) => (k % Math.max(1, d - 1)) + 1));
  degrees.push(Array.from({length: 2 * d}, (_, o) => (o % d) + 1));
  const layers = degrees.slice(1).map((outDeg, l) => {
    const inDeg = degrees[l]!;
    const last = l === depth;
    const bound = 1 / Math.sqrt(inDeg.length);
    const w = random.fillUniform(new Float64Array(inDeg.length * outDeg.length), -bound, bound) as Float64Array;
    const b = random.fillUniform(new Float64Array(outDeg.length), -bound, bound) as Float64Array;
    if (last) {
      w.fill(0);
      b.fill(0);
    }
    return {
      weight: parameter(w, inDeg.length, outDeg.length),
      bias: parameter(b, 1, outDeg.length),
      mask: mask(inDeg, outDeg, last ? (a, o) => o > a : (a, o) => o >= a)
    };
  });
  const params = layers.flatMap((l) => [l.weight, l.bias]);
  const net: Made = {
    dim: d,
    passes: 0,
    parameters: () => params.slice(),
    zeroGrad: () => params.forEach((p) => p.zeroGrad()),
    forward(x) {
      net.passes++;
      let h = x;
      layers.forEach((l, i) => {
        const a = add(matmul(h, mul(l.weight, l.mask)), l.bias);
        h = i === depth ? a : act.op(a);
      });
      return h;
    }
  };
  return net;
}
