/**
 * Training one shipped model (shipped.ts) with the fast recipe of the live demos (engine/tasks/fm-train.ts): an MLP
 * 3 × 64 SiLU, batch 256, Adam at a peak rate of 2e-2 decayed by a half cosine to 5%, samples from an exponential
 * moving average of the weights (0.999). 2-rectified flow trains I-CFM with it, then a second stage on the first
 * model's own ODE pairs, warm-started from its weights, with the same recipe again.
 */
import {maybeDataset} from "../data/registry.ts";
import {cosineSchedule} from "../fast/schedule.ts";
import type {MlpJson} from "../fast/json.ts";
import {fmMethod} from "../fm/methods.ts";
import {fastModel, type VelocityModel} from "../fm/model.ts";
import {float64Field} from "../fm/likelihood.ts";
import {reflowTrainer} from "../fm/reflow.ts";
import {fmTrainer, trainFor} from "../fm/trainer.ts";
import {fmWeights} from "../fm/weights.ts";
import type {Kernels} from "../kernels/index.ts";
import {evaluateShipped, shippedModels, SHIPPED_SOURCE, SHIPPED_TARGET, type ShippedName} from "./shipped.ts";
import type {ShippedWeights} from "./shipped.ts";

export interface ShippedRecipe {
  /** Steps per training stage. @defaultValue 3000 */
  steps?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** @defaultValue 256 */
  batch?: number;
  /** Peak learning rate. @defaultValue 2e-2 */
  lr?: number;
  /** Hidden width of the 3 layers. @defaultValue 64 */
  width?: number;
  /** Points of the evaluation at creation (tests use fewer). @defaultValue 1000 */
  evalN?: number;
}

/** Trains the shipped model `name` and returns its file (weights rounded to 7 digits, then evaluated as rounded). */
export function trainShipped(name: ShippedName, kernels: Kernels, recipe: ShippedRecipe = {}): ShippedWeights {
  const {steps = 3000, seed = 0, batch = 256, lr = 2e-2, width = 64, evalN = 1000} = recipe;
  const spec = shippedModels.find((m) => m.name === name);
  if (!spec) throw new RangeError(`unknown shipped model: ${name}`);
  const method = fmMethod(spec.method);
  const sigma = method.defaultSigma;
  const {path, coupling} = method.make(sigma);
  const source = maybeDataset(SHIPPED_SOURCE);
  const target = maybeDataset(SHIPPED_TARGET);
  const make = (from?: MlpJson): VelocityModel =>
    fastModel(
      kernels,
      {width, depth: 3, activation: "silu", seed, schedule: cosineSchedule({peak: lr, steps, floor: 0.05}), ema: 0.999},
      from
    );
  const first = fmTrainer({path, coupling, source, target, model: make(), batch, seed});
  trainFor(first, steps);
  let trainer = first;
  if (method.reflow) {
    trainer = reflowTrainer(first, make, {batch, seed: seed + 1});
    trainFor(trainer, steps);
    first.model.dispose();
  }
  const weights = fmWeights(trainer, method.name, sigma);
  trainer.model.dispose();
  const model = roundModel(weights.model);
  const stages = method.reflow ? 2 : 1;
  return {
    ...weights,
    model,
    recipe: {seed, stepsPerStage: steps, stages, batch, lr, width},
    evaluation: evaluateShipped(float64Field(model), evalN)
  };
}

/** The network with every number rounded to 7 significant digits (float32 precision, half the JSON). */
export function roundModel(model: MlpJson): MlpJson {
  const r = (v: number) => Number(v.toPrecision(7));
  return {...model, layers: model.layers.map((l) => ({...l, weight: l.weight.map(r), bias: l.bias.map(r)}))};
}
