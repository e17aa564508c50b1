/**
 * ActNorm (Kingma & Dhariwal 2018, Glow): elementwise affine x = e^{s} ⊙ z + b with log|det ∂x/∂z| = s₀ + s₁.
 * Data-dependent init: the first `inverse` call (the normalizing direction, which sees data during maximum-likelihood
 * training) sets b and s so that the batch leaves with zero mean and unit variance per coordinate, as Glow does.
 */
import {add, mul, neg, sub} from "../autodiff/ops/arith.ts";
import {exp} from "../autodiff/ops/elementwise.ts";
import {sum} from "../autodiff/ops/reduce.ts";
import {parameter, type Tensor} from "../autodiff/tensor.ts";
import {check2d, type Bijector} from "./bijector.ts";
import {perRow} from "./ops.ts";

export interface ActNorm extends Bijector {
  /** Whether the data-dependent init has happened (set it to true to skip it). */
  initialized: boolean;
}

/** ActNorm; see the file comment. */
export function actNorm(): ActNorm {
  const logScale = parameter([0, 0], 1, 2);
  const shift = parameter([0, 0], 1, 2);
  const params = [logScale, shift];
  const layer: ActNorm = {
    name: "actnorm",
    initialized: false,
    parameters: () => params.slice(),
    zeroGrad: () => params.forEach((p) => p.zeroGrad()),
    forward(z) {
      check2d(z);
      return {x: add(mul(z, exp(logScale)), shift), logDet: perRow(sum(logScale), z.rows)};
    },
    inverse(x) {
      check2d(x);
      if (!layer.initialized) initialise(x);
      return {z: mul(sub(x, shift), exp(neg(logScale))), logDet: perRow(neg(sum(logScale)), x.rows)};
    }
  };

  function initialise(x: Tensor) {
    layer.initialized = true;
    const n = x.rows;
    if (n < 2) return;
    for (let j = 0; j < 2; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += x.data[2 * i + j]! / n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (x.data[2 * i + j]! - m) ** 2 / (n - 1);
      shift.data[j] = m;
      // 1e-6 (Glow uses 1e-6) keeps a constant coordinate finite.
      logScale.data[j] = 0.5 * Math.log(v + 1e-6);
    }
  }
  return layer;
}
