/**
 * MAF and IAF in 2D on a MADE conditioner, with the affine transformer τ(z; μ, α) = μ + e^{α} z and the scale
 * stabilised as α = s_max tanh(α̂ / s_max). Generator direction x = f(z), per lecture.md FAQ 1:
 * - MAF conditions on data: x_i = τ(z_i; c_i(x_{<i})). Density evaluation z = τ⁻¹(x; c(x)) is ONE parallel MADE pass;
 *   sampling is sequential, d passes (x_i needs x_{<i} first).
 * - IAF conditions on noise: x_i = τ(z_i; c_i(z_{<i})). Sampling is ONE parallel pass; density evaluation is
 *   sequential, d passes (z_i = τ⁻¹(x_i; c_i(z_{<i})) needs z_{<i} first).
 * `conditioner.passes` counts them. log|det ∂x/∂z| = Σ_i α_i in both. Both directions are differentiable.
 */
import {add, mul, neg, scale, sub} from "../autodiff/ops/arith.ts";
import {exp, tanh} from "../autodiff/ops/elementwise.ts";
import {concatCols} from "../autodiff/ops/shape.ts";
import {zeros, type Tensor} from "../autodiff/tensor.ts";
import {check2d, type Bijector} from "./bijector.ts";
import {made, type Made, type MadeOptions} from "./made.ts";
import {col} from "./ops.ts";

export interface AutoregressiveOptions extends MadeOptions {
  /** Scale bound s_max. @defaultValue 2 */
  scaleMax?: number;
}

export interface AutoregressiveLayer extends Bijector {
  readonly conditioner: Made;
}

const D = 2;

/** μ_i and α_i (n×1 each) from one conditioner output. */
function params(out: Tensor, i: number, sMax: number): {mu: Tensor; alpha: Tensor} {
  return {mu: col(out, i), alpha: scale(tanh(scale(col(out, D + i), 1 / sMax)), sMax)};
}

/** τ(v; μ, α) = μ + e^{α} v, or τ⁻¹(v; μ, α) = (v − μ) e^{−α} when `invert`. */
function tau(v: Tensor, mu: Tensor, alpha: Tensor, invert: boolean): Tensor {
  return invert ? mul(sub(v, mu), exp(neg(alpha))) : add(mu, mul(exp(alpha), v));
}

/** One parallel pass: y = τ(v; c(v)) or τ⁻¹ for every coordinate at once; returns y and Σα (n×1). */
function parallel(net: Made, v: Tensor, sMax: number, invert: boolean) {
  const out = net.forward(v);
  const columns: Tensor[] = [];
  let sumAlpha: Tensor | null = null;
  for (let i = 0; i < D; i++) {
    const {mu, alpha} = params(out, i, sMax);
    columns.push(tau(col(v, i), mu, alpha, invert));
    sumAlpha = sumAlpha ? add(sumAlpha, alpha) : alpha;
  }
  return {y: concatCols(...columns), sumAlpha: sumAlpha!};
}

/**
 * d sequential passes: y_i = τ(v_i; c_i(y_{<i})) (or τ⁻¹), where the conditioner reads the y being built, unknown
 * coordinates still zero (MADE's masks make them irrelevant).
 */
function sequential(net: Made, v: Tensor, sMax: number, invert: boolean) {
  const n = v.rows;
  const columns: Tensor[] = Array.from({length: D}, () => zeros(n, 1));
  let sumAlpha: Tensor | null = null;
  for (let i = 0; i < D; i++) {
    const {mu, alpha} = params(net.forward(concatCols(...columns)), i, sMax);
    columns[i] = tau(col(v, i), mu, alpha, invert);
    sumAlpha = sumAlpha ? add(sumAlpha, alpha) : alpha;
  }
  return {y: concatCols(...columns), sumAlpha: sumAlpha!};
}

/**
 * The layer of either kind. MAF conditions on x, so its normalizing pass (τ⁻¹ on x) is the parallel one; IAF
 * conditions on z, so its generator pass (τ on z) is.
 */
function autoregressive(name: "maf" | "iaf", options: AutoregressiveOptions): AutoregressiveLayer {
  const net = made({...options, dim: D});
  const sMax = options.scaleMax ?? 2;
  const pass = (v: Tensor, invert: boolean) =>
    (name === "maf") === invert ? parallel(net, v, sMax, invert) : sequential(net, v, sMax, invert);
  return {
    name,
    conditioner: net,
    parameters: () => net.parameters(),
    zeroGrad: () => net.zeroGrad(),
    forward(z) {
      check2d(z);
      const {y, sumAlpha} = pass(z, false);
      return {x: y, logDet: sumAlpha};
    },
    inverse(x) {
      check2d(x);
      const {y, sumAlpha} = pass(x, true);
      return {z: y, logDet: neg(sumAlpha)};
    }
  };
}

/** Masked autoregressive flow layer: parallel density, sequential sampling. */
export function mafLayer(options: AutoregressiveOptions = {}): AutoregressiveLayer {
  return autoregressive("maf", options);
}

/** Inverse autoregressive flow layer: parallel sampling, sequential density. */
export function iafLayer(options: AutoregressiveOptions = {}): AutoregressiveLayer {
  return autoregressive("iaf", options);
}
