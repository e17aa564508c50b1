/**
 * ot-batch: how big must OT-CFM's batch be? (lecture D4.16, §11.2 item 15). Trains five flows from N(0, I) to
 * N((3, 0), diag(1/4, 4)) one after the other: I-CFM (independent pairs) and OT-CFM with the exact OT permutation
 * inside blocks of B = 2, 8, 32 and 256 points. Every model has the same network, seed, learning-rate schedule and
 * number of Adam steps on batches of 256 pairs, so all see the same number of samples; only the coupling's batch B
 * differs (couplings/blocked.ts). Each finished model is measured on the same stratified source points
 * (data/stratified-normal.ts: with i.i.d. points the sampling error of E|Z₁ − Z₀|² is larger than the B effect) by one
 * accurate dopri5
 * solve: the path energy ℰ = ∫ E|u(Z_t, t)|² dt (trapezoid rule on a uniform grid of the dense output), the squared
 * displacement E|Z₁ − Z₀|² and the straightness S = ℰ − E|Z₁ − Z₀|², next to the mean pair cost E|x₁ − x₀|² of the
 * pairs it was trained on and the exact W₂² of the two Gaussians (ℰ ≥ E|Z₁ − Z₀|² ≳ W₂², §8.14).
 */
import {blockedCoupling} from "../couplings/blocked.ts";
import {independentCoupling, otCoupling, type Coupling} from "../couplings/coupling.ts";
import {pairCost} from "../couplings/minibatch-cost.ts";
import {gaussianMixture} from "../data/gaussian-mixture.ts";
import {stratifiedNormal} from "../data/stratified-normal.ts";
import {cosineSchedule} from "../fast/schedule.ts";
import {fieldDeriv, type VelocityField} from "../fields/field.ts";
import {fastModel, type VelocityModel} from "../fm/model.ts";
import {fmTrainer, type FmTrainer} from "../fm/trainer.ts";
import {gaussianW2Squared, type Gaussian2} from "../metrics/gaussian-w2.ts";
import {pathEnergy} from "../metrics/path-energy.ts";
import {integrate} from "../ode/integrate.ts";
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {iCfmPath} from "../paths/cfm.ts";
import {rng} from "../random.ts";
import {
  ENERGY_GRID,
  GRADIENT_BATCH,
  otBatchModels,
  otBatchOptions,
  otBatchSource,
  otBatchTarget,
  SOLVE_TOLERANCE,
  type OtBatchOptions
} from "./ot-batch-options.ts";
import {steppingJob, type Progress, type SteppingJob} from "./stepping.ts";
import type {EngineTask, Job, TaskEnv} from "./task.ts";

/** What one trained flow measured. */
export interface FlowMeasure {
  energy: number;
  displacement: number;
  straightness: number;
  /** Field evaluations of the measuring solve. */
  nfe: number;
}

export type OtBatchFrame = {
  phase: "training" | "done";
  /** Index (in otBatchModels) of the model training now; on the last frame, the last model. */
  model: number;
  progress: Progress;
  /** Exact W₂² between the two Gaussians (Bures formula). */
  w2: number;
  /** [block, ℰ, E|Z₁ − Z₀|², S, pair cost, NFE] per finished model, flat, in otBatchModels order. */
  results: Float64Array;
  /** Points measured per model, and the grid times [ENERGY_GRID + 1]. */
  n: number;
  times: Float64Array;
  /** Trajectories of every finished model, flat [models, times, n, 2]. */
  trajectories: Float32Array;
};

/** Numbers per model in `results`. */
export const RESULT_STRIDE = 6;

export const otBatch: EngineTask<typeof otBatchOptions, OtBatchFrame> = {
  name: "ot-batch",
  options: otBatchOptions,
  async start(options, env) {
    await loadAssignmentKernels();
    return otBatchJob(options, env);
  }
};

/** A one-component Gaussian dataset of the engine (its sampler) for a Gaussian2. */
function dataset(g: Gaussian2, name: string) {
  return gaussianMixture({name, means: [[g.mean[0], g.mean[1]]], cov: [g.cov[0], g.cov[1], g.cov[2], g.cov[3]]});
}

/** A coupling that also keeps the running mean of E|x₁ − x₀|² over every pair it has made. */
function costed(inner: Coupling): Coupling & {readonly cost: number} {
  let sum = 0;
  let batches = 0;
  return {
    name: inner.name,
    get cost() {
      return batches ? sum / batches : NaN;
    },
    pair(x0, x1, n, random) {
      const out = inner.pair(x0, x1, n, random);
      sum += pairCost(out.x0, out.x1, n);
      batches++;
      return out;
    }
  };
}

/** The job of {@link otBatch}: one model per stepping job, measured when its steps are done. */
export function otBatchJob(o: OtBatchOptions, env: TaskEnv): Job<OtBatchFrame> {
  const source = dataset(otBatchSource, "N(0, I)");
  const target = dataset(otBatchTarget, "N((3, 0), diag(1/4, 4))");
  const w2 = gaussianW2Squared(otBatchSource, otBatchTarget);
  const x0 = stratifiedNormal(o.n, rng(o.seed + 777));
  const times = Float64Array.from({length: ENERGY_GRID + 1}, (_, k) => k / ENERGY_GRID);
  const results: number[] = [];
  const paths: Float32Array[] = [];
  let index = 0;
  let model: VelocityModel | undefined;
  let coupling: ReturnType<typeof costed>;
  let trainer: FmTrainer;
  let job: SteppingJob<OtBatchFrame>;

  function begin(): void {
    const {block} = otBatchModels[index]!;
    model = fastModel(env.kernels, {
      width: o.width,
      depth: 3,
      activation: "silu",
      seed: o.seed,
      schedule: cosineSchedule({peak: o.lr, steps: o.steps, floor: 0.05}),
      ema: 0.999
    });
    coupling = costed(block === 0 ? independentCoupling() : blockedCoupling(otCoupling({replace: false}), block));
    trainer = fmTrainer({path: iCfmPath(0), coupling, source, target, model, batch: GRADIENT_BATCH, seed: o.seed});
    job = steppingJob(trainer, {total: o.steps, frame: ({progress}) => frameOf("training", progress)});
  }

  function frameOf(phase: OtBatchFrame["phase"], progress: Progress): OtBatchFrame {
    const trajectories = new Float32Array(paths.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of paths) {
      trajectories.set(p, at);
      at += p.length;
    }
    return {
      phase,
      model: index,
      progress,
      w2,
      results: Float64Array.from(results),
      n: o.n,
      times: times.slice(),
      trajectories
    };
  }

  begin();
  return {
    run(budgetMs) {
      const slice = job.run(budgetMs);
      if (!slice.done) return slice;
      const m = measureFlow(model!.field(), x0, o.n, times);
      results.push(otBatchModels[index]!.block, m.energy, m.displacement, m.straightness, coupling.cost, m.nfe);
      paths.push(m.trajectories);
      model!.dispose();
      model = undefined;
      if (index === otBatchModels.length - 1) return {frame: frameOf("done", job.progress), done: true};
      index += 1;
      begin();
      return {frame: frameOf("training", job.progress), done: false};
    },
    dispose() {
      model?.dispose();
    }
  };
}

/**
 * Solves the flow of `field` from x0 [n, 2] with dopri5 (rtol = atol = SOLVE_TOLERANCE), keeps the states at `times`
 * (its dense output), and measures ℰ by the trapezoid rule over the field's velocities at those states,
 * E|Z₁ − Z₀|² from the end points and S = ℰ − E|Z₁ − Z₀|².
 */
export function measureFlow(
  field: VelocityField,
  x0: Float64Array,
  n: number,
  times: Float64Array
): FlowMeasure & {trajectories: Float32Array} {
  const r = integrate(fieldDeriv(field, n), x0.slice(0, 2 * n), {
    solver: "dopri5",
    rtol: SOLVE_TOLERANCE,
    atol: SOLVE_TOLERANCE,
    saveAt: Array.from(times)
  });
  const states = r.trajectory!.y;
  const trajectories = new Float32Array(states.length * n * 2);
  const velocities = states.map((y, k) => {
    for (let c = 0; c < 2 * n; c++) {
      if (!Number.isFinite(y[c]!)) throw new Error("training diverged: the model's samples are not finite");
    }
    trajectories.set(y, k * n * 2);
    const v = new Float64Array(2 * n);
    field.velocity(v, y, n, times[k]!);
    return v;
  });
  const energy = pathEnergy(velocities, times, n);
  let displacement = 0;
  for (let c = 0; c < 2 * n; c++) displacement += (r.y[c]! - x0[c]!) ** 2 / n;
  return {energy, displacement, straightness: energy - displacement, nfe: r.nfe, trajectories};
}
