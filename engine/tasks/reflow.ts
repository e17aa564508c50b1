/**
 * reflow: rectified flow and its reflow stages trained live (lecture D4.18). Stage 1 trains 1-rectified flow, I-CFM
 * with σ = 0 on independent pairs (fm-train's recipe: MLP 3 × width SiLU, Adam with a cosine decay, EMA weights).
 * Each further stage pushes a fixed pool of source points through the previous model's ODE (RK4, 32 steps) and trains
 * a fresh model on those pairs (Z₀, Z₁) (fm/reflow.ts). After every stage the model is measured on the same source
 * points: the path energy ℰ = ∫ E|u(Z_t)|² dt along RK4 trajectories (trapezoid rule, metrics.pathEnergy), the squared
 * displacement E|Z₁ − Z₀|², the straightness S = ℰ − E|Z₁ − Z₀|², and samples of a single Euler step next to the
 * accurate ones (their mean distance is fm.oneStepError with RK4 as the reference).
 *
 * While a stage trains, its frames carry a few of the pairs it learns from, to draw as pair lines: for 1-RF
 * independent pairs (a source point with a target point drawn independently of it), for a reflow stage pairs
 * (Z₀, Z₁) of the previous model's coupling, Z₁ its RK4 solution from Z₀: the two ends of the trajectories drawn.
 */
import {maybeDataset} from "../data/registry.ts";
import {stratifiedSample} from "../data/stratified.ts";
import {cosineSchedule} from "../fast/schedule.ts";
import {fieldDeriv, type VelocityField} from "../fields/field.ts";
import {fastModel, type ModelOptions, type VelocityModel} from "../fm/model.ts";
import {reflowTrainer} from "../fm/reflow.ts";
import {fmTrainer, type FmTrainer} from "../fm/trainer.ts";
import {independentCoupling} from "../couplings/coupling.ts";
import {pathEnergy} from "../metrics/path-energy.ts";
import {rk4} from "../ode/rk4.ts";
import {iCfmPath} from "../paths/cfm.ts";
import {rng} from "../random.ts";
import {reflowOptions, type ReflowOptions} from "./reflow-options.ts";
import {steppingJob, type Progress, type SteppingJob} from "./stepping.ts";
import type {EngineTask, Job, TaskEnv} from "./task.ts";

/** What one finished stage measured. */
export interface StageSummary {
  /** 1 for 1-rectified flow, 2 after one reflow, … */
  rectified: number;
  energy: number;
  displacement: number;
  straightness: number;
  /** Mean distance between one Euler step and the RK4 solution from the same points. */
  oneStepError: number;
}

export type ReflowFrame = {
  phase: "training" | "done";
  /** The stage training now (1-based) and the number of stages. */
  stage: number;
  stages: number;
  progress: Progress;
  lossSteps: Float64Array;
  lossValues: Float64Array;
  /** Source points [n, 2] the measurements start from, and target points [n, 2] to compare with. */
  source: Float32Array;
  heldOut: Float32Array;
  /**
   * Of the newest finished stage: RK4 trajectories [K+1, pathCount, 2] of the points `shownPoints(n)` of `source`,
   * and one-step Euler samples [n, 2].
   */
  trajectories?: Float32Array;
  pathCount?: number;
  oneStep?: Float32Array;
  /** [rectified, ℰ, E|Z₁ − Z₀|², S, one-step error] per finished stage, flat. */
  summaries: Float64Array;
  /**
   * While a stage trains: `pairCount` pairs of its coupling as paths [2, pairCount, 2] (row 0 the Z₀, row 1 the Z₁):
   * independent for 1-RF; for a reflow stage Z₁ is the previous model's RK4 solution from Z₀, the end of the
   * trajectory drawn from the same Z₀.
   */
  pairs?: Float32Array;
  pairCount?: number;
};

/** Points measured, trajectories kept, RK4 steps of the measurement. */
const EVAL_N = 600;
const PATHS = 40;
const EVAL_STEPS = 20;

export const reflow: EngineTask<typeof reflowOptions, ReflowFrame> = {
  name: "reflow",
  options: reflowOptions,
  start: (options, env) => reflowJob(options, env)
};

/** The job of {@link reflow}; `evalN` points are measured after each stage (tests use fewer). */
export function reflowJob(o: ReflowOptions, env: TaskEnv, evalN = EVAL_N): Job<ReflowFrame> {
  const source = maybeDataset(o.source);
  const target = maybeDataset(o.target);
  const stages = o.reflows + 1;
  const random = rng(o.seed + 12345);
  const x0 = stratifiedSample(source, evalN, random);
  const heldOut = target.sample(evalN, random);
  const summaries: StageSummary[] = [];
  const models: VelocityModel[] = [];
  let measured: {trajectories: Float32Array; oneStep: Float32Array} | undefined;

  const makeModel = (stage: number) => {
    const model = fastModel(env.kernels, stageModelOptions(o, stage));
    models.push(model);
    return model;
  };
  // 1-RF's pairs as drawn: the first measured source points with held-out target points, drawn independently.
  let pairs = pairsOf(x0, heldOut, shownPoints(evalN));
  let trainer: FmTrainer = fmTrainer({
    path: iCfmPath(0),
    coupling: independentCoupling(),
    source,
    target,
    model: makeModel(0),
    batch: o.batch,
    seed: o.seed
  });
  let stage = 1;
  let job = stageJob(trainer);

  function stageJob(t: FmTrainer): SteppingJob<ReflowFrame> {
    return steppingJob(t, {total: o.steps, frame: ({progress}) => frameOf("training", progress)});
  }

  function frameOf(phase: ReflowFrame["phase"], progress: Progress): ReflowFrame {
    const training = phase === "training" ? {pairs: pairs.slice(), pairCount: pairs.length / 4} : {};
    const {steps, loss} = job.history.snapshot();
    const frame: ReflowFrame = {
      phase,
      stage,
      stages,
      progress,
      lossSteps: steps,
      lossValues: loss,
      source: new Float32Array(x0),
      heldOut: new Float32Array(heldOut),
      summaries: Float64Array.from(
        summaries.flatMap((s) => [s.rectified, s.energy, s.displacement, s.straightness, s.oneStepError])
      ),
      ...training
    };
    if (measured) {
      Object.assign(frame, {
        trajectories: measured.trajectories.slice(),
        pathCount: PATHS,
        oneStep: measured.oneStep.slice()
      });
    }
    return frame;
  }

  return {
    run(budgetMs) {
      const slice = job.run(budgetMs);
      if (!slice.done) return slice;
      const result = measure(trainer.model.field(), x0, evalN);
      summaries.push({rectified: stage, ...result.summary});
      measured = result;
      if (stage === stages) return {frame: frameOf("done", job.progress), done: true};
      trainer = reflowTrainer(trainer, () => makeModel(stage), {
        pool: o.pool,
        batch: o.batch,
        seed: o.seed + stage
      });
      stage += 1;
      // The next stage's pairs as drawn: the two ends of the trajectories just measured, (Z₀, ODE(Z₀)).
      const ends = (k: number) => result.trajectories.subarray(2 * k * PATHS, 2 * (k + 1) * PATHS);
      pairs = pairsOf(ends(0), ends(EVAL_STEPS), [...shownPoints(evalN).keys()]);
      job = stageJob(trainer);
      return {frame: frameOf("training", job.progress), done: false};
    },
    dispose() {
      for (const model of models) model.dispose();
    }
  };
}

/** The network and optimiser of a stage (0-based): fm-train's recipe, a seed of its own per stage. */
export function stageModelOptions(o: ReflowOptions, stage: number): ModelOptions {
  return {
    width: o.width,
    depth: 3,
    activation: "silu",
    seed: o.seed + 101 * stage,
    schedule: cosineSchedule({peak: o.lr, steps: o.steps, floor: 0.05}),
    ema: 0.999
  };
}

/**
 * Which of n measured points get their trajectory drawn: every ⌊n / 40⌋-th, so that all the source's modes show
 * (the measured points are stratified by mode, in order).
 */
export function shownPoints(n: number): number[] {
  const stride = Math.max(1, Math.floor(n / PATHS));
  return Array.from({length: Math.min(PATHS, n)}, (_, i) => i * stride);
}

/** Paths [2, m, 2] from the points `index` of z0 [·, 2] to the same points of z1 [·, 2]. */
function pairsOf(z0: ArrayLike<number>, z1: ArrayLike<number>, index: readonly number[]): Float32Array {
  const m = index.length;
  const out = new Float32Array(4 * m);
  index.forEach((j, i) => {
    for (let c = 0; c < 2; c++) {
      out[2 * i + c] = z0[2 * j + c]!;
      out[2 * (m + i) + c] = z1[2 * j + c]!;
    }
  });
  return out;
}

/**
 * Measures a field from x0 [n, 2]: RK4 trajectories with the velocities on the grid (path energy), the displacement,
 * and one Euler step x0 + u_0(x0) against the RK4 end point.
 */
export function measure(field: VelocityField, x0: Float64Array, n: number) {
  const f = fieldDeriv(field, n);
  const stepper = rk4();
  const y = x0.slice(0, 2 * n);
  const velocities: Float64Array[] = [];
  const times: number[] = [];
  const trajectories = new Float32Array((EVAL_STEPS + 1) * PATHS * 2);
  const shown = shownPoints(n);
  const record = (k: number) => {
    shown.forEach((j, i) => {
      trajectories[2 * (k * PATHS + i)] = y[2 * j]!;
      trajectories[2 * (k * PATHS + i) + 1] = y[2 * j + 1]!;
    });
    const v = new Float64Array(2 * n);
    f(v, y, k / EVAL_STEPS);
    velocities.push(v);
    times.push(k / EVAL_STEPS);
  };
  record(0);
  const oneStep = new Float32Array(2 * n);
  for (let c = 0; c < 2 * n; c++) oneStep[c] = y[c]! + velocities[0]![c]!;
  for (let k = 0; k < EVAL_STEPS; k++) {
    stepper.step(f, y, k / EVAL_STEPS, 1 / EVAL_STEPS, y);
    record(k + 1);
  }
  for (let c = 0; c < y.length; c++) {
    if (!Number.isFinite(y[c]!)) throw new Error("training diverged: the model's samples are not finite");
  }
  let displacement = 0;
  let error = 0;
  for (let i = 0; i < n; i++) {
    const dx = y[2 * i]! - x0[2 * i]!;
    const dy = y[2 * i + 1]! - x0[2 * i + 1]!;
    displacement += (dx * dx + dy * dy) / n;
    error += Math.hypot(oneStep[2 * i]! - y[2 * i]!, oneStep[2 * i + 1]! - y[2 * i + 1]!) / n;
  }
  const energy = pathEnergy(velocities, times, n);
  return {
    trajectories,
    oneStep,
    summary: {energy, displacement, straightness: energy - displacement, oneStepError: error}
  };
}
