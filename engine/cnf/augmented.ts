import type {VelocityField} from "../fields/field.ts";
import type {Deriv} from "../ode/stepper.ts";
import type {DivergenceFn} from "./divergence.ts";

/**
 * The augmented ODE of a continuous normalizing flow over the state [x (n × d) | ℓ (n)]: positions first, then one
 * log-density entry per point, so the position block is a plain batch for the field.
 *
 * - sign +1 (the backward, likelihood form of the lecture's D3.16): dℓ/dt = +∇·u. Integrated from t = 1 with ℓ = 0
 *   down to t = 0, it ends at ℓ0 = −∫₀¹ ∇·u dt, and log p1(x) = log p0(x0) + ℓ0.
 * - sign −1 (the forward, sampling form): dℓ/dt = −∇·u. Started at t = 0 with ℓ = log p0(x0), it carries
 *   ℓ(t) = log p_t(x_t) along each trajectory (instantaneous change of variables).
 */
export function augmentedDeriv(field: VelocityField, n: number, divergence: DivergenceFn, sign: 1 | -1): Deriv {
  const size = n * field.dim;
  return (out, y, t) => {
    if (y.length !== size + n) throw new RangeError(`shape mismatch: [${y.length}] vs [${size + n}]`);
    // subarray makes two small views per call and copies nothing: the hot loops stay in the field.
    const x = y.subarray(0, size);
    field.velocity(out.subarray(0, size), x, n, t);
    const dl = out.subarray(size);
    divergence(dl, x, n, t);
    if (sign < 0) for (let i = 0; i < n; i++) dl[i] = -dl[i]!;
  };
}

/** Packs n points and their log-densities (or zeros) into an augmented state [x | ℓ]. */
export function augment(x: Float64Array, n: number, d: number, logp?: Float64Array): Float64Array {
  const y = new Float64Array(n * d + n);
  y.set(x.subarray(0, n * d));
  if (logp) y.set(logp.subarray(0, n), n * d);
  return y;
}
