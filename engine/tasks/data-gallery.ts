/**
 * data-gallery: what a generative model is asked to do, on one dataset. N training points x⁽ⁱ⁾ ~ q, N fresh points of
 * the same q (what generalizing looks like), N samples of a model trained by this project (the shipped I-CFM model,
 * engine/weights/i-cfm.json, N(0, I) → TorchCFM moons, RK4), and N "copies": samples of the exact flow-matching
 * field of the N training points themselves (the hero's closed-form field, fm/cloud-field.ts, with σ → 0), which
 * carries every particle onto a training point. For each of the three samples, the nearest training point of every
 * point and the mean distance to it (metrics/nearest.ts): the copies sit at ≈ 0, the model near the fresh data.
 *
 * The copies are integrated a few Euler steps per slice (O(N²) exponentials per step); the model's samples need the
 * worker's kernels and are computed in the first slice.
 */
import {standardNormal} from "../data/registry.ts";
import type {VelocityField} from "../fields/field.ts";
import {steppedFlow} from "../fields/stepped-flow.ts";
import {cloudField} from "../fm/cloud-field.ts";
import {sampleFlow} from "../fm/flow.ts";
import {fastModel} from "../fm/model.ts";
import {nearestPoints} from "../metrics/nearest.ts";
import {rng} from "../random.ts";
import {loadWeights} from "../weights/index.ts";
import {trainingData} from "./data-gallery-data.ts";
import {dataGalleryOptions, MODEL_DATASET, type DataGalleryOptions} from "./data-gallery-options.ts";
import type {EngineTask, Job} from "./task.ts";

export type DataGalleryFrame = {
  /** N, the points of each sample. */
  n: number;
  /** [N, 2] each: the training points, fresh data (empty for a drawing), the model's samples (empty when there is no
   * model for the dataset), and the copies of the exact field of the training points. */
  training: Float64Array;
  fresh: Float64Array;
  model: Float64Array;
  copies: Float64Array;
  /** Index of each point's nearest training point, per sample (empty where the sample is). */
  freshNearest: Int32Array;
  modelNearest: Int32Array;
  copiesNearest: Int32Array;
  /** Mean distance to the nearest training point, per sample (NaN where the sample is empty). */
  freshDistance: number;
  modelDistance: number;
  copiesDistance: number;
  /** Whether the dataset has a shipped model (torchcfm-moons only). */
  hasModel: boolean;
  /** [xmin, xmax, ymin, ymax] of everything drawn. */
  extent: Float64Array;
  /** Euler steps of the copies done so far, of `steps`. */
  computed: number;
  steps: number;
};

/** Euler steps of the exact field (exact on each straight conditional path; K = 50 as in the hero). */
export const COPY_STEPS = 50;
/** σ of the training points' exact field: small enough that every copy lands on a point (σ → 0 in the limit). */
export const COPY_SIGMA = 1e-3;
/** RK4 steps of the model's samples (100 evaluations of the network, the shipped files' own evaluation). */
export const MODEL_STEPS = 25;

export const dataGallery: EngineTask<typeof dataGalleryOptions, DataGalleryFrame> = {
  name: "data-gallery",
  options: dataGalleryOptions,
  async start(options, env) {
    let model: VelocityField | undefined;
    if (hasModel(options)) {
      const weights = await loadWeights("i-cfm");
      model = fastModel(env.kernels, {}, weights.model).field();
    }
    return dataGalleryJob(options, model);
  }
};

/** Whether the options' dataset has a shipped model to sample. */
export function hasModel(o: DataGalleryOptions): boolean {
  return o.dataset === MODEL_DATASET;
}

/**
 * The job: data and model samples at once, then the copies a few Euler steps per slice, a frame per slice. `model`
 * is the shipped model's field (undefined: no model samples). The page calls it with no model for its still.
 */
export function dataGalleryJob(o: DataGalleryOptions, model?: VelocityField): Job<DataGalleryFrame> {
  const {training, fresh} = trainingData(o);
  const n = training.length / 2;
  const random = rng(o.seed + 2);
  let samples: Float64Array = new Float64Array(0);
  if (model) samples = sampleFlow(model, standardNormal.sample(n, random), n, {solver: "rk4", steps: MODEL_STEPS}).x1;
  const x0 = standardNormal.sample(n, rng(o.seed + 3));
  const flow = steppedFlow(cloudField(training, COPY_SIGMA), x0, n, {solver: "euler", steps: COPY_STEPS, keep: 0});
  const freshN = nearestOrEmpty(fresh, training);
  const modelN = nearestOrEmpty(samples, training);
  let done = 0;

  function frame(): DataGalleryFrame {
    const copies = flow.state.slice();
    const copiesN = nearestOrEmpty(done === COPY_STEPS ? copies : new Float64Array(0), training);
    return {
      n,
      training: training.slice(),
      fresh: fresh.slice(),
      model: samples.slice(),
      copies,
      freshNearest: freshN.index.slice(),
      modelNearest: modelN.index.slice(),
      copiesNearest: copiesN.index,
      freshDistance: freshN.mean,
      modelDistance: modelN.mean,
      copiesDistance: copiesN.mean,
      hasModel: model !== undefined,
      extent: extentOf([training, fresh, samples]),
      computed: done,
      steps: COPY_STEPS
    };
  }

  return {
    run(budgetMs) {
      const start = performance.now();
      do {
        flow.step(1);
        done++;
      } while (done < COPY_STEPS && performance.now() - start < budgetMs);
      return {frame: frame(), done: done === COPY_STEPS};
    }
  };
}

function nearestOrEmpty(points: Float64Array, training: Float64Array) {
  if (points.length === 0) return {index: new Int32Array(0), mean: NaN};
  return nearestPoints(points, points.length / 2, training, training.length / 2);
}

/** The box holding every point drawn (and the unit square around the origin), padded by 8%. */
function extentOf(sets: Float64Array[]): Float64Array {
  const e = [-1, 1, -1, 1];
  for (const points of sets) {
    for (let i = 0; i < points.length; i += 2) {
      e[0] = Math.min(e[0]!, points[i]!);
      e[1] = Math.max(e[1]!, points[i]!);
      e[2] = Math.min(e[2]!, points[i + 1]!);
      e[3] = Math.max(e[3]!, points[i + 1]!);
    }
  }
  const [px, py] = [0.08 * (e[1]! - e[0]!), 0.08 * (e[3]! - e[2]!)];
  return Float64Array.from([e[0]! - px, e[1]! + px, e[2]! - py, e[3]! + py]);
}
