/**
 * The recorded training run deck 2 ships (engine/weights/realnvp-moons.json, written by `weights-nf`): a flow of
 * named blocks (engine/flows/stack.ts) trained by maximum likelihood on sklearn moons, with what D2.6-D2.8 play back
 * instead of training live: the batch-NLL curve, at a dozen checkpoints the model's density on a grid over the data's
 * plane and the latent images z = g(x) of fixed held-out data points, and the final weights with the test NLL they
 * score next to the data's entropy (the floor of any model's expected NLL). This module holds the file's shape, its
 * check and its evaluation; the training is nf-record-train.ts.
 */
import type {Dataset2D, Extent} from "../data/dataset.ts";
import type {Flow} from "../flows/flow.ts";
import {rng} from "../random.ts";

/** One checkpoint of the run. */
export interface NfCheckpoint {
  /** Training steps done. */
  step: number;
  /** The model's density p_X at the grid's cell centres, rows from ymin up (rounded, see {@link NF_ROUND}). */
  density: number[];
  /** z = g(x) of the recording's `points`, flat n×2 (rounded). */
  latent: number[];
}

/** A recorded run: recipe, final weights, evaluation and checkpoints. */
export interface NfRecording {
  dataset: string;
  recipe: {
    blocks: string[];
    width: number;
    seed: number;
    steps: number;
    batch: number;
    /** Peak Adam rate, decayed by a half cosine to 0 over `steps`. */
    lr: number;
  };
  /** The final weights (engine/flows/serialize.ts), rounded to {@link NF_ROUND}.weights significant digits. */
  flow: import("../flows/serialize.ts").StackedFlowJson;
  /** Test NLL (nats per point) of the final weights as shipped, on `n` fresh points of seed `seed`. */
  evaluation: {n: number; seed: number; nll: number; initialNll: number; entropy: number};
  /** The batch NLL per training step, averaged over bins of `every` steps: `steps[i]` is a bin's last step. */
  loss: {every: number; steps: number[]; values: number[]};
  /** The density grid: cells per side and the plane [xmin, xmax, ymin, ymax]. */
  grid: {n: number; extent: number[]};
  /** The fixed held-out data points whose latent images each checkpoint records, flat n×2. */
  points: number[];
  checkpoints: NfCheckpoint[];
}

/** Digits kept in the file: densities and latent points (decimals), weights (significant digits). */
export const NF_ROUND = {density: 3, latent: 2, points: 3, weights: 6} as const;

/** The evaluation's fixed choices: fresh test points and their seed. */
export const NF_EVAL = {n: 5000, seed: 20_261_207} as const;

/** The test points of the evaluation (flat n×2), drawn from the dataset with their own seed. */
export function nfTestPoints(data: Dataset2D, n: number = NF_EVAL.n, seed: number = NF_EVAL.seed): Float64Array {
  return data.sample(n, rng(seed));
}

/** Mean −log p(x) of flat n×2 points under a flow, in nats. */
export function meanNll(f: Flow, x: Float64Array, n: number): number {
  const logp = f.logDensity(new Float64Array(n), x, n);
  let s = 0;
  for (const v of logp) s -= v;
  return s / n;
}

/** v rounded to `decimals` decimals (−0 written as 0). */
export function roundTo(v: number, decimals: number): number {
  const r = +v.toFixed(decimals);
  return r === 0 ? 0 : r;
}

/** Validates a parsed recording (shape and counts); throws an Error naming what is wrong. */
export function checkRecording(json: unknown): NfRecording {
  const r = json as Partial<NfRecording>;
  if (!(r && r.recipe && r.flow && r.evaluation && r.loss && r.grid && r.points && Array.isArray(r.checkpoints))) {
    throw new Error("invalid recording: recipe, flow, evaluation, loss, grid, points or checkpoints missing");
  }
  if (typeof r.dataset !== "string") throw new Error("invalid recording: dataset missing");
  const cells = r.grid.n * r.grid.n;
  for (const c of r.checkpoints) {
    if (c.density.length !== cells || c.latent.length !== r.points.length) {
      throw new Error(`invalid recording: checkpoint at step ${c.step} has the wrong size`);
    }
  }
  if (r.checkpoints.length === 0) throw new Error("invalid recording: no checkpoints");
  return r as NfRecording;
}

/** The recording's grid extent as an Extent. */
export function recordingExtent(r: NfRecording): Extent {
  const [a, b, c, d] = r.grid.extent;
  return [a!, b!, c!, d!];
}
