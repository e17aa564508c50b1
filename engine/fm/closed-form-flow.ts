/**
 * Particles carried by the closed-form marginal field of a one-sided Gaussian path to a Gaussian-mixture target
 * (marginal.ts), a few fixed steps at a time, on t ∈ [0, tEnd]: the path's exact t = 0 marginal to draw from, the
 * kept trajectories, and the mean squared speed E‖u_t(x_t)‖² at every grid time (the particles sample p_t when they
 * start from the exact p₀). Used by the demos that compare paths (VE, VP, OT) and few-step Euler sampling.
 */
import {standardNormal} from "../data/registry.ts";
import {euler} from "../ode/euler.ts";
import {midpoint} from "../ode/midpoint.ts";
import {rk4} from "../ode/rk4.ts";
import {assertFinite, type Stepper} from "../ode/stepper.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import type {Rng} from "../random.ts";
import {marginalField, type Mixture} from "./marginal.ts";

/** n draws of the path's exact t = 0 marginal, α₀ x₁ + σ₀ ε with x₁ ~ target and ε ~ N(0, I) (one-sided paths). */
export function exactStart(path: ProbabilityPath, target: Mixture, n: number, random: Rng): Float64Array {
  if (!path.oneSided)
    throw new RangeError(`invalid path: ${path.name} is two-sided (exactStart needs a one-sided path)`);
  const {b: alpha, s: sigma} = path.coefficients(0);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = random.categorical(target.weights);
    const [c11, c12, c22] = [target.covs[4 * k]!, target.covs[4 * k + 1]!, target.covs[4 * k + 3]!];
    const l11 = Math.sqrt(c11);
    const l21 = c12 / l11;
    const l22 = Math.sqrt(c22 - l21 * l21);
    const [z1, z2, e1, e2] = [random.normal(), random.normal(), random.normal(), random.normal()];
    out[2 * i] = alpha * (target.means[2 * k]! + l11 * z1) + sigma * e1;
    out[2 * i + 1] = alpha * (target.means[2 * k + 1]! + l21 * z1 + l22 * z2) + sigma * e2;
  }
  return out;
}

export interface ClosedFormFlowOptions {
  solver: "euler" | "midpoint" | "rk4";
  /** Fixed steps K over [0, tEnd]. */
  steps: number;
  /** Where the flow stops: 1, or just before it for solvers that evaluate at the step's end (rk4). @defaultValue 1 */
  tEnd?: number;
  /** Trajectories kept: the first `keep` particles at every `every`-th grid time. @defaultValue 0, 1 */
  keep?: number;
  every?: number;
  /** Record E‖u_t(x_t)‖² at each grid time (one more field evaluation per step). @defaultValue false */
  speed?: boolean;
}

export interface ClosedFormFlow {
  /** The particles now [n, 2], updated in place. */
  readonly state: Float64Array;
  /** Steps taken so far (0 … K). */
  readonly taken: number;
  readonly done: boolean;
  /** [⌊K / every⌋ + 1, keep, 2]: kept particles at t = j · every · tEnd / K. */
  readonly trajectories: Float32Array;
  /** [K + 1]: E‖u_t(x_t)‖² at t_k = k tEnd / K (filled up to `taken`; the last one after the last step). */
  readonly speed: Float64Array;
  /** Takes up to `count` steps. */
  step(count: number): void;
}

const solvers: Record<ClosedFormFlowOptions["solver"], () => Stepper> = {euler, midpoint, rk4};

/** The flow of the closed-form marginal field of `path` (one-sided) to `target`, from the points x0 [n, 2]. */
export function closedFormFlow(
  path: ProbabilityPath,
  target: Mixture,
  x0: Float64Array,
  options: ClosedFormFlowOptions
): ClosedFormFlow {
  const {solver, steps: K, tEnd = 1, keep = 0, every = 1, speed: withSpeed = false} = options;
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`invalid steps: ${K} (an integer ≥ 1)`);
  if (!(tEnd > 0 && tEnd <= 1)) throw new RangeError(`invalid tEnd: ${tEnd} (in (0, 1])`);
  const n = x0.length / 2;
  if (!(Number.isInteger(keep) && keep >= 0 && keep <= n)) throw new RangeError(`invalid keep: ${keep}`);
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`invalid every: ${every}`);
  const field = marginalField(path, standardNormal, target);
  const stepper = solvers[solver]();
  const f = (out: Float64Array, y: Float64Array, t: number) => field.velocity(out, y, n, t);
  const y = x0.slice();
  const u = new Float64Array(2 * n);
  const rows = Math.floor(K / every) + 1;
  const trajectories = new Float32Array(rows * keep * 2);
  const speed = new Float64Array(K + 1).fill(NaN);
  const dt = tEnd / K;
  let k = 0;

  const record = () => {
    if (withSpeed) {
      field.velocity(u, y, n, k * dt);
      let sum = 0;
      for (let i = 0; i < 2 * n; i++) sum += u[i]! * u[i]!;
      speed[k] = sum / n;
    }
    if (keep > 0 && k % every === 0) trajectories.set(y.subarray(0, 2 * keep), (k / every) * keep * 2);
  };
  record();

  return {
    state: y,
    trajectories,
    speed,
    get taken() {
      return k;
    },
    get done() {
      return k >= K;
    },
    step(count) {
      for (const stop = Math.min(K, k + count); k < stop;) {
        stepper.step(f, y, k * dt, dt, y);
        k++;
        assertFinite(y, k * dt);
        record();
      }
    }
  };
}
