/**
 * A fully connected network u(x, t) with its exact input Jacobian. Weights are stored [in × out] row-major so that a
 * batch (samples as rows) maps as y = x W + b. The Jacobian is built by forward-mode tangents made of ordinary ops
 * (ȧ_1 = ẋ W_1, ḣ_l = σ'(a_l) ⊙ ȧ_l, ȧ_{l+1} = ḣ_l W_{l+1}), so reverse mode can differentiate the Jacobian, the
 * divergence and JVPs with respect to the parameters: that is what CNF maximum-likelihood training needs.
 */
import {add, mul} from "../autodiff/ops/arith.ts";
import {matmul} from "../autodiff/ops/matmul.ts";
import {concatCols, sliceCols, sliceRows} from "../autodiff/ops/shape.ts";
import {parameter, shapeMismatch, Tensor, zeros} from "../autodiff/tensor.ts";
import {rng} from "../random.ts";
import {activation, type ActivationName} from "./activation.ts";
import {denseEvaluator} from "./evaluate.ts";
import {tangentEvaluator} from "./evaluate-tangent.ts";
import {mlpJson, type MlpJson} from "./json.ts";
import type {Module} from "./module.ts";
import {timeFeatures, timeWidth, type TimeMode} from "./time.ts";

export type {MlpJson};

export interface MlpOptions {
  /** Layer widths, data input dim first and output dim last, e.g. [2, 64, 64, 2]; time features are not counted. */
  sizes: number[];
  /** Hidden activation. @defaultValue "silu" */
  activation?: ActivationName;
  /** How t enters: not at all, as a last input column, or as sinusoidal features (see time.ts). @defaultValue "none" */
  time?: TimeMode;
  /** K for time "sinusoidal": features sin(2πkt), cos(2πkt) for k = 1..K. @defaultValue 4 */
  timeFrequencies?: number;
  /** Seed of the PyTorch-like init W, b ~ U(−1/√fan_in, 1/√fan_in). @defaultValue 0 */
  seed?: number;
}

const defaults = {activation: "silu", time: "none", timeFrequencies: 4, seed: 0} as const;

export interface Mlp extends Module {
  readonly sizes: readonly number[];
  /** x: n×d, t: n×1, 1×1 or a number (ignored when time is "none"); returns n×out. */
  forward(x: Tensor, t?: Tensor | number): Tensor;
  /** result[i] is n×out: ∂u/∂x_i for each sample (column i of the Jacobian), differentiable w.r.t. parameters. */
  inputJacobian(x: Tensor, t?: Tensor | number): Tensor[];
  /** n×1: the exact trace of the input Jacobian (needs out = d), differentiable w.r.t. parameters. */
  divergence(x: Tensor, t?: Tensor | number): Tensor;
  /** n×out: J v per sample for v: n×d (Hutchinson estimators use εᵀ(Jε)), differentiable. */
  jvp(x: Tensor, v: Tensor, t?: Tensor | number): Tensor;
  /** forward and inputJacobian sharing one forward pass. */
  forwardJacobian(x: Tensor, t?: Tensor | number): {output: Tensor; jacobian: Tensor[]};
  /** forward and divergence sharing one forward pass. */
  forwardDivergence(x: Tensor, t?: Tensor | number): {output: Tensor; divergence: Tensor};
  /** Graph-free float64 inference: out (n·out) ← u(x (n·d), t); t is one time or n times. No allocation. */
  evaluate(out: Float64Array, x: Float64Array, n: number, t?: number | Float64Array): void;
  /** Graph-free exact divergence: div (n) ← ∇·u(x_i, t); needs out = d. No allocation. */
  evaluateDivergence(div: Float64Array, x: Float64Array, n: number, t?: number | Float64Array): void;
  /** Graph-free JVP: out (n·out) ← J(x_i, t) v_i for v (n·d). No allocation. */
  evaluateJvp(out: Float64Array, x: Float64Array, v: Float64Array, n: number, t?: number | Float64Array): void;
  toJSON(): MlpJson;
}

interface Layer {
  weight: Tensor;
  bias: Tensor;
}

/** A seeded MLP; see MlpOptions. */
export function mlp(options: MlpOptions): Mlp {
  const {sizes} = options;
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new RangeError(`invalid sizes: ${JSON.stringify(sizes)}`);
  }
  const name = options.activation ?? defaults.activation;
  const act = activation(name);
  const time = options.time ?? defaults.time;
  if (time !== "none" && time !== "concat" && time !== "sinusoidal") throw new RangeError(`invalid time: ${time}`);
  const K = options.timeFrequencies ?? defaults.timeFrequencies;
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`invalid timeFrequencies: ${K}`);
  const d = sizes[0]!;
  const widths = [d + timeWidth(time, K), ...sizes.slice(1)];
  const random = rng(options.seed ?? defaults.seed);
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l]!;
    const fanOut = widths[l + 1]!;
    const bound = 1 / Math.sqrt(fanIn);
    const w = random.fillUniform(new Float64Array(fanIn * fanOut), -bound, bound) as Float64Array;
    const b = random.fillUniform(new Float64Array(fanOut), -bound, bound) as Float64Array;
    layers.push({weight: parameter(w, fanIn, fanOut), bias: parameter(b, 1, fanOut)});
  }
  const last = layers.length - 1;
  const params = layers.flatMap((l) => [l.weight, l.bias]);

  function trace(x: Tensor, t?: Tensor | number): {output: Tensor; pre: Tensor[]} {
    if (x.cols !== d) shapeMismatch(x, zeros(x.rows, d));
    const feats = timeFeatures(t, x.rows, time, K);
    let h = feats.length > 0 ? concatCols(x, ...feats) : x;
    const pre: Tensor[] = [];
    for (let l = 0; l < last; l++) {
      const a = add(matmul(h, layers[l]!.weight), layers[l]!.bias);
      pre.push(a);
      h = act.op(a);
    }
    return {output: add(matmul(h, layers[last]!.weight), layers[last]!.bias), pre};
  }

  /** Pushes a first-layer tangent ȧ_1 (n×h_1, or 1×h_1 to broadcast) to the output; primes are σ'(a_l). */
  function tangent(a1: Tensor, primes: Tensor[], n: number): Tensor {
    let a = a1;
    for (let l = 0; l < last; l++) a = matmul(mul(primes[l]!, a), layers[l + 1]!.weight);
    return a.rows === n ? a : add(zeros(n, a.cols), a);
  }

  function forwardJacobian(x: Tensor, t?: Tensor | number) {
    const {output, pre} = trace(x, t);
    const primes = pre.map((a) => act.prime(a));
    const w1 = layers[0]!.weight;
    // Tangent e_i at the input: ȧ_1 = e_i W_1 is row i of W_1, shared by every sample.
    const jacobian = Array.from({length: d}, (_, i) => tangent(sliceRows(w1, i, i + 1), primes, x.rows));
    return {output, jacobian};
  }

  function divergenceOf(jacobian: Tensor[]): Tensor {
    const out = sizes[sizes.length - 1]!;
    if (out !== d) throw new RangeError(`divergence needs out = d, got sizes ${JSON.stringify(sizes)}`);
    return jacobian.map((j, i) => sliceCols(j, i, i + 1)).reduce((s, c) => add(s, c));
  }

  const spec = {layers, activation: act.scalar, prime: act.scalarPrime, d, time, frequencies: K};
  const tangents = tangentEvaluator(spec);
  const net: Mlp = {
    sizes: sizes.slice(),
    parameters: () => params.slice(),
    zeroGrad: () => params.forEach((p) => p.zeroGrad()),
    forward: (x, t) => trace(x, t).output,
    forwardJacobian,
    inputJacobian: (x, t) => forwardJacobian(x, t).jacobian,
    divergence: (x, t) => divergenceOf(forwardJacobian(x, t).jacobian),
    forwardDivergence(x, t) {
      const {output, jacobian} = forwardJacobian(x, t);
      return {output, divergence: divergenceOf(jacobian)};
    },
    jvp(x, v, t) {
      if (v.rows !== x.rows || v.cols !== d) shapeMismatch(v, x);
      const {pre} = trace(x, t);
      const a1 = matmul(v, sliceRows(layers[0]!.weight, 0, d));
      return tangent(
        a1,
        pre.map((a) => act.prime(a)),
        x.rows
      );
    },
    evaluate: denseEvaluator(layers, act.scalar, d, time, K),
    evaluateDivergence: tangents.divergence,
    evaluateJvp: tangents.jvp,
    toJSON: () => mlpJson(sizes, name, time, K, layers)
  };
  return net;
}
