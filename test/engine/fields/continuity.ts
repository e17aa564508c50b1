import type {GaussianMarginalField} from "../../../engine/fields/gaussian-path.ts";

/**
 * Residual of the continuity equation divided by p, ∂_t log p + u·∇ log p + ∇·u, at one point and time, with central
 * differences (h = 1e-5) for the derivatives of log p. It is ~1e-9 when p_t is the field's true marginal.
 */
export function continuityResidual(field: GaussianMarginalField, x: [number, number], t: number): number {
  const h = 1e-5;
  const logp = (p: [number, number], s: number) => {
    const out = new Float64Array(1);
    field.logDensity(out, new Float64Array(p), 1, s);
    return out[0]!;
  };
  const dt = (logp(x, t + h) - logp(x, t - h)) / (2 * h);
  const dx = (logp([x[0] + h, x[1]], t) - logp([x[0] - h, x[1]], t)) / (2 * h);
  const dy = (logp([x[0], x[1] + h], t) - logp([x[0], x[1] - h], t)) / (2 * h);
  const u = new Float64Array(2);
  const div = new Float64Array(1);
  field.velocity(u, new Float64Array(x), 1, t);
  field.divergence!(div, new Float64Array(x), 1, t);
  return dt + u[0]! * dx + u[1]! * dy + div[0]!;
}

/** Max over components of |φ(x)_fd − u(φ(x))|: the flow map's time derivative, by central differences, vs the field. */
export function flowMapResidual(
  field: {
    velocity(out: Float64Array, x: Float64Array, n: number, t: number): void;
    flowMap?(out: Float64Array, x: Float64Array, n: number, s: number, t: number): void;
  },
  x: Float64Array,
  s: number,
  t: number
): number {
  const h = 1e-5;
  const n = x.length / 2;
  const plus = new Float64Array(x.length);
  const minus = new Float64Array(x.length);
  const here = new Float64Array(x.length);
  const u = new Float64Array(x.length);
  field.flowMap!(plus, x, n, s, t + h);
  field.flowMap!(minus, x, n, s, t - h);
  field.flowMap!(here, x, n, s, t);
  field.velocity(u, here, n, t);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((plus[i]! - minus[i]!) / (2 * h) - u[i]!));
  return worst;
}
