/**
 * The posterior over the target's components at a point (the weights of the marginalization trick, lecture D4.6):
 * for a one-sided path x_t = b_t x1 + s_t ε with x1 ~ Σ_k w_k N(m_k, S_k), Bayes gives
 *   γ_k(x) = w_k N(x; b_t m_k, b_t² S_k + s_t² I) / Σ_j w_j N(x; b_t m_j, b_t² S_j + s_t² I),
 * the probability that the particle at x at time t is heading for component k (for point masses, S_k = 0: for the
 * data point m_k). Written independently of marginal.ts so that each can check the other.
 */
import type {ProbabilityPath} from "../paths/path.ts";
import type {Mixture} from "./marginal.ts";

/** out [K] ← γ_k(x, y) at time t; throws for a two-sided path or a singular covariance. */
export function posteriorWeights(
  path: ProbabilityPath,
  target: Mixture,
  x: number,
  y: number,
  t: number,
  out = new Float64Array(target.weights.length)
): Float64Array {
  if (!path.oneSided) throw new RangeError(`invalid path: ${path.name} (posterior weights need a one-sided path)`);
  const K = target.weights.length;
  if (out.length < K) throw new RangeError(`shape mismatch: out of length ${out.length} vs ${K} components`);
  const {b, s} = path.coefficients(t);
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const S = target.covs.subarray(4 * k, 4 * k + 4);
    const [v11, v12, v21, v22] = [b * b * S[0]! + s * s, b * b * S[1]!, b * b * S[2]!, b * b * S[3]! + s * s];
    const det = v11 * v22 - v12 * v21;
    if (!(det > 0)) throw new RangeError(`singular conditional covariance at t=${t}`);
    const dx = x - b * target.means[2 * k]!;
    const dy = y - b * target.means[2 * k + 1]!;
    const quad = (v22 * dx * dx - (v12 + v21) * dx * dy + v11 * dy * dy) / det;
    out[k] = Math.log(target.weights[k]!) - 0.5 * Math.log(det) - 0.5 * quad;
    if (out[k]! > max) max = out[k]!;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += out[k] = Math.exp(out[k]! - max);
  for (let k = 0; k < K; k++) out[k]! /= sum;
  return out;
}
