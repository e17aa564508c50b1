/**
 * Sampling a flow-matching model and measuring its trajectories: integrate the learned field from t = 0 to t = 1 with
 * any solver, and along the same trajectories the path energy E = ∫₀¹ E|u_t(x_t)|² dt, the squared displacement
 * E|x1 − x0|² and their gap, the straightness S = E − E|x1 − x0|² ≥ 0 (zero exactly for straight, constant-speed
 * paths), and the normalised path energy NPE = |E − W2²| / W2² (lecture §8.14, TorchCFM paper).
 */
import {checkBatch, fieldDeriv, type VelocityField} from "../fields/field.ts";
import {pathEnergy} from "../metrics/path-energy.ts";
import {integrate} from "../ode/integrate.ts";
import type {SolverName} from "../ode/solvers.ts";

export interface FlowOptions {
  /** @defaultValue "dopri5" */
  solver?: SolverName;
  /** Steps of a fixed-step solver. @defaultValue 100 (TorchCFM runner: Euler, 100 steps) */
  steps?: number;
  /** dopri5 tolerances. @defaultValue 1e-4 (TorchCFM tutorials: atol = rtol = 1e-4) */
  rtol?: number;
  atol?: number;
  /** Intervals of the energy grid for dopri5 (its dense output); fixed-step solvers use their own grid. @defaultValue 64 */
  energyGrid?: number;
}

const defaults = {solver: "dopri5" as SolverName, steps: 100, rtol: 1e-4, atol: 1e-4, energyGrid: 64};

export interface FlowSample {
  /** [n, 2] end points at t = 1. */
  x1: Float64Array;
  /** Field evaluations of the solve (each over the whole batch). */
  nfe: number;
}

/** Pushes n points x0 [n, 2] from t = 0 to t = 1 through the field. */
export function sampleFlow(field: VelocityField, x0: Float64Array, n: number, options: FlowOptions = {}): FlowSample {
  const o = {...defaults, ...options};
  checkBatch(x0, n, field.dim);
  const r = integrate(fieldDeriv(field, n), x0.subarray(0, n * field.dim), {...o, t0: 0, t1: 1});
  return {x1: r.y, nfe: r.nfe};
}

export interface FlowPaths extends FlowSample {
  /** ∫₀¹ E|u_t(x_t)|² dt by the trapezoid rule on the solver grid (dopri5: a uniform grid of its dense output). */
  energy: number;
  /** E|x1 − x0|² over the n trajectories. */
  displacement: number;
  /** energy − displacement: ≥ 0 up to quadrature error, 0 for straight constant-speed paths. */
  straightness: number;
}

/** Samples and measures the trajectories' energy and straightness in one solve. */
export function flowPaths(field: VelocityField, x0: Float64Array, n: number, options: FlowOptions = {}): FlowPaths {
  const o = {...defaults, ...options};
  const d = field.dim;
  checkBatch(x0, n, d);
  const start = x0.subarray(0, n * d);
  const saveAt =
    o.solver === "dopri5" ? Array.from({length: o.energyGrid + 1}, (_, k) => k / o.energyGrid) : ("steps" as const);
  const r = integrate(fieldDeriv(field, n), start, {...o, t0: 0, t1: 1, saveAt});
  const {t, y} = r.trajectory!;
  const velocities = y.map((state, k) => {
    const v = new Float64Array(n * d);
    field.velocity(v, state, n, t[k]!);
    return v;
  });
  const energy = pathEnergy(velocities, t, n);
  let displacement = 0;
  for (let k = 0; k < n * d; k++) displacement += (r.y[k]! - start[k]!) ** 2 / n;
  return {x1: r.y, nfe: r.nfe, energy, displacement, straightness: energy - displacement};
}

/** |E − W2²| / W2², the normalised path energy; NaN when W2² = 0. */
export function normalisedPathEnergy(energy: number, w2Squared: number): number {
  return w2Squared > 0 ? Math.abs(energy - w2Squared) / w2Squared : NaN;
}
