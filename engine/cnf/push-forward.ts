import {checkBatch, type VelocityField} from "../fields/field.ts";
import {integrate, type Trajectory} from "../ode/integrate.ts";
import {rng as seeded} from "../random.ts";
import {augment, augmentedDeriv} from "./augmented.ts";
import type {BaseDensity} from "./base.ts";
import {divergenceFn} from "./divergence.ts";
import type {LogDensityOptions} from "./log-density.ts";

const defaults = {solver: "dopri5" as const, steps: 20, rtol: 1e-5, atol: 1e-5, seed: 0};

export interface PushForwardResult {
  /** The points at t = 1 (n × d). */
  x1: Float64Array;
  /** log p_1(x1_i), carried along each trajectory from log p0(x0_i) (length n). */
  logp: Float64Array;
  nfe: number;
  /** Augmented states [x | log p_t] at the `saveAt` times, when requested. */
  trajectory?: Trajectory;
}

/**
 * Samples through the flow with their densities: integrates [x, ℓ] forward from t = 0 with ℓ = log p0(x0) and
 * dℓ/dt = −∇·u (lecture D3.13), so ℓ(t) = log p_t(x_t) on every trajectory.
 */
export function pushForward(
  field: VelocityField,
  base: BaseDensity,
  x0: Float64Array,
  n: number,
  options: LogDensityOptions & {saveAt?: readonly number[] | "steps"} = {}
): PushForwardResult {
  const o = {...defaults, ...options};
  const d = field.dim;
  checkBatch(x0, n, d);
  const logp0 = new Float64Array(n);
  base.logDensity(logp0, x0, n);
  const div = divergenceFn(field, n, {...o, rng: o.rng ?? seeded(o.seed)});
  const {y, nfe, trajectory} = integrate(augmentedDeriv(field, n, div, -1), augment(x0, n, d, logp0), {
    ...o,
    t0: 0,
    t1: 1
  });
  return {x1: y.slice(0, n * d), logp: y.slice(n * d), nfe, ...(trajectory && {trajectory})};
}
