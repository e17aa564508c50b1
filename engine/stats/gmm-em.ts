/**
 * Expectation-maximization for a 2D Gaussian mixture (lecture D1.9, the optional fitter): the E-step computes every
 * point's responsibilities γ_k(x⁽ⁱ⁾) under the current mixture (Bayes' rule, D1.8), the M-step refits each component
 * to the points weighted by them: w_k = N_k / N, m_k = Σ_i γ_ik x⁽ⁱ⁾ / N_k, S_k = Σ_i γ_ik (x⁽ⁱ⁾ − m_k)(x⁽ⁱ⁾ − m_k)ᵀ / N_k
 * with N_k = Σ_i γ_ik. Each iteration never lowers the log-likelihood (Dempster, Laird & Rubin 1977, Theorem 1).
 * `ridge` adds a tiny variance so a component that shrinks onto one point cannot make the likelihood infinite.
 */
import type {Rng} from "../random.ts";
import {gaussianMle} from "./gaussian-mle.ts";
import {mixtureResponsibilities, type MixtureParams} from "./responsibilities.ts";

export interface GmmEmOptions {
  /** Number of components K ≥ 1. */
  k: number;
  /** EM iterations after the start. @defaultValue 50 */
  iterations?: number;
  /** Added to each component's variances in the M-step. @defaultValue 1e-6 */
  ridge?: number;
  /** Picks the starting means among the points. */
  rng: Rng;
}

/** One EM run: the mixture after each iteration (index 0 is the start) and its average NLL on the fitted points. */
export interface GmmEmRun {
  readonly mixtures: readonly MixtureParams[];
  /** [iterations + 1] −(1/N) Σ_i log p(x⁽ⁱ⁾) in nats, for each mixture. */
  readonly nll: Float64Array;
}

/**
 * The start: K distinct points drawn at random as means, equal weights, and every covariance the data's own covariance
 * shrunk by K (each component begins about as wide as its share of the data).
 */
export function gmmStart(x: Float64Array, n: number, k: number, rng: Rng): MixtureParams {
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`invalid k: ${k} (an integer from 1 to ${n})`);
  const whole = gaussianMle(x, n);
  const order = rng.permutation(n);
  const means = new Float64Array(2 * k);
  const covs = new Float64Array(4 * k);
  for (let j = 0; j < k; j++) {
    means[2 * j] = x[2 * order[j]!]!;
    means[2 * j + 1] = x[2 * order[j]! + 1]!;
    for (let c = 0; c < 4; c++) covs[4 * j + c] = whole.covs[c]! / k;
  }
  return {weights: new Float64Array(k).fill(1 / k), means, covs};
}

/** One EM iteration: the next mixture, and the average NLL of the current one (computed by its E-step). */
export function emStep(mixture: MixtureParams, x: Float64Array, n: number, ridge = 1e-6) {
  const K = mixture.weights.length;
  const {gamma, logDensity} = mixtureResponsibilities(mixture, x, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += logDensity[i]!;
  const weights = new Float64Array(K);
  const means = new Float64Array(2 * K);
  const covs = new Float64Array(4 * K);
  for (let k = 0; k < K; k++) {
    let nk = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const g = gamma[i * K + k]!;
      nk += g;
      sx += g * x[2 * i]!;
      sy += g * x[2 * i + 1]!;
    }
    if (!(nk > 0)) {
      // A component no point belongs to keeps its place (it can only come back if the others move away).
      weights[k] = 0;
      means.set(mixture.means.subarray(2 * k, 2 * k + 2), 2 * k);
      covs.set(mixture.covs.subarray(4 * k, 4 * k + 4), 4 * k);
      continue;
    }
    const [mx, my] = [sx / nk, sy / nk];
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      const g = gamma[i * K + k]!;
      const dx = x[2 * i]! - mx;
      const dy = x[2 * i + 1]! - my;
      sxx += g * dx * dx;
      sxy += g * dx * dy;
      syy += g * dy * dy;
    }
    weights[k] = nk / n;
    means[2 * k] = mx;
    means[2 * k + 1] = my;
    covs.set([sxx / nk + ridge, sxy / nk, sxy / nk, syy / nk + ridge], 4 * k);
  }
  return {next: {weights, means, covs} as MixtureParams, nll: -total / n};
}

/** Runs EM from `gmmStart` on n points x [n, 2]. */
export function gmmEm(x: Float64Array, n: number, options: GmmEmOptions): GmmEmRun {
  const {k, iterations = 50, ridge = 1e-6, rng} = options;
  if (!(Number.isInteger(iterations) && iterations >= 0)) throw new RangeError(`invalid iterations: ${iterations}`);
  if (!(ridge >= 0)) throw new RangeError(`invalid ridge: ${ridge}`);
  const mixtures: MixtureParams[] = [gmmStart(x, n, k, rng)];
  const nll = new Float64Array(iterations + 1);
  for (let it = 0; it < iterations; it++) {
    const step = emStep(mixtures[it]!, x, n, ridge);
    nll[it] = step.nll;
    mixtures.push(step.next);
  }
  nll[iterations] = averageNll(mixtures[iterations]!, x, n);
  return {mixtures, nll};
}

/** −(1/N) Σ_i log p(x⁽ⁱ⁾) under a mixture, in nats: the average negative log-likelihood. */
export function averageNll(mixture: MixtureParams, x: Float64Array, n: number): number {
  const {logDensity} = mixtureResponsibilities(mixture, x, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += logDensity[i]!;
  return -total / n;
}
