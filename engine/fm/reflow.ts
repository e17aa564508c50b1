/**
 * Reflow (2-rectified flow, Liu et al. 2022) as a second training stage: the first model's ODE couples each source
 * point z0 with its image φ_1(z0); training I-CFM (σ = 0) on those pairs straightens the flow, which shows as a
 * smaller error of a single Euler step against the model's own accurate ODE solution.
 */
import {reflowCoupling, type ReflowOptions} from "../couplings/reflow.ts";
import type {MlpJson} from "../fast/json.ts";
import type {VelocityField} from "../fields/field.ts";
import {iCfmPath} from "../paths/cfm.ts";
import {rng as seeded} from "../random.ts";
import {sampleFlow, type FlowOptions} from "./flow.ts";
import type {VelocityModel} from "./model.ts";
import {fmTrainer, type FmTrainer} from "./trainer.ts";

export interface ReflowStageOptions extends ReflowOptions {
  /** Pairs drawn once from the first model. @defaultValue 10000 */
  pool?: number;
  /** Pairs per step. @defaultValue 256 */
  batch?: number;
  /** Seed of the pool and of training. @defaultValue 1 */
  seed?: number;
}

/**
 * A trainer for the second stage. `makeModel` receives the first model's weights, so the new model can warm-start
 * from them (the usual recipe) or ignore them.
 */
export function reflowTrainer(
  first: FmTrainer,
  makeModel: (weights: MlpJson) => VelocityModel,
  options: ReflowStageOptions = {}
): FmTrainer {
  const {pool = 10000, batch = 256, seed = 1, ...solve} = options;
  const random = seeded(seed);
  const source = first.source;
  const coupling = reflowCoupling(first.model.field(), (n, r) => source.sample(n, r), pool, random, solve);
  return fmTrainer({
    path: iCfmPath(0),
    coupling,
    source,
    target: first.target,
    model: makeModel(first.model.toJSON()),
    batch,
    seed: seed + 1
  });
}

/**
 * Mean distance between one Euler step x0 + u_0(x0) and the field's accurate flow map (default dopri5 at 1e-6):
 * 0 exactly when every trajectory is a straight line at constant speed.
 */
export function oneStepError(
  field: VelocityField,
  x0: Float64Array,
  n: number,
  reference: FlowOptions = {solver: "dopri5", rtol: 1e-6, atol: 1e-6}
): number {
  const euler = sampleFlow(field, x0, n, {solver: "euler", steps: 1}).x1;
  const exact = sampleFlow(field, x0, n, reference).x1;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.hypot(euler[2 * i]! - exact[2 * i]!, euler[2 * i + 1]! - exact[2 * i + 1]!);
  return sum / n;
}
