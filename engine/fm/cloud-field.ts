/**
 * The marginal velocity of the straight path (I-CFM, σ = 0) from N(0, I) to an equal-weight cloud of m points, each
 * blurred by N(0, σ² I): the special case of marginal.ts that the flow-hero demo runs on 5,000 particles, written out
 * because every pair then shares one covariance. With a = 1 − t, b = t: V = (a² + b²σ²) I, C = (bσ² − a) I, so
 *   u_t(x) = c x + (1 − c t) Σ_j γ_j(x) μ_j,  c = (tσ² − (1 − t)) / V,  γ_j ∝ exp(−|x − t μ_j|² / 2V),
 * a softmax-weighted mean of the points: one exponential per (particle, point) pair, about 4× fewer operations than
 * the general mixture (measured equal to it in test/engine/fm/cloud-field.test.ts).
 */
import type {VelocityField} from "../fields/field.ts";

export function cloudField(points: Float64Array, sigma: number): VelocityField {
  const m = points.length / 2;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`invalid points: length ${points.length}`);
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError(`invalid sigma: ${sigma}`);
  const logits = new Float64Array(m);
  return {
    dim: 2,
    velocity(out, x, n, t) {
      const v = (1 - t) ** 2 + t * t * sigma * sigma;
      const c = (t * sigma * sigma - (1 - t)) / v;
      const half = 0.5 / v;
      for (let i = 0; i < n; i++) {
        const [px, py] = [x[2 * i]!, x[2 * i + 1]!];
        let max = -Infinity;
        for (let j = 0; j < m; j++) {
          const dx = px - t * points[2 * j]!;
          const dy = py - t * points[2 * j + 1]!;
          const l = -half * (dx * dx + dy * dy);
          logits[j] = l;
          if (l > max) max = l;
        }
        let [sum, mx, my] = [0, 0, 0];
        for (let j = 0; j < m; j++) {
          const g = Math.exp(logits[j]! - max);
          sum += g;
          mx += g * points[2 * j]!;
          my += g * points[2 * j + 1]!;
        }
        out[2 * i] = c * px + (1 - c * t) * (mx / sum);
        out[2 * i + 1] = c * py + (1 - c * t) * (my / sum);
      }
    }
  };
}
