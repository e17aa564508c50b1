/**
 * cnf-train: a tiny continuous normalizing flow trained live by maximum likelihood (lecture D3.17-D3.18). Each step
 * draws a batch of data, unrolls RK4 from t = 1 (the data) down to t = 0 (the noise) with the exact 2D divergence,
 * and backpropagates through the unrolled steps (engine/cnf cnfTrainer: input [x, t], 2 hidden layers of 64).
 *
 * Frames carry what the slides plot: the loss curve (mean −log p̂₁ of each batch, nats) next to the data's entropy
 * H(q), the wall-clock of one training step measured here around the trainer alone (frames excluded), samples of the
 * model (fixed noise points pushed from t = 0 to t = 1 by the same RK4 rule as training) every ~0.7 s, and an NFE
 * curve: every `nfeEvery` steps, the number of field evaluations dopri5 needs to solve the current model backward from
 * 32 held-out points at tolerance 10^logTol. That curve is measured, not modelled: what an adaptive solver pays per solve.
 *
 * Samples, not a density grid: a 40 × 40 log-density grid of this model (1600 backward solves with the divergence)
 * took 3-5 s on a shared machine, while pushing 600 points forward (velocity only) takes a few tens of ms.
 */
import {normalBase} from "../cnf/base.ts";
import {logDensity} from "../cnf/log-density.ts";
import {cnfTrainer, type CnfTrainer} from "../cnf/train.ts";
import {dataset} from "../data/registry.ts";
import {integrate} from "../ode/integrate.ts";
import {rng} from "../random.ts";
import {cnfTrainOptions, type CnfTrainOptions} from "./cnf-train-options.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

export type CnfTrainFrame = {
  progress: Progress;
  /** The loss curve: the last step of each point and its mean loss in nats (at most 256 points). */
  lossSteps: Float64Array;
  lossValues: Float64Array;
  /** H(q) in nats, the lowest expected NLL any model can reach (NaN when the dataset has none). */
  entropy: number;
  /** Wall-clock milliseconds of one training step, per slice: the step count at the slice's end and the mean. */
  timeSteps: Float64Array;
  msPerStep: Float64Array;
  /** Field evaluations of one step's unrolled solve (RK4: 4 per step), forward pass only. */
  unrollNfe: number;
  /** dopri5's NFE for the model after `nfeSteps[i]` training steps (the first is the untrained model). */
  nfeSteps: Float64Array;
  nfeValues: Float64Array;
  /** Held-out data points [n, 2] (drawn behind the samples). */
  data: Float32Array;
  /** Model samples [n, 2]: fixed N(0, I) points pushed through the current model, and the step they were drawn at
   * (empty, step −1, before the first push). */
  samples: Float32Array;
  samplesStep: number;
};

/** The plane of the pictures: FFJORD's toys reach radius ~3.9, past deck 3's [−3, 3]² field plane. */
export const CNF_EXTENT = [-4, 4, -4, 4] as const;
/** Points of the NFE measurement (held out: never trained on). */
export const NFE_POINTS = 32;
/** Model samples and data points drawn. */
export const SAMPLE_POINTS = 600;
const SAMPLES_EVERY_MS = 700;
const TIME_POINTS = 256;

export const cnfTrain: EngineTask<typeof cnfTrainOptions, CnfTrainFrame> = {
  name: "cnf-train",
  options: cnfTrainOptions,
  start: (options) => cnfTrainJob(options)
};

/** The job, with its trainer and NFE points exposed so tests can check a frame against the engine. */
export interface CnfTrainJob extends Job<CnfTrainFrame> {
  readonly trainer: CnfTrainer;
  readonly nfePoints: Float64Array;
}

/** dopri5's NFE for the backward solve of the current model from `x` (n points), at rtol = atol = tol. */
export function solveNfe(trainer: CnfTrainer, x: Float64Array, n: number, tol: number): number {
  return logDensity(trainer.field(), normalBase(), x, n, {solver: "dopri5", rtol: tol, atol: tol}).nfe;
}

export function cnfTrainJob(o: CnfTrainOptions): CnfTrainJob {
  const q = dataset(o.dataset);
  const trainer = cnfTrainer({
    data: q,
    steps: o.steps,
    batch: o.batch,
    lr: o.lr,
    activation: o.activation,
    solver: "rk4",
    divergence: "exact",
    seed: o.seed
  });
  // The held-out points have a stream of their own, so the training batches do not depend on them.
  const nfePoints = q.sample(NFE_POINTS, rng(o.seed + 7919));
  const nfeSteps: number[] = [];
  const nfeValues: number[] = [];
  const timeSteps: number[] = [];
  const msPerStep: number[] = [];
  const noise = normalBase().sample!(SAMPLE_POINTS, rng(o.seed + 104729));
  const data = new Float32Array(q.sample(SAMPLE_POINTS, rng(o.seed + 15485863)));
  let drawn: {samples: Float32Array; step: number} | undefined;
  let lastDrawn = -Infinity;

  // Frames are built below, after each slice: this callback only records the trainer's own clock over its last call
  // (training steps only, never a measurement or a frame).
  const training = steppingJob(trainer, {
    total: o.iterations,
    frame({report}) {
      const count = Math.max(1, Math.round(report.stepsPerSecond * report.seconds));
      timeSteps.push(report.steps);
      msPerStep.push((1000 * report.seconds) / count);
      if (timeSteps.length > TIME_POINTS) {
        timeSteps.splice(0, 1);
        msPerStep.splice(0, 1);
      }
      return undefined;
    }
  });

  function frame(): CnfTrainFrame {
    const {steps, loss} = training.history.snapshot();
    return {
      progress: training.progress,
      lossSteps: steps,
      lossValues: loss,
      entropy: q.entropy ?? NaN,
      timeSteps: Float64Array.from(timeSteps),
      msPerStep: Float64Array.from(msPerStep),
      unrollNfe: 4 * o.steps,
      nfeSteps: Float64Array.from(nfeSteps),
      nfeValues: Float64Array.from(nfeValues),
      data: data.slice(),
      samples: drawn ? drawn.samples.slice() : new Float32Array(0),
      samplesStep: drawn ? drawn.step : -1
    };
  }

  // One kind of work a slice: an NFE measurement, a push of the samples, or training. A slice on a busy machine then
  // stays near one training step, and the worker keeps answering the page between them.
  function run(budgetMs: number) {
    const steps = trainer.steps;
    const finished = steps >= o.iterations;
    const lastNfe = nfeSteps.at(-1);
    if (lastNfe !== steps && (lastNfe === undefined || finished || steps - lastNfe >= o.nfeEvery)) {
      nfeSteps.push(steps);
      nfeValues.push(solveNfe(trainer, nfePoints, NFE_POINTS, 10 ** o.logTol));
      return {frame: frame(), done: false};
    }
    if (drawn?.step !== steps && (!drawn || finished || performance.now() - lastDrawn >= SAMPLES_EVERY_MS)) {
      drawn = drawSamples();
      lastDrawn = performance.now();
      return {frame: frame(), done: false};
    }
    if (finished) return {frame: frame(), done: true};
    training.run(budgetMs);
    return {frame: frame(), done: false};
  }

  /** The noise points pushed from t = 0 to t = 1 through the current model (velocity only, no divergence). */
  function drawSamples() {
    const field = trainer.field();
    const {y} = integrate((out, x, t) => field.velocity(out, x, SAMPLE_POINTS, t), noise, {
      solver: "rk4",
      steps: o.steps
    });
    return {samples: new Float32Array(y), step: trainer.steps};
  }

  return {trainer, nfePoints, run};
}
