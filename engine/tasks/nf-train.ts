/**
 * nf-train: a discrete normalizing flow trained live by maximum likelihood (deck 2: D2.13's build-a-flow, D2.15's
 * MAF/IAF panel, any slide that trains a stack of named blocks). Each step draws a fresh batch of data and descends
 * −mean log p(x) with Adam (engine/flows/train.ts), the rate decayed by a half cosine over `iterations`.
 *
 * Frames carry what deck 2 plots side by side: the loss curve with the data's entropy H(q) under it, the model's
 * density on a grid over the data's plane (data space), and fixed held-out data points sent through the normalizing
 * direction g = f⁻¹ (latent space: they should end up a round N(0, I) blob), plus model samples. Pictures are
 * refreshed every ~0.5 s of training, not every slice, so training keeps most of the time.
 */
import type {Extent} from "../data/dataset.ts";
import {dataset} from "../data/registry.ts";
import {densityGrid} from "../flows/grid.ts";
import {stackFlow} from "../flows/stack.ts";
import {maximumLikelihood, type FlowTrainer} from "../flows/train.ts";
import type {Flow} from "../flows/flow.ts";
import {tensor} from "../autodiff/tensor.ts";
import {noGrad} from "../autodiff/tensor.ts";
import {rng} from "../random.ts";
import {nfTrainOptions, type NfTrainOptions} from "./nf-train-options.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

export type NfTrainFrame = {
  progress: Progress;
  /** The loss curve: the last step of each point and its mean loss (nats per point, at most 256 points). */
  lossSteps: Float64Array;
  lossValues: Float64Array;
  /** H(q) in nats (NaN when the dataset has none): the lowest expected NLL any model can reach. */
  entropy: number;
  /** The plane of the pictures [xmin, xmax, ymin, ymax] (the dataset's). */
  extent: Float64Array;
  /** The model's density p_X on grid × grid cell centres, rows from ymin up (empty before the first picture). */
  density: Float32Array;
  grid: number;
  /** Held-out data points [n, 2] and their images z = g(x) under the current model (latent space). */
  data: Float32Array;
  latent: Float32Array;
  /** Model samples x = f(z) [n, 2] from fixed noise points. */
  samples: Float32Array;
  /** Training step of the pictures (−1 before the first). */
  picturesStep: number;
};

/** Held-out data points and model samples drawn. */
export const NF_POINTS = 500;
/** Training time between two pictures: at least this, and at least 4× what the last picture took (a residual flow's
 * pictures need a fixed-point solve per point, so they cost far more than a coupling flow's). */
const PICTURES_EVERY_MS = 500;

export const nfTrain: EngineTask<typeof nfTrainOptions, NfTrainFrame> = {
  name: "nf-train",
  options: nfTrainOptions,
  start: (options) => nfTrainJob(options)
};

/** The job, with its flow and trainer exposed so tests can check a frame against the engine. */
export interface NfTrainJob extends Job<NfTrainFrame> {
  readonly flow: Flow;
  readonly trainer: FlowTrainer;
}

/** The block names of an option string ("coupling-1, actnorm"): trimmed, empty entries dropped. */
export function parseBlocks(blocks: string): string[] {
  return blocks
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** z = g(x) for flat n×2 points, without recording a graph. */
export function toLatent(f: Flow, x: Float64Array, n: number): Float64Array {
  return noGrad(() => f.normalize(tensor(x, n, 2)).z.data.slice());
}

export function nfTrainJob(o: NfTrainOptions): NfTrainJob {
  const q = dataset(o.dataset);
  const f = stackFlow(parseBlocks(o.blocks), {width: o.width, seed: o.seed});
  const trainer = maximumLikelihood(f, (n, r) => q.sample(n, r), {
    lr: o.lr,
    batch: o.batch,
    seed: o.seed,
    decaySteps: o.iterations
  });
  // Streams of their own, so the training batches do not depend on what is drawn.
  const data = q.sample(NF_POINTS, rng(o.seed + 15485863));
  const noise = rng(o.seed + 104729).fillNormal(new Float64Array(2 * NF_POINTS)) as Float64Array;
  // ActNorm's data-dependent init runs on the first normalizing pass: give it a training-sized batch of data.
  f.logDensity(new Float64Array(o.batch), q.sample(o.batch, rng(o.seed + 2_000_003)), o.batch);
  const extent = q.extent;
  let pictures: {density: Float32Array; latent: Float32Array; samples: Float32Array; step: number} | undefined;
  let lastPictures = -Infinity;
  let pictureMs = 0;

  const training = steppingJob(trainer, {total: o.iterations, frame: () => undefined});

  function draw() {
    const g = densityGrid(f, extent as Extent, o.grid);
    const latent = toLatent(f, data, NF_POINTS);
    const samples = noGrad(() => f.generate(tensor(noise, NF_POINTS, 2)).x.data.slice());
    return {
      density: Float32Array.from(g.values),
      latent: Float32Array.from(latent),
      samples: Float32Array.from(samples),
      step: trainer.steps
    };
  }

  function frame(): NfTrainFrame {
    const {steps, loss} = training.history.snapshot();
    return {
      progress: training.progress,
      lossSteps: steps,
      lossValues: loss,
      entropy: q.entropy ?? NaN,
      extent: Float64Array.from(extent),
      density: pictures ? pictures.density.slice() : new Float32Array(0),
      grid: o.grid,
      data: Float32Array.from(data),
      latent: pictures ? pictures.latent.slice() : new Float32Array(0),
      samples: pictures ? pictures.samples.slice() : new Float32Array(0),
      picturesStep: pictures ? pictures.step : -1
    };
  }

  // One kind of work a slice: pictures or training, so a slice on a busy machine stays near its budget.
  function run(budgetMs: number) {
    const finished = trainer.steps >= o.iterations;
    if (
      pictures?.step !== trainer.steps &&
      (!pictures || finished || performance.now() - lastPictures >= Math.max(PICTURES_EVERY_MS, 4 * pictureMs))
    ) {
      const started = performance.now();
      pictures = draw();
      lastPictures = performance.now();
      pictureMs = lastPictures - started;
      return {frame: frame(), done: false};
    }
    if (finished) return {frame: frame(), done: true};
    training.run(budgetMs);
    return {frame: frame(), done: false};
  }

  return {flow: f, trainer, run};
}
