/**
 * A numeric check of the continuity equation ∂_t p_t(x) + ∇·(p_t u_t)(x) = 0 at one point (lecture D4.7): both sides
 * by central finite differences of a closed-form path (its exact log-density and marginal field), never by the
 * identity being checked. With steps h the truncation error is O(h²) and the rounding error O(ε p / h).
 */
import type {MarginalField} from "./marginal.ts";

/** The two sides of the continuity equation at (x, y, t) and their difference. */
export interface ContinuityCheck {
  /** p_t(x), the marginal density. */
  density: number;
  /** ∂_t p_t(x), by a central difference in t. */
  dpdt: number;
  /** −∇·(p_t u_t)(x), by central differences in x and y. */
  negDivFlux: number;
  /** dpdt − negDivFlux: zero up to the finite differences' error. */
  residual: number;
}

/** Both sides of the continuity equation at (x, y, t), with steps ht in time and hx in space (default 1e-4). */
export function continuityCheck(
  field: MarginalField,
  x: number,
  y: number,
  t: number,
  {ht = 1e-4, hx = 1e-4}: {ht?: number; hx?: number} = {}
): ContinuityCheck {
  if (!(ht > 0 && hx > 0)) throw new RangeError(`invalid step: ht=${ht}, hx=${hx} (both > 0)`);
  const one = new Float64Array(1);
  const u = new Float64Array(2);
  const at = new Float64Array(2);
  const density = (px: number, py: number, pt: number) => {
    at[0] = px;
    at[1] = py;
    field.logDensity(one, at, 1, pt);
    return Math.exp(one[0]!);
  };
  /** Component c of the flux p_t u_t at (px, py). */
  const flux = (px: number, py: number, c: 0 | 1) => {
    const p = density(px, py, t);
    field.velocity(u, at, 1, t);
    return p * u[c]!;
  };
  const dpdt = (density(x, y, t + ht) - density(x, y, t - ht)) / (2 * ht);
  const div =
    (flux(x + hx, y, 0) - flux(x - hx, y, 0)) / (2 * hx) + (flux(x, y + hx, 1) - flux(x, y - hx, 1)) / (2 * hx);
  return {density: density(x, y, t), dpdt, negDivFlux: -div, residual: dpdt + div};
}
