/**
 * Reflow (rectified flow, Liu et al. 2022): the coupling of a trained model, pairs (z0, φ_1(z0)) where φ_1 is the
 * model's ODE flow from t = 0 to t = 1. As in the rectified-flow recipe (lecture §8.12) the pairs are drawn once
 * into a fixed pool and training batches are drawn from the pool with replacement.
 */
import {fieldDeriv, type VelocityField} from "../fields/field.ts";
import {integrate} from "../ode/integrate.ts";
import type {SolverName} from "../ode/solvers.ts";
import type {Rng} from "../random.ts";
import {pairScratch, type Coupling} from "./coupling.ts";

export interface ReflowOptions {
  /** Solver of the pushforward. @defaultValue "rk4" */
  solver?: SolverName;
  /** Steps of a fixed-step solver. @defaultValue 32 */
  steps?: number;
  /** dopri5 tolerances. @defaultValue 1e-5 */
  rtol?: number;
  atol?: number;
}

const defaults = {solver: "rk4" as SolverName, steps: 32, rtol: 1e-5, atol: 1e-5};

/** x1 [n, 2] ← φ_1(x0): the model's ODE pushforward of n sources; returns it and the solver's NFE. */
export function pushForward(
  field: VelocityField,
  x0: Float64Array,
  n: number,
  options: ReflowOptions = {}
): {x1: Float64Array; nfe: number} {
  const o = {...defaults, ...options};
  const r = integrate(fieldDeriv(field, n), x0.subarray(0, 2 * n), {...o, t0: 0, t1: 1});
  return {x1: r.y, nfe: r.nfe};
}

/** A coupling that ignores its inputs and draws n pairs from a fixed pool (z0 [m, 2], z1 [m, 2]). */
export function poolCoupling(z0: Float64Array, z1: Float64Array, name = "pool"): Coupling {
  if (z0.length !== z1.length || z0.length % 2 !== 0 || z0.length === 0) {
    throw new RangeError(`shape mismatch: pool of [${z0.length / 2},2] vs [${z1.length / 2},2]`);
  }
  const m = z0.length / 2;
  const scratch = pairScratch();
  return {
    name,
    pair(_x0, _x1, n, rng) {
      const out = scratch(n);
      for (let k = 0; k < n; k++) {
        const j = rng.int(m);
        for (let c = 0; c < 2; c++) {
          out.x0[2 * k + c] = z0[2 * j + c]!;
          out.x1[2 * k + c] = z1[2 * j + c]!;
        }
      }
      return out;
    }
  };
}

/** The reflow coupling of `field`: a pool of `size` pairs (z0 ~ source, φ_1(z0)). */
export function reflowCoupling(
  field: VelocityField,
  drawSource: (n: number, rng: Rng) => Float64Array,
  size: number,
  rng: Rng,
  options: ReflowOptions = {}
): Coupling {
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`invalid size: ${size}`);
  const z0 = drawSource(size, rng);
  return poolCoupling(z0, pushForward(field, z0, size, options).x1, "reflow");
}
