/**
 * Bayes' rule for a 2D Gaussian mixture p(x) = Σ_k w_k N(x; m_k, S_k) (lecture D1.8): the responsibility of component
 * k for a point x is its share of the density there, γ_k(x) = w_k N(x; m_k, S_k) / p(x), the posterior probability
 * p(z = k | x) that x was drawn from component k. Computed in log space (log-sum-exp), so points far from every
 * component still get finite, normalised weights.
 */

/** A 2D Gaussian mixture's parameters, flat (the same shape as engine/data's gaussianMixture and engine/fm's Mixture). */
export interface MixtureParams {
  /** [K] weights, summing to one. */
  readonly weights: Float64Array;
  /** [K, 2] means. */
  readonly means: Float64Array;
  /** [K, 4] row-major covariances, each symmetric positive definite. */
  readonly covs: Float64Array;
}

/** What `mixtureResponsibilities` returns for n points. */
export interface Responsibilities {
  /** [n, K] γ_k(x⁽ⁱ⁾): each row sums to one. */
  readonly gamma: Float64Array;
  /** [n] log p(x⁽ⁱ⁾), in nats. */
  readonly logDensity: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log(w_k N(x; m_k, S_k)) for every component at n points x [n, 2], written into out [n, K]. */
export function componentLogDensities(mixture: MixtureParams, x: Float64Array, n: number, out?: Float64Array) {
  const K = mixture.weights.length;
  if (mixture.means.length !== 2 * K || mixture.covs.length !== 4 * K)
    throw new RangeError(
      `shape mismatch: ${K} weights, ${mixture.means.length / 2} means, ${mixture.covs.length / 4} covs`
    );
  if (x.length < 2 * n) throw new RangeError(`shape mismatch: x of length ${x.length} vs [${n},2]`);
  const result = out ?? new Float64Array(n * K);
  if (result.length < n * K) throw new RangeError(`shape mismatch: out of length ${result.length} vs [${n},${K}]`);
  for (let k = 0; k < K; k++) {
    const [a, b, , d] = mixture.covs.subarray(4 * k, 4 * k + 4);
    const det = a! * d! - b! * b!;
    if (!(a! > 0 && det > 0)) throw new RangeError(`invalid covariance of component ${k + 1}: det ${det}`);
    const w = mixture.weights[k]!;
    if (!(w >= 0)) throw new RangeError(`invalid weight of component ${k + 1}: ${w}`);
    const c = Math.log(w) - LOG_2PI - 0.5 * Math.log(det);
    const [mx, my] = [mixture.means[2 * k]!, mixture.means[2 * k + 1]!];
    for (let i = 0; i < n; i++) {
      const dx = x[2 * i]! - mx;
      const dy = x[2 * i + 1]! - my;
      // (x − m)ᵀ S⁻¹ (x − m) with the 2×2 inverse [d, −b; −b, a] / det.
      result[i * K + k] = c - (0.5 * (d! * dx * dx - 2 * b! * dx * dy + a! * dy * dy)) / det;
    }
  }
  return result;
}

/** γ_k(x⁽ⁱ⁾) and log p(x⁽ⁱ⁾) at n points x [n, 2]. */
export function mixtureResponsibilities(mixture: MixtureParams, x: Float64Array, n: number): Responsibilities {
  const K = mixture.weights.length;
  const gamma = componentLogDensities(mixture, x, n);
  const logDensity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, gamma[i * K + k]!);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += gamma[i * K + k] = Math.exp(gamma[i * K + k]! - max);
    for (let k = 0; k < K; k++) gamma[i * K + k]! /= sum;
    logDensity[i] = max + Math.log(sum);
  }
  return {gamma, logDensity};
}
