/**
 * Coupling layers in 2D (Dinh et al. 2015, 2017). Coordinate `keep` (the mask's "A" half) passes through and
 * conditions the other coordinate B. Both directions cost one conditioner pass and are differentiable.
 * - NICE additive: x_B = z_B + m(z_A), log-det 0 (volume preserving).
 * - RealNVP affine: x_B = z_B e^{s(z_A)} + t(z_A), log|det ∂x/∂z| = s(z_A), with the scale stabilised as
 *   s = s_max tanh(ŝ / s_max) (a soft clamp: ≈ ŝ for small ŝ, never beyond ±s_max).
 * Alternate `keep` between layers (or interleave `permute()` layers) so that both coordinates get transformed.
 */
import {add, mul, neg, scale, sub} from "../autodiff/ops/arith.ts";
import {exp, tanh} from "../autodiff/ops/elementwise.ts";
import {zeros, type Tensor} from "../autodiff/tensor.ts";
import {check2d, type Bijector} from "./bijector.ts";
import {zeroOutputMlp, type ConditionerOptions} from "./conditioner.ts";
import {col, merge, split} from "./ops.ts";

export interface CouplingOptions extends ConditionerOptions {
  /** The coordinate that passes through unchanged (mask). @defaultValue 0 */
  keep?: 0 | 1;
  /** RealNVP scale bound s_max. @defaultValue 2 */
  scaleMax?: number;
}

/** NICE additive coupling; see the file comment. */
export function additiveCoupling(options: CouplingOptions = {}): Bijector {
  const keep = options.keep ?? 0;
  const net = zeroOutputMlp(1, 1, options);
  return {
    name: "nice",
    parameters: () => net.parameters(),
    zeroGrad: () => net.zeroGrad(),
    forward(z) {
      check2d(z);
      const [a, b] = split(z, keep);
      return {x: merge(a, add(b, net.forward(a)), keep), logDet: zeros(z.rows, 1)};
    },
    inverse(x) {
      check2d(x);
      const [a, b] = split(x, keep);
      return {z: merge(a, sub(b, net.forward(a)), keep), logDet: zeros(x.rows, 1)};
    }
  };
}

/** RealNVP affine coupling; see the file comment. */
export function affineCoupling(options: CouplingOptions = {}): Bijector {
  const keep = options.keep ?? 0;
  const sMax = options.scaleMax ?? 2;
  if (!(sMax > 0)) throw new RangeError(`invalid scaleMax: ${sMax}`);
  const net = zeroOutputMlp(1, 2, options);
  const conditioner = (a: Tensor) => {
    const out = net.forward(a);
    return {s: scale(tanh(scale(col(out, 0), 1 / sMax)), sMax), t: col(out, 1)};
  };
  return {
    name: "realnvp",
    parameters: () => net.parameters(),
    zeroGrad: () => net.zeroGrad(),
    forward(z) {
      check2d(z);
      const [a, b] = split(z, keep);
      const {s, t} = conditioner(a);
      return {x: merge(a, add(mul(b, exp(s)), t), keep), logDet: s};
    },
    inverse(x) {
      check2d(x);
      const [a, b] = split(x, keep);
      const {s, t} = conditioner(a);
      return {z: merge(a, mul(sub(b, t), exp(neg(s))), keep), logDet: neg(s)};
    }
  };
}
