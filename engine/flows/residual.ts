/**
 * Residual block (i-ResNet, Behrmann et al. 2019; residual flows, Chen et al. 2019) in the generator direction:
 * x = z + u(z) with u a spectrally normalised LipSwish MLP (Lip(u) < 1). Forward is explicit and differentiable;
 * its log-det log det(I + J_u(z)) is exact (2×2 determinant, default), a truncated power series, or the unbiased
 * Russian-roulette estimator (`logDet` option). The inverse is the Banach fixed-point iteration (fixed-point.ts) and
 * returns constants; its log-det is minus the exact forward one at the solution. To train by maximum likelihood,
 * wrap the block in `inverted` so the explicit direction is the normalizing one (normflows `Residual(reverse=True)`).
 */
import {add} from "../autodiff/ops/arith.ts";
import {noGrad, tensor, type Tensor} from "../autodiff/tensor.ts";
import {rng} from "../random.ts";
import {check2d, type Bijector} from "./bijector.ts";
import {fixedPointInverse, type FixedPointOptions, type FixedPointResult} from "./fixed-point.ts";
import {lipschitzMlp, type LipschitzMlp, type LipschitzMlpOptions} from "./lipschitz-mlp.ts";
import {col} from "./ops.ts";
import {logDetExact, logDetRoulette, logDetSeries, type Mat2, type RouletteOptions} from "./residual-logdet.ts";

export type LogDetMode = "exact" | "series" | "roulette";

export interface ResidualOptions extends LipschitzMlpOptions {
  /** How forward computes log det(I + J). @defaultValue "exact" */
  logDet?: LogDetMode;
  /** Terms of the "series" mode. @defaultValue 10 */
  seriesTerms?: number;
  /** Options of the "roulette" mode. */
  roulette?: RouletteOptions;
  /** Fixed-point options of `inverse`. */
  fixedPoint?: FixedPointOptions;
}

export interface ResidualBlock extends Bijector {
  readonly u: LipschitzMlp;
  /** The Jacobian J_u(z) entries, n×1 each. */
  jacobian(z: Tensor): Mat2;
  /** Fixed-point inversion of flat n×2 x with every iterate available (options override the block's). */
  solve(x: Float64Array, options?: FixedPointOptions): FixedPointResult;
}

/** The residual block; see the file comment. */
export function residualBlock(options: ResidualOptions = {}): ResidualBlock {
  const u = lipschitzMlp(options);
  const mode = options.logDet ?? "exact";
  const random = rng((options.seed ?? 0) + 1);

  function entries(z: Tensor) {
    const {output, jacobian} = u.forwardJacobian(z);
    // jacobian[j] holds ∂u/∂z_j, whose column i is ∂u_i/∂z_j.
    const j: Mat2 = [
      [col(jacobian[0], 0), col(jacobian[1], 0)],
      [col(jacobian[0], 1), col(jacobian[1], 1)]
    ];
    return {output, j};
  }

  function logDetOf(j: Mat2, which: LogDetMode): Tensor {
    if (which === "series") return logDetSeries(j, options.seriesTerms ?? 10);
    if (which === "roulette") return logDetRoulette(j, random, options.roulette);
    return logDetExact(j);
  }

  function solve(x: Float64Array, override: FixedPointOptions = {}) {
    const n = x.length / 2;
    const evaluate = (out: Float64Array, z: Float64Array) => out.set(noGrad(() => u.forward(tensor(z, n, 2))).data);
    return fixedPointInverse(evaluate, x, {...options.fixedPoint, ...override});
  }

  return {
    name: "residual",
    u,
    parameters: () => u.parameters(),
    zeroGrad: () => u.zeroGrad(),
    jacobian: (z) => entries(z).j,
    solve,
    forward(z) {
      check2d(z);
      const {output, j} = entries(z);
      return {x: add(z, output), logDet: logDetOf(j, mode)};
    },
    inverse(x) {
      check2d(x);
      const z = tensor(solve(x.data).z, x.rows, 2);
      const logDet = noGrad(() => logDetExact(entries(z).j));
      for (let i = 0; i < logDet.data.length; i++) logDet.data[i] = -logDet.data[i]!;
      return {z, logDet};
    }
  };
}
