/**
 * Closed-form marginal velocity fields and densities of a probability path between Gaussian mixtures (lecture
 * §8.11; no training). With x_t = a x0 + b x1 + s ξ (path.ts), x0 ~ Σ_i w0_i N(m0_i, S0_i) independent of
 * x1 ~ Σ_j w1_j N(m1_j, S1_j), every pair (i, j) makes (x_t, u_t) jointly Gaussian:
 *   μ_ij = a m0_i + b m1_j,   V_ij = a² S0_i + b² S1_j + s² I,   C_ij = a·da S0_i + b·db S1_j + s²·(ṡ/s) I,
 * so u_t(x) = E[u_t | x_t = x] = Σ_ij γ_ij(x) [da m0_i + db m1_j + C_ij V_ij⁻¹ (x − μ_ij)] with posterior weights
 * γ_ij ∝ w0_i w1_j N(x; μ_ij, V_ij), and p_t(x) = Σ_ij w0_i w1_j N(x; μ_ij, V_ij). One-sided paths (a = 0) only see
 * the target, and a point cloud is the mixture with S = 0 (the exact minimiser that memorises its points).
 */
import type {VelocityField} from "../fields/field.ts";
import type {ProbabilityPath} from "../paths/path.ts";

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
}

const LOG_2PI = Math.log(2 * Math.PI);
/** Per pair: log w + log-normaliser, μ (2), V⁻¹ (3: p11 p12 p22), M = C V⁻¹ (4), target mean (2). */
const STRIDE = 12;

/** The marginal field of `path` from `source` to `target` (the source is ignored by one-sided paths). */
export function marginalField(path: ProbabilityPath, source: Mixture, target: Mixture): MarginalField {
  const K0 = path.oneSided ? 1 : source.weights.length;
  const K1 = target.weights.length;
  const pairs = new Float64Array(K0 * K1 * STRIDE);
  let logw = new Float64Array(0);
  let cachedT = NaN;

  function prepare(t: number): void {
    if (t === cachedT) return;
    const {a, b, s, da, db, dlogs} = path.coefficients(t);
    for (let i = 0; i < K0; i++) {
      for (let j = 0; j < K1; j++) {
        const p = (i * K1 + j) * STRIDE;
        const [m0x, m0y, w0] = path.oneSided
          ? [0, 0, 1]
          : [source.means[2 * i]!, source.means[2 * i + 1]!, source.weights[i]!];
        const S0 = (k: number) => (path.oneSided ? 0 : source.covs[4 * i + k]!);
        const S1 = (k: number) => target.covs[4 * j + k]!;
        const v = [0, 1, 2, 3].map((k) => a * a * S0(k) + b * b * S1(k) + (k === 0 || k === 3 ? s * s : 0));
        const c = [0, 1, 2, 3].map((k) => a * da * S0(k) + b * db * S1(k) + (k === 0 || k === 3 ? s * s * dlogs : 0));
        const det = v[0]! * v[3]! - v[1]! * v[2]!;
        if (!(det > 0)) throw new RangeError(`singular marginal covariance at t=${t}`);
        const [q11, q12, q22] = [v[3]! / det, -v[1]! / det, v[0]! / det];
        pairs[p] = Math.log(w0 * target.weights[j]!) - LOG_2PI - 0.5 * Math.log(det);
        pairs[p + 1] = a * m0x + b * target.means[2 * j]!;
        pairs[p + 2] = a * m0y + b * target.means[2 * j + 1]!;
        pairs.set([q11, q12, q22], p + 3);
        pairs.set(
          [c[0]! * q11 + c[1]! * q12, c[0]! * q12 + c[1]! * q22, c[2]! * q11 + c[3]! * q12, c[2]! * q12 + c[3]! * q22],
          p + 6
        );
        pairs[p + 10] = da * m0x + db * target.means[2 * j]!;
        pairs[p + 11] = da * m0y + db * target.means[2 * j + 1]!;
      }
    }
    cachedT = t;
  }

  /** Fills logw with the log joint weight of every pair at x = (x, y); returns their log-sum-exp. */
  function weigh(x: number, y: number): number {
    const P = K0 * K1;
    if (logw.length !== P) logw = new Float64Array(P);
    let max = -Infinity;
    for (let k = 0; k < P; k++) {
      const p = k * STRIDE;
      const dx = x - pairs[p + 1]!;
      const dy = y - pairs[p + 2]!;
      const q = pairs[p + 3]! * dx * dx + 2 * pairs[p + 4]! * dx * dy + pairs[p + 5]! * dy * dy;
      logw[k] = pairs[p]! - 0.5 * q;
      if (logw[k]! > max) max = logw[k]!;
    }
    let sum = 0;
    for (let k = 0; k < P; k++) sum += Math.exp(logw[k]! - max);
    return max + Math.log(sum);
  }

  return {
    dim: 2,
    velocity(out, x, n, t) {
      prepare(t);
      for (let i = 0; i < n; i++) {
        const [px, py] = [x[2 * i]!, x[2 * i + 1]!];
        const lse = weigh(px, py);
        let ux = 0;
        let uy = 0;
        for (let k = 0; k < K0 * K1; k++) {
          const g = Math.exp(logw[k]! - lse);
          if (g === 0) continue;
          const p = k * STRIDE;
          const dx = px - pairs[p + 1]!;
          const dy = py - pairs[p + 2]!;
          ux += g * (pairs[p + 10]! + pairs[p + 6]! * dx + pairs[p + 7]! * dy);
          uy += g * (pairs[p + 11]! + pairs[p + 8]! * dx + pairs[p + 9]! * dy);
        }
        out[2 * i] = ux;
        out[2 * i + 1] = uy;
      }
    },
    logDensity(out, x, n, t) {
      prepare(t);
      for (let i = 0; i < n; i++) out[i] = weigh(x[2 * i]!, x[2 * i + 1]!);
    }
  };
}
