/**
 * Unnormalised 2D target log-densities for reverse-KL training (normflows `distributions/target.py`), as functions
 * of an n×2 Tensor returning n×1, differentiable in x. They are known only up to log Z, so reverse KL converges to
 * KL(q‖p) − log Z.
 */
import {abs, softplus, sqrt, square} from "../autodiff/ops/elementwise.ts";
import {add, addScalar, mul, scale, sub} from "../autodiff/ops/arith.ts";
import {sumCols} from "../autodiff/ops/reduce.ts";
import {tensor, type Tensor} from "../autodiff/tensor.ts";
import {col} from "./ops.ts";

/** An unnormalised log-density: x (n×2) → log p̃(x) (n×1). */
export type TargetLogDensity = (x: Tensor) => Tensor;

/**
 * normflows TwoMoons: log p̃(x) = −½((‖x‖ − 2)/0.2)² + log(e^{−½((x₀ − 2)/0.3)²} + e^{−½((x₀ + 2)/0.3)²}), written
 * stably with a = |x₀| as −½((a − 2)/0.3)² + softplus(−4a/0.09) (the two exponents differ by 8a/(2·0.09)).
 */
export const twoMoonsTarget: TargetLogDensity = (x) => {
  const ring = scale(square(addScalar(sqrt(sumCols(square(x))), -2)), -0.5 / 0.04);
  const a = abs(col(x, 0));
  const modes = add(scale(square(addScalar(a, -2)), -0.5 / 0.09), softplus(scale(a, -4 / 0.09)));
  return add(ring, modes);
};

/** log N(x; μ, diag(σ²)) without its normalising constant: a target whose exact answer is known. */
export function diagonalGaussianTarget(mean: readonly [number, number], std: readonly [number, number]) {
  const mu = tensor(Float64Array.from(mean), 1, 2);
  const inv = tensor([1 / std[0], 1 / std[1]], 1, 2);
  return (x: Tensor): Tensor => scale(sumCols(square(mul(sub(x, mu), inv))), -0.5);
}
