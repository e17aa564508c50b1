/**
 * log det(I + J) for per-sample 2×2 Jacobians J (four n×1 tensors, J[i][j] = ∂u_i/∂z_j), three ways (lecture.md
 * §8.6, residual-flows `iresblock.py`), all differentiable with respect to whatever J was computed from:
 * - exact: log|(1 + J₀₀)(1 + J₁₁) − J₀₁J₁₀|, the brute-force 2×2 determinant used at evaluation;
 * - series: Σ_{k=1}^{K} (−1)^{k+1} tr(J^k)/k, converging when the spectral radius of J is below 1 (Lip(u) < 1);
 * - Russian roulette (Chen et al. 2019): N ~ Geometric(p) on {1, 2, …}, terms k = 1 … N + n_exact, term k weighted
 *   by 1/P(N ≥ k − n_exact) with P(N ≥ m) = (1 − p)^{m−1} (1 for m ≤ 1): unbiased for the infinite series. With
 *   `hutchinson`, tr(J^k) is replaced by εᵀJ^kε, ε ~ N(0, I) per sample (also unbiased).
 */
import {add, addScalar, mul, scale, sub} from "../autodiff/ops/arith.ts";
import {abs, log} from "../autodiff/ops/elementwise.ts";
import {tensor, type Tensor} from "../autodiff/tensor.ts";
import type {Rng} from "../random.ts";

/** A batch of 2×2 matrices as entries [[m00, m01], [m10, m11]], each n×1. */
export type Mat2 = [[Tensor, Tensor], [Tensor, Tensor]];

/** A · B entrywise over the batch. */
function product(a: Mat2, b: Mat2): Mat2 {
  const e = (i: number, j: number) => add(mul(a[i]![0]!, b[0]![j]!), mul(a[i]![1]!, b[1]![j]!));
  return [
    [e(0, 0), e(0, 1)],
    [e(1, 0), e(1, 1)]
  ];
}

/** log|det(I + J)| exactly. */
export function logDetExact(j: Mat2): Tensor {
  return log(abs(sub(mul(addScalar(j[0][0], 1), addScalar(j[1][1], 1)), mul(j[0][1], j[1][0]))));
}

/** Quadratic form εᵀMε per sample, or tr M when eps is null. */
function contract(m: Mat2, eps: [Tensor, Tensor] | null): Tensor {
  if (!eps) return add(m[0][0], m[1][1]);
  const [e0, e1] = eps;
  const row = (i: 0 | 1) => add(mul(m[i][0], e0), mul(m[i][1], e1));
  return add(mul(e0, row(0)), mul(e1, row(1)));
}

/** Σ_k c_k (−1)^{k+1} q(J^k)/k for k = 1..coefficients.length, q = trace or Hutchinson form. */
function weightedSeries(j: Mat2, coefficients: number[], eps: [Tensor, Tensor] | null): Tensor {
  let power = j;
  let total: Tensor | null = null;
  for (let k = 1; k <= coefficients.length; k++) {
    if (k > 1) power = product(power, j);
    const term = scale(contract(power, eps), (coefficients[k - 1]! * (k % 2 === 1 ? 1 : -1)) / k);
    total = total ? add(total, term) : term;
  }
  return total!;
}

/** Truncated power series with `terms` exact-trace terms. */
export function logDetSeries(j: Mat2, terms: number): Tensor {
  if (!(Number.isInteger(terms) && terms >= 1)) throw new RangeError(`invalid series terms: ${terms}`);
  return weightedSeries(j, new Array<number>(terms).fill(1), null);
}

export interface RouletteOptions {
  /** Geometric parameter p. @defaultValue 0.5 (residual-flows) */
  p?: number;
  /** Terms always included. @defaultValue 2 (residual-flows) */
  exactTerms?: number;
  /** Estimate traces with εᵀJ^kε instead of exactly. @defaultValue true */
  hutchinson?: boolean;
}

/** Draws N ~ Geometric(p) on {1, 2, …} by inversion. */
export function geometric(random: Rng, p: number): number {
  if (p >= 1) return 1;
  return 1 + Math.floor(Math.log1p(-random.uniform()) / Math.log1p(-p));
}

/** One unbiased Russian-roulette estimate of log det(I + J) per sample (one N for the whole batch). */
export function logDetRoulette(j: Mat2, random: Rng, options: RouletteOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  const exact = options.exactTerms ?? 2;
  if (!(p > 0 && p <= 1)) throw new RangeError(`invalid roulette p: ${p}`);
  const terms = geometric(random, p) + exact;
  const coefficients = Array.from({length: terms}, (_, i) => {
    const m = i + 1 - exact; // P(N ≥ m) = (1 − p)^{m − 1} for m ≥ 1, else 1
    return m <= 1 ? 1 : 1 / (1 - p) ** (m - 1);
  });
  let eps: [Tensor, Tensor] | null = null;
  if (options.hutchinson ?? true) {
    const n = j[0][0].rows;
    eps = [
      tensor(random.fillNormal(new Float64Array(n)) as Float64Array, n, 1),
      tensor(random.fillNormal(new Float64Array(n)) as Float64Array, n, 1)
    ];
  }
  return weightedSeries(j, coefficients, eps);
}
