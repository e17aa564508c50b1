/**
 * Closed-form marginal velocity fields, scores, conditional-target variances and densities of a probability path
 * between Gaussian mixtures (lecture §8.11; no training). With x_t = a x0 + b x1 + s ξ (path.ts) and independent
 * x0 ~ Σ_i w0_i N(m0_i, S0_i), x1 ~ Σ_j w1_j N(m1_j, S1_j), every pair (i, j) makes x_t and the conditional target
 * u = da x0 + db x1 + (ṡ/s) s ξ jointly Gaussian:
 *   μ_ij = a m0_i + b m1_j,  V_ij = a² S0_i + b² S1_j + s² I,  C_ij = Cov(u, x_t) = a·da S0_i + b·db S1_j + s²(ṡ/s) I,
 * so u_t(x) = Σ_ij γ_ij(x) m_ij(x), m_ij(x) = da m0_i + db m1_j + C_ij V_ij⁻¹ (x − μ_ij), γ_ij ∝ w0_i w1_j N(x; μ_ij, V_ij),
 * p_t(x) = Σ_ij w0_i w1_j N(x; μ_ij, V_ij), ∇log p_t(x) = −Σ_ij γ_ij V_ij⁻¹ (x − μ_ij), and by the law of total
 * variance tr Var[u | x_t = x] = Σ_ij γ_ij (tr P_ij + |m_ij(x)|²) − |u_t(x)|², P_ij = Cov(u) − C_ij V_ij⁻¹ C_ijᵀ.
 * One-sided paths (a = 0) only see the target; a point cloud is the mixture with S = 0 (the exact minimiser, which
 * memorises its points).
 */
import type {VelocityField} from "../fields/field.ts";
import type {PathCoefficients, ProbabilityPath} from "../paths/path.ts";

/** A 2D Gaussian mixture in flat form (engine/data's `GaussianMixture` has exactly these fields). */
export interface Mixture {
  /** [K] normalised weights. */
  weights: Float64Array;
  /** [K, 2] means. */
  means: Float64Array;
  /** [K, 4] row-major covariances. */
  covs: Float64Array;
}

/** The empirical measure of m points [m, 2] as a mixture of equal-weight point masses. */
export function pointMixture(points: Float64Array): Mixture {
  const m = points.length / 2;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`invalid points: length ${points.length}`);
  return {weights: new Float64Array(m).fill(1 / m), means: points.slice(), covs: new Float64Array(4 * m)};
}

export interface MarginalField extends VelocityField {
  /** out [n] ← log p_t(x_i), the path's exact marginal log-density at time t. */
  logDensity(out: Float64Array, x: Float64Array, n: number, t: number): void;
  /** out [n, 2] ← ∇ log p_t(x_i), the score. */
  score(out: Float64Array, x: Float64Array, n: number, t: number): void;
  /** out [n] ← tr Var[u | x_t = x_i], the conditional target's variance (summed over both coordinates). */
  targetVariance(out: Float64Array, x: Float64Array, n: number, t: number): void;
}

const LOG_2PI = Math.log(2 * Math.PI);
/** Per pair: log weight + normaliser, μ (2), V⁻¹ (3: p11 p12 p22), M = C V⁻¹ (4), target mean (2), tr P. */
const STRIDE = 13;

/** Writes the terms of one component pair at offset p (see STRIDE); throws when V is singular. */
function pairTerms(out: Float64Array, p: number, c: PathCoefficients, t: number, src: number[], tgt: number[]): void {
  const {a, b, s, da, db, dlogs} = c;
  // src, tgt: [weight, mean x, mean y, cov 11, 12, 21, 22]
  const iso = (k: number) => (k === 0 || k === 3 ? 1 : 0);
  const v = [0, 1, 2, 3].map((k) => a * a * src[3 + k]! + b * b * tgt[3 + k]! + s * s * iso(k));
  const cc = [0, 1, 2, 3].map((k) => a * da * src[3 + k]! + b * db * tgt[3 + k]! + s * s * dlogs * iso(k));
  const det = v[0]! * v[3]! - v[1]! * v[2]!;
  if (!(det > 0)) throw new RangeError(`singular marginal covariance at t=${t}`);
  const [q11, q12, q22] = [v[3]! / det, -v[1]! / det, v[0]! / det];
  const m = [
    cc[0]! * q11 + cc[1]! * q12,
    cc[0]! * q12 + cc[1]! * q22,
    cc[2]! * q11 + cc[3]! * q12,
    cc[2]! * q12 + cc[3]! * q22
  ];
  const covU = da * da * (src[3]! + src[6]!) + db * db * (tgt[3]! + tgt[6]!) + 2 * (s * dlogs) ** 2;
  // tr(M Cᵀ) = Σ_kl M_kl C_kl, since (C V⁻¹ Cᵀ)_kk = Σ_l M_kl C_kl.
  const explained = m[0]! * cc[0]! + m[1]! * cc[1]! + m[2]! * cc[2]! + m[3]! * cc[3]!;
  out[p] = Math.log(src[0]! * tgt[0]!) - LOG_2PI - 0.5 * Math.log(det);
  out.set([a * src[1]! + b * tgt[1]!, a * src[2]! + b * tgt[2]!, q11, q12, q22, ...m], p + 1);
  out.set([da * src[1]! + db * tgt[1]!, da * src[2]! + db * tgt[2]!, covU - explained], p + 10);
}

function component(mix: Mixture, k: number): number[] {
  return [mix.weights[k]!, mix.means[2 * k]!, mix.means[2 * k + 1]!, ...mix.covs.subarray(4 * k, 4 * k + 4)];
}

/** The marginal field of `path` from `source` to `target` (the source is ignored by one-sided paths). */
export function marginalField(path: ProbabilityPath, source: Mixture, target: Mixture): MarginalField {
  const K0 = path.oneSided ? 1 : source.weights.length;
  const P = K0 * target.weights.length;
  const pairs = new Float64Array(P * STRIDE);
  const logw = new Float64Array(P);
  let cachedT = NaN;

  function prepare(t: number): void {
    if (t === cachedT) return;
    const c = path.coefficients(t);
    for (let i = 0; i < K0; i++) {
      const src = path.oneSided ? [1, 0, 0, 0, 0, 0, 0] : component(source, i);
      for (let j = 0; j < target.weights.length; j++) {
        pairTerms(pairs, (i * target.weights.length + j) * STRIDE, c, t, src, component(target, j));
      }
    }
    cachedT = t;
  }

  /** Fills logw with each pair's log joint weight at (x, y) and returns their log-sum-exp, log p_t(x, y). */
  function weigh(x: number, y: number): number {
    let max = -Infinity;
    for (let k = 0; k < P; k++) {
      const p = k * STRIDE;
      const [dx, dy] = [x - pairs[p + 1]!, y - pairs[p + 2]!];
      logw[k] = pairs[p]! - 0.5 * (pairs[p + 3]! * dx * dx + 2 * pairs[p + 4]! * dx * dy + pairs[p + 5]! * dy * dy);
      if (logw[k]! > max) max = logw[k]!;
    }
    let sum = 0;
    for (let k = 0; k < P; k++) sum += Math.exp(logw[k]! - max);
    return max + Math.log(sum);
  }

  /** Posterior averages at (x, y): acc ← [u_x, u_y, score_x, score_y, Σγ(tr P + |m|²)]. */
  const acc = new Float64Array(5);
  function posterior(x: number, y: number): Float64Array {
    const lse = weigh(x, y);
    let [ux, uy, sx, sy, second] = [0, 0, 0, 0, 0];
    for (let k = 0; k < P; k++) {
      const g = Math.exp(logw[k]! - lse);
      if (g === 0) continue;
      const p = k * STRIDE;
      const [dx, dy] = [x - pairs[p + 1]!, y - pairs[p + 2]!];
      const mx = pairs[p + 10]! + pairs[p + 6]! * dx + pairs[p + 7]! * dy;
      const my = pairs[p + 11]! + pairs[p + 8]! * dx + pairs[p + 9]! * dy;
      ux += g * mx;
      uy += g * my;
      sx -= g * (pairs[p + 3]! * dx + pairs[p + 4]! * dy);
      sy -= g * (pairs[p + 4]! * dx + pairs[p + 5]! * dy);
      second += g * (pairs[p + 12]! + mx * mx + my * my);
    }
    acc.set([ux, uy, sx, sy, second]);
    return acc;
  }

  /** Runs `write(i, posterior)` for each of the n points at time t. */
  const each = (x: Float64Array, n: number, t: number, write: (i: number, r: Float64Array) => void) => {
    prepare(t);
    for (let i = 0; i < n; i++) write(i, posterior(x[2 * i]!, x[2 * i + 1]!));
  };

  return {
    dim: 2,
    velocity: (out, x, n, t) => each(x, n, t, (i, r) => out.set(r.subarray(0, 2), 2 * i)),
    score: (out, x, n, t) => each(x, n, t, (i, r) => out.set(r.subarray(2, 4), 2 * i)),
    targetVariance: (out, x, n, t) => each(x, n, t, (i, r) => (out[i] = r[4]! - r[0]! * r[0]! - r[1]! * r[1]!)),
    logDensity(out, x, n, t) {
      prepare(t);
      for (let i = 0; i < n; i++) out[i] = weigh(x[2 * i]!, x[2 * i + 1]!);
    }
  };
}
