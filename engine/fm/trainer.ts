/**
 * A headless, seeded flow-matching trainer (lecture §8.13): each step draws a source batch and a target batch, pairs
 * them with the coupling, draws times, builds x_t and the conditional target u_t with the path, and takes one Adam
 * step of the model on mean((u_θ(x_t, t) − u_t)²). One-sided paths (Lipman, diffusion) use the source draw as their
 * noise ε, so their source must be N(0, I). Everything random comes from one Rng seeded once.
 */
import {independentCoupling, type Coupling} from "../couplings/coupling.ts";
import type {Dataset2D} from "../data/dataset.ts";
import {maybeDataset} from "../data/registry.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import {stepLoop, type TrainReport} from "../step-loop.ts";
import type {Steppable} from "../steppable.ts";
import {rng as seeded, type Rng} from "../random.ts";
import {uniformTime, type TimeSampler} from "../time/samplers.ts";
import {evaluateModel, type EvaluateOptions, type Evaluation} from "./evaluate.ts";
import type {VelocityModel} from "./model.ts";

export interface FmTrainerOptions {
  path: ProbabilityPath;
  /** @defaultValue independent (I-CFM) */
  coupling?: Coupling;
  /** @defaultValue uniform */
  time?: TimeSampler;
  /** Source (t = 0) and target (t = 1) datasets, by name or object. */
  source: string | Dataset2D;
  target: string | Dataset2D;
  model: VelocityModel;
  /** Pairs per step. @defaultValue 256 */
  batch?: number;
  /** Seed of every draw (data, coupling, times, noise). @defaultValue 0 */
  seed?: number;
}

/** What a call of `step` reports: steps so far, mean and last loss of the call, its seconds and throughput. */
export type FmStepReport = TrainReport;

export interface FmTrainer extends Steppable<FmStepReport> {
  readonly path: ProbabilityPath;
  readonly source: Dataset2D;
  readonly target: Dataset2D;
  readonly model: VelocityModel;
  /** Takes `count` steps (default 1); throws `non-finite loss at step k` if training diverges. */
  step(count?: number): FmStepReport;
  /** Sample quality and path metrics of the current model (see evaluate.ts). */
  evaluate(options?: EvaluateOptions): Evaluation;
}

export function fmTrainer(options: FmTrainerOptions): FmTrainer {
  const {path, model} = options;
  const coupling = options.coupling ?? independentCoupling();
  const time = options.time ?? uniformTime();
  const source = maybeDataset(options.source);
  const target = maybeDataset(options.target);
  const batch = options.batch ?? 256;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new RangeError(`invalid batch: ${batch}`);
  const random: Rng = seeded(options.seed ?? 0);
  const t = new Float64Array(batch);
  const eps = new Float64Array(2 * batch);
  const xt = new Float64Array(2 * batch);
  const ut = new Float64Array(2 * batch);
  let steps = 0;

  function one(): number {
    const pair = coupling.pair(source.sample(batch, random), target.sample(batch, random), batch, random);
    time.sample(t, batch, random);
    for (let i = 0; i < batch; i++) t[i] = Math.min(path.tMax, Math.max(path.tMin, t[i]!));
    if (path.oneSided) eps.set(pair.x0);
    else random.fillNormal(eps);
    path.sample(xt, pair.x0, pair.x1, t, eps, batch);
    path.velocity(ut, pair.x0, pair.x1, t, xt, batch);
    const loss = model.step(xt, t, ut, batch);
    steps++;
    if (!Number.isFinite(loss)) throw new Error(`non-finite loss at step ${steps}`);
    return loss;
  }

  return {
    path,
    source,
    target,
    model,
    get steps() {
      return steps;
    },
    step: (count = 1) => stepLoop(count, one, () => steps),
    evaluate: (o = {}) => evaluateModel(model.field(), path, source, target, o)
  };
}

/**
 * Takes `steps` steps and reports their seconds and the final loss, the mean over the last min(100, steps) steps
 * (a single batch's loss is noisy).
 */
export function trainFor(trainer: FmTrainer, steps: number): {seconds: number; finalLoss: number} {
  const tail = Math.min(100, steps);
  const head = steps > tail ? trainer.step(steps - tail) : undefined;
  const last = trainer.step(tail);
  return {seconds: (head?.seconds ?? 0) + last.seconds, finalLoss: last.loss};
}
