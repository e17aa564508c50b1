/**
 * Affine layer x = L z + b with L lower triangular and a positive diagonal (Cholesky-style): L = [[e^{l₀}, 0],
 * [m, e^{l₁}]]. log|det ∂x/∂z| = l₀ + l₁. With a standard normal base, the flow density is N(b, L Lᵀ) exactly
 * (engine-reference (d)3). Both directions are closed form and differentiable.
 */
import {add, mul, neg, sub} from "../autodiff/ops/arith.ts";
import {exp} from "../autodiff/ops/elementwise.ts";
import {sum} from "../autodiff/ops/reduce.ts";
import {parameter} from "../autodiff/tensor.ts";
import {check2d, type Bijector} from "./bijector.ts";
import {col, cols2, perRow} from "./ops.ts";

export interface AffineOptions {
  /** Lower factor entries [L₀₀, L₁₀, L₁₁] with L₀₀, L₁₁ > 0. @defaultValue [1, 0, 1] (identity) */
  lower?: readonly [number, number, number];
  /** Shift b. @defaultValue [0, 0] */
  shift?: readonly [number, number];
}

export interface AffineLayer extends Bijector {
  /** The current [L₀₀, L₁₀, L₁₁] and b, as numbers. */
  values(): {lower: [number, number, number]; shift: [number, number]};
}

/** The affine layer; see the file comment. */
export function affineLayer(options: AffineOptions = {}): AffineLayer {
  const [a, m, c] = options.lower ?? [1, 0, 1];
  if (!(a > 0 && c > 0)) throw new RangeError(`invalid cholesky diagonal: [${a}, ${c}]`);
  const logDiag = parameter([Math.log(a), Math.log(c)], 1, 2);
  const off = parameter([m], 1, 1);
  const shift = parameter(Float64Array.from(options.shift ?? [0, 0]), 1, 2);
  const params = [logDiag, off, shift];
  return {
    name: "affine",
    parameters: () => params.slice(),
    zeroGrad: () => params.forEach((p) => p.zeroGrad()),
    forward(z) {
      check2d(z);
      const z0 = col(z, 0);
      const x0 = add(mul(z0, exp(col(logDiag, 0))), col(shift, 0));
      const x1 = add(add(mul(z0, off), mul(col(z, 1), exp(col(logDiag, 1)))), col(shift, 1));
      return {x: cols2(x0, x1), logDet: perRow(sum(logDiag), z.rows)};
    },
    inverse(x) {
      check2d(x);
      const z0 = mul(sub(col(x, 0), col(shift, 0)), exp(neg(col(logDiag, 0))));
      const z1 = mul(sub(sub(col(x, 1), col(shift, 1)), mul(z0, off)), exp(neg(col(logDiag, 1))));
      return {z: cols2(z0, z1), logDet: perRow(neg(sum(logDiag)), x.rows)};
    },
    values: () => ({
      lower: [Math.exp(logDiag.data[0]!), off.data[0]!, Math.exp(logDiag.data[1]!)],
      shift: [shift.data[0]!, shift.data[1]!]
    })
  };
}
