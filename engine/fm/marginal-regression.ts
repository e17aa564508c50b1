/**
 * Flow matching in its first, impractical form (lecture D4.2): regress the network on the true marginal field,
 * L_FM(θ) = E_{t ~ U, x ~ p_t} ‖u^θ_t(x) − u_t(x)‖², which only works where u_t is known. Here it is: the target is a
 * Gaussian mixture and u_t is the closed-form marginal field of the path (engine/fm/marginal.ts). Each step draws x
 * from p_t exactly (x1 from the mixture, x0 from N(0, I), x_t from the path) and regresses on u_t(x_t), not on a
 * conditional velocity: this is FM, not CFM, so its loss can reach zero.
 *
 * The closed form is prepared once per time (its cost grows with the mixture's components), so a batch draws
 * `timesPerBatch` times and `batch / timesPerBatch` points at each: the same expectation over t, a little more
 * variance.
 */
import type {GaussianMixture} from "../data/gaussian-mixture.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import {rng as seeded} from "../random.ts";
import {stepLoop, type TrainReport} from "../step-loop.ts";
import type {Steppable} from "../steppable.ts";
import {marginalField, type MarginalField} from "./marginal.ts";
import type {VelocityModel} from "./model.ts";

export interface MarginalRegressionOptions {
  /** A one-sided path from N(0, I) (its x0 is the noise), e.g. Lipman's with σ_min = 0. */
  path: ProbabilityPath;
  target: GaussianMixture;
  model: VelocityModel;
  /** Points per step. @defaultValue 256 */
  batch?: number;
  /** Distinct times per batch; must divide `batch`. @defaultValue 16 */
  timesPerBatch?: number;
  /** Seed of every draw. @defaultValue 0 */
  seed?: number;
}

export interface MarginalRegression extends Steppable<TrainReport> {
  /** The closed-form field the model regresses on. */
  readonly field: MarginalField;
  readonly model: VelocityModel;
  /** Takes `count` steps (default 1); throws `non-finite loss at step k` if training diverges. */
  step(count?: number): TrainReport;
}

const NORMAL = {weights: new Float64Array([1]), means: new Float64Array(2), covs: new Float64Array([1, 0, 0, 1])};

export function marginalRegression(options: MarginalRegressionOptions): MarginalRegression {
  const {path, target, model} = options;
  const batch = options.batch ?? 256;
  const times = options.timesPerBatch ?? 16;
  if (!path.oneSided) throw new RangeError(`invalid path: ${path.name} (a one-sided path from N(0, I))`);
  if (!(Number.isInteger(batch) && batch >= 1)) throw new RangeError(`invalid batch: ${batch}`);
  if (!(Number.isInteger(times) && times >= 1 && batch % times === 0)) {
    throw new RangeError(`invalid timesPerBatch: ${times} (an integer that divides the batch ${batch})`);
  }
  const field = marginalField(path, NORMAL, target);
  const random = seeded(options.seed ?? 0);
  const per = batch / times;
  const t = new Float64Array(batch);
  const x0 = new Float64Array(2 * batch);
  const xt = new Float64Array(2 * batch);
  const ut = new Float64Array(2 * batch);
  let steps = 0;

  function one(): number {
    const x1 = target.sample(batch, random);
    random.fillNormal(x0);
    for (let g = 0; g < times; g++) {
      const tg = path.tMin + (path.tMax - path.tMin) * random.uniform();
      t.fill(tg, g * per, (g + 1) * per);
    }
    path.sample(xt, x0, x1, t, x0, batch);
    for (let g = 0; g < times; g++) {
      const rows = [2 * g * per, 2 * (g + 1) * per] as const;
      field.velocity(ut.subarray(...rows), xt.subarray(...rows), per, t[g * per]!);
    }
    const loss = model.step(xt, t, ut, batch);
    steps++;
    if (!Number.isFinite(loss)) throw new Error(`non-finite loss at step ${steps}`);
    return loss;
  }

  return {
    field,
    model,
    get steps() {
      return steps;
    },
    step: (count = 1) => stepLoop(count, one, () => steps)
  };
}
