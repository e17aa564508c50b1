/**
 * Trains the flow deck 2 ships and records the run (nf-recording.ts): `stackFlow(blocks, {width, seed})` by maximum
 * likelihood (engine/flows/train.ts, Adam, half-cosine decay), ActNorm initialised on a training-sized batch first,
 * as the live nf-train task does. At each checkpoint step the model's density grid and the latent images of fixed
 * held-out points are kept; at the end the weights are rounded, put back into the flow, and the last checkpoint and
 * the test NLL are computed from the rounded flow, so that everything the file states is what its weights give.
 */
import {dataset} from "../data/registry.ts";
import {densityGrid} from "../flows/grid.ts";
import {flowToJson} from "../flows/serialize.ts";
import {stackFlow} from "../flows/stack.ts";
import {maximumLikelihood} from "../flows/train.ts";
import type {Flow} from "../flows/flow.ts";
import {noGrad, tensor} from "../autodiff/tensor.ts";
import {rng} from "../random.ts";
import {
  meanNll,
  NF_EVAL,
  NF_ROUND,
  nfTestPoints,
  roundTo,
  type NfCheckpoint,
  type NfRecording
} from "./nf-recording.ts";

export interface NfRecipe {
  /** @defaultValue "sklearn-moons" */
  dataset?: string;
  /** Block names in generator order. @defaultValue actnorm + 6 alternating affine couplings */
  blocks?: string[];
  /** @defaultValue 32 */
  width?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** @defaultValue 3000 */
  steps?: number;
  /** @defaultValue 256 */
  batch?: number;
  /** Peak learning rate. @defaultValue 5e-3 */
  lr?: number;
  /** Cells per side of the density grids. @defaultValue 40 */
  grid?: number;
  /** Held-out points whose latent images are recorded. @defaultValue 300 */
  points?: number;
  /** Test points of the evaluation (tests use fewer). @defaultValue 5000 */
  evalN?: number;
}

/** The deck's RealNVP: ActNorm then six affine couplings that alternate which coordinate they keep. */
export const REALNVP_BLOCKS = [
  "actnorm",
  "coupling-1",
  "coupling-2",
  "coupling-1",
  "coupling-2",
  "coupling-1",
  "coupling-2"
] as const;

/** Fractions of the run at which checkpoints are taken: dense early, where the model changes most. */
const CHECKPOINTS = [0, 1 / 120, 1 / 60, 1 / 30, 1 / 15, 1 / 10, 1 / 6, 1 / 4, 1 / 3, 1 / 2, 2 / 3, 1];

/** The checkpoint steps of a run of `steps` steps (distinct, increasing, from 0 to steps). */
export function checkpointSteps(steps: number): number[] {
  return [...new Set(CHECKPOINTS.map((f) => Math.round(f * steps)))];
}

/** Bins of the loss curve in the file. */
const LOSS_POINTS = 300;

/** Rounds every parameter of a flow in place to `digits` significant digits. */
export function roundParameters(f: Flow, digits: number): void {
  for (const p of f.parameters()) {
    for (let i = 0; i < p.data.length; i++) p.data[i] = +p.data[i]!.toPrecision(digits);
  }
}

/** Trains and records; deterministic for a recipe. */
export function recordNfRun(recipe: NfRecipe = {}): NfRecording {
  const {
    dataset: name = "sklearn-moons",
    blocks = [...REALNVP_BLOCKS],
    width = 32,
    seed = 0,
    steps = 3000,
    batch = 256,
    lr = 5e-3,
    grid = 40,
    points: nPoints = 300,
    evalN = NF_EVAL.n
  } = recipe;
  const q = dataset(name);
  const f = stackFlow(blocks, {width, seed});
  const trainer = maximumLikelihood(f, (n, r) => q.sample(n, r), {lr, batch, seed, decaySteps: steps});
  // Streams of their own, as in engine/tasks/nf-train.ts: the recorded points are never training batches.
  const points = q.sample(nPoints, rng(seed + 15485863)).map((v) => roundTo(v, NF_ROUND.points));
  f.logDensity(new Float64Array(batch), q.sample(batch, rng(seed + 2_000_003)), batch);
  const test = nfTestPoints(q, evalN);
  const initialNll = meanNll(f, test, evalN);
  const extent = q.extent;

  const checkpoint = (): NfCheckpoint => {
    const g = densityGrid(f, extent, grid);
    const z = noGrad(() => f.normalize(tensor(Float64Array.from(points), nPoints, 2)).z.data);
    return {
      step: trainer.steps,
      density: Array.from(g.values, (v) => roundTo(v, NF_ROUND.density)),
      latent: Array.from(z, (v) => roundTo(v, NF_ROUND.latent))
    };
  };

  const checkpoints: NfCheckpoint[] = [];
  for (const at of checkpointSteps(steps)) {
    if (at > trainer.steps) trainer.step(at - trainer.steps);
    if (at === steps) roundParameters(f, NF_ROUND.weights);
    checkpoints.push(checkpoint());
  }

  const every = Math.max(1, Math.ceil(steps / LOSS_POINTS));
  const loss = {every, steps: [] as number[], values: [] as number[]};
  for (let start = 0; start < trainer.losses.length; start += every) {
    const bin = trainer.losses.slice(start, start + every);
    loss.steps.push(start + bin.length);
    loss.values.push(roundTo(bin.reduce((a, b) => a + b, 0) / bin.length, 4));
  }

  return {
    dataset: q.name,
    recipe: {blocks: blocks.slice(), width, seed, steps, batch, lr},
    flow: flowToJson(f, blocks, width, seed),
    evaluation: {
      n: evalN,
      seed: NF_EVAL.seed,
      nll: meanNll(f, test, evalN),
      initialNll,
      entropy: q.entropy ?? NaN
    },
    loss,
    grid: {n: grid, extent: [...extent]},
    points: Array.from(points),
    checkpoints
  };
}
