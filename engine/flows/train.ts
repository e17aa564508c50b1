/**
 * Headless, seeded trainers for flows with Adam (engine/nn/optim.ts):
 * - maximum likelihood (forward KL): loss = −mean log p(x) over a fresh data batch each step;
 * - reverse KL to an unnormalised target: loss = mean(log q(x) − log p̃(x)) with x = f(z), z ~ N(0, I) (normflows
 *   `reverse_kld`); it equals KL(q‖p) − log Z.
 * `step(k)` runs k updates and reports them in the engine's one stepped shape (engine/steppable.ts), so a demo can
 * interleave training and drawing.
 */
import {mean, sub} from "../autodiff/index.ts";
import {neg} from "../autodiff/ops/arith.ts";
import {tensor, type Tensor} from "../autodiff/tensor.ts";
import {adam, clipGradNorm} from "../nn/optim.ts";
import {rng, type Rng} from "../random.ts";
import {stepLoop, type TrainReport} from "../step-loop.ts";
import type {Steppable} from "../steppable.ts";
import type {Flow} from "./flow.ts";
import type {TargetLogDensity} from "./targets.ts";

export interface TrainOptions {
  /** Batch size. @defaultValue 256 */
  batch?: number;
  /** Adam learning rate. @defaultValue 1e-3 */
  lr?: number;
  /** Gradient-norm clip (0: none). @defaultValue 10 */
  clip?: number;
  /** Seed of the batches. @defaultValue 0 */
  seed?: number;
  /**
   * Cosine decay of the learning rate to 0 over this many steps (lr·½(1 + cos πk/K)), then 0; 0 keeps it constant.
   * @defaultValue 0
   */
  decaySteps?: number;
}

/** What a call of `step` reports: steps so far, mean and last batch loss of the call, its seconds and throughput. */
export type FlowStepReport = TrainReport;

export interface FlowTrainer extends Steppable<FlowStepReport> {
  /** Runs k updates (default 1); throws `non-finite loss at step k: v` if training diverges. */
  step(k?: number): FlowStepReport;
  /** Every batch loss so far. */
  readonly losses: number[];
}

function trainer(f: Flow, options: TrainOptions, loss: (random: Rng, batch: number) => Tensor): FlowTrainer {
  const batch = options.batch ?? 256;
  const clip = options.clip ?? 10;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new RangeError(`invalid batch: ${batch}`);
  const random = rng(options.seed ?? 0);
  const params = f.parameters();
  const lr = options.lr ?? 1e-3;
  const decay = options.decaySteps ?? 0;
  const opt = adam(params, {lr});
  const losses: number[] = [];
  const one = (): number => {
    const k = losses.length;
    if (decay > 0) opt.lr = k >= decay ? 0 : 0.5 * lr * (1 + Math.cos((Math.PI * k) / decay));
    opt.zeroGrad();
    const l = loss(random, batch);
    const value = l.item();
    if (!Number.isFinite(value)) throw new Error(`non-finite loss at step ${k}: ${value}`);
    l.backward();
    if (clip > 0) clipGradNorm(params, clip);
    opt.step();
    losses.push(value);
    return value;
  };
  return {
    losses,
    get steps() {
      return losses.length;
    },
    step: (k = 1) => stepLoop(k, one, () => losses.length)
  };
}

/** Maximum-likelihood trainer on samples from `sample(n, rng)` (flat n×2), fresh each step. */
export function maximumLikelihood(
  f: Flow,
  sample: (n: number, random: Rng) => Float64Array,
  options: TrainOptions = {}
): FlowTrainer {
  return trainer(f, options, (random, n) => neg(mean(f.logProb(tensor(sample(n, random), n, 2)))));
}

/** Reverse-KL trainer towards the unnormalised target log-density. */
export function reverseKl(f: Flow, target: TargetLogDensity, options: TrainOptions = {}): FlowTrainer {
  return trainer(f, options, (random, n) => {
    const z = tensor(random.fillNormal(new Float64Array(2 * n)) as Float64Array, n, 2);
    const {x, logProb} = f.sampleWithLogProb(z);
    return mean(sub(logProb, target(x)));
  });
}
