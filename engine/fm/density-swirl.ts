/**
 * The second kind of non-uniqueness (lecture D4.3, pedagogy audit item 10): a probability path p_t does not fix its
 * velocity field. For any field u_t that generates p_t, so does u_t + w_t whenever ∇·(p_t w_t) = 0. One such w for
 * every smooth positive density is the rotated score w_t = ω J ∇log p_t with J the quarter turn (x, y) ↦ (−y, x):
 * p_t w_t = ω J ∇p_t, and the divergence of a rotated gradient is ∂x(−∂y p) + ∂y(∂x p) = 0. It runs along the
 * level sets of p_t (a whirl around each mode), so every density frame stays the same while particles swirl.
 */
import type {VelocityField} from "../fields/field.ts";
import type {MarginalField} from "./marginal.ts";

/** u_t + ω J ∇log p_t: the same marginal path p_t as `field`, other particle paths (ω = 0 gives `field` back). */
export function densitySwirl(field: Pick<MarginalField, "velocity" | "score">, omega: number): VelocityField {
  if (!Number.isFinite(omega)) throw new RangeError(`invalid omega: ${omega}`);
  let score = new Float64Array(0);
  return {
    dim: 2,
    velocity(out, x, n, t) {
      field.velocity(out, x, n, t);
      if (omega === 0) return;
      if (score.length < 2 * n) score = new Float64Array(2 * n);
      field.score(score, x, n, t);
      for (let i = 0; i < n; i++) {
        out[2 * i] = out[2 * i]! - omega * score[2 * i + 1]!;
        out[2 * i + 1] = out[2 * i + 1]! + omega * score[2 * i]!;
      }
    }
  };
}
