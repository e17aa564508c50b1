/**
 * The models deck 4 ships as JSON (engine/weights/<name>.json, written by `npm run weights`): one dataset pair for all
 * of them, N(0, I) → TorchCFM moons, so that their quality-against-NFE curves are comparable (the same source
 * points go through every model; Lipman's path and the VP diffusion path need an N(0, I) source anyway, so the
 * two-sided methods start from it too), and one evaluation protocol, which the command states in each file and the
 * tests and demos repeat: the same seeded source points and held-out target points, the model's float64 field,
 * RK4 with 25 steps (100 evaluations) from stratified source points, exact W2, and the finite-sample floor of the target.
 */
import {maybeDataset} from "../data/registry.ts";
import {stratifiedNormal} from "../data/stratified-normal.ts";
import type {Dataset2D} from "../data/dataset.ts";
import type {FmWeights} from "../fm/weights.ts";
import {checkWeights} from "../fm/weights.ts";
import type {VelocityField} from "../fields/field.ts";
import {sampleFlow} from "../fm/flow.ts";
import {w2Floor} from "../metrics/floor.ts";
import {w2} from "../metrics/w2.ts";
import {rng} from "../random.ts";

export {shippedLabel, shippedModels, shippedNames, type ShippedName} from "./names.ts";

/** The dataset pair every shipped model maps between. */
export const SHIPPED_SOURCE = "normal";
export const SHIPPED_TARGET = "torchcfm-moons";

/** How a shipped file was made and what it scored when it was made. */
export interface ShippedWeights extends FmWeights {
  /** The training recipe: seed, steps per stage (two stages for 2-RF), batch, peak learning rate. */
  recipe: {seed: number; stepsPerStage: number; stages: number; batch: number; lr: number; width: number};
  /** The evaluation at creation (see {@link evaluateShipped}). */
  evaluation: ShippedEvaluation;
}

export interface ShippedEvaluation {
  n: number;
  seed: number;
  solver: "rk4";
  steps: number;
  /** W2 of the model's samples to the held-out points. */
  w2: number;
  /** Mean ± sd of W2 between two fresh n-point target samples (what a perfect model scores). */
  w2Floor: number;
  w2FloorSd: number;
}

/** The evaluation's fixed choices: points, seed, solver steps, floor repetitions. */
export const EVAL = {n: 1000, seed: 20_261_206, steps: 25, floorReps: 5} as const;

/**
 * The seeded evaluation data, the same for every model: n source points (t = 0), stratified (engine/data/
 * stratified-normal.ts) so that how many of them fall on either side of the origin adds no noise to the W2, and n
 * held-out target points.
 */
export function evaluationData(n: number = EVAL.n, seed: number = EVAL.seed) {
  const random = rng(seed);
  const source = stratifiedNormal(n, random);
  const heldOut = maybeDataset(SHIPPED_TARGET).sample(n, random);
  return {source, heldOut, n};
}

/** The shipped target dataset. */
export function shippedTarget(): Dataset2D {
  return maybeDataset(SHIPPED_TARGET);
}

/**
 * W2 of a field's RK4 samples of the evaluation source points to the held-out points, and the target's floor: the
 * numbers a shipped file states. Deterministic for a deterministic field (the float64 field of the weights is).
 */
export function evaluateShipped(field: VelocityField, n: number = EVAL.n, seed: number = EVAL.seed): ShippedEvaluation {
  const {source, heldOut} = evaluationData(n, seed);
  const {x1} = sampleFlow(field, source, n, {solver: "rk4", steps: EVAL.steps});
  const floor = w2Floor(shippedTarget(), n, rng(seed + 1), EVAL.floorReps);
  return {n, seed, solver: "rk4", steps: EVAL.steps, w2: w2(x1, heldOut, n), w2Floor: floor.mean, w2FloorSd: floor.sd};
}

/** Validates a parsed shipped file: an FmWeights object with its recipe and evaluation. */
export function checkShipped(json: unknown): ShippedWeights {
  const w = checkWeights(json) as Partial<ShippedWeights> & FmWeights;
  const e = w.evaluation;
  if (!(e && Number.isFinite(e.w2) && Number.isFinite(e.w2Floor) && e.n >= 2)) {
    throw new Error("invalid weights: evaluation missing or not finite");
  }
  if (!(w.recipe && Number.isInteger(w.recipe.seed))) throw new Error("invalid weights: recipe missing");
  return w as ShippedWeights;
}
