import {checkBatch, type VelocityField} from "../fields/field.ts";
import {integrate} from "../ode/integrate.ts";
import type {SolverName} from "../ode/solvers.ts";
import {rng as seeded} from "../random.ts";
import {augment, augmentedDeriv} from "./augmented.ts";
import type {BaseDensity} from "./base.ts";
import {divergenceFn, type DivergenceOptions} from "./divergence.ts";

export interface LogDensityOptions extends DivergenceOptions {
  /** Solver name. @defaultValue "dopri5" */
  solver?: SolverName;
  /** Steps of a fixed-step solver. @defaultValue 20 */
  steps?: number;
  /** dopri5 relative tolerance. @defaultValue 1e-5 */
  rtol?: number;
  /** dopri5 absolute tolerance. @defaultValue 1e-5 */
  atol?: number;
  /** Seed of the Hutchinson probes when no `rng` is given. @defaultValue 0 */
  seed?: number;
  /** The time of the points: log p_t(x) of p_t = [φ_t]# p0, solved backward from t to 0. @defaultValue 1 */
  t?: number;
}

const defaults = {solver: "dopri5" as SolverName, steps: 20, rtol: 1e-5, atol: 1e-5, seed: 0, t: 1};

export interface LogDensityResult {
  /** log p1(x_i): log p0(x0_i) + ℓ0_i (length n). */
  logp: Float64Array;
  /** The points carried back to t = 0 (n × d). */
  x0: Float64Array;
  /** log p0(x0_i) (length n). */
  logp0: Float64Array;
  /** ℓ0_i = −∫₀¹ ∇·u_t(x_t) dt along each trajectory (length n). */
  delta: Float64Array;
  /** Velocity-field evaluations (each covers the whole batch and its divergence). */
  nfe: number;
}

/**
 * log p1(x) of a flow p1 = [φ_1]# p0: integrates [x, ℓ] backward from t = 1 (x, ℓ = 0) to t = 0 with dℓ/dt = ∇·u,
 * then adds log p0(x0). With `t` < 1 the same for p_t, solved from t. The whole batch shares one solve (and one adaptive step size).
 */
export function logDensity(
  field: VelocityField,
  base: BaseDensity,
  x: Float64Array,
  n: number,
  options: LogDensityOptions = {}
): LogDensityResult {
  const o = {...defaults, ...options};
  const d = field.dim;
  checkBatch(x, n, d);
  if (!(o.t >= 0 && o.t <= 1)) throw new RangeError(`invalid t: ${o.t}`);
  const div = divergenceFn(field, n, {...o, rng: o.rng ?? seeded(o.seed)});
  const f = augmentedDeriv(field, n, div, 1);
  const {y, nfe} = integrate(f, augment(x, n, d), {...o, t0: o.t, t1: 0});
  const x0 = y.slice(0, n * d);
  const delta = y.slice(n * d);
  const logp0 = new Float64Array(n);
  base.logDensity(logp0, x0, n);
  const logp = logp0.map((v, i) => v + delta[i]!);
  return {logp, x0, logp0, delta, nfe};
}
