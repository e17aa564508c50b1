/**
 * fm-regression: flow matching where everything is known (lecture D4.2). The target is a Gaussian mixture, the path
 * is the straight (CondOT) path from N(0, I), Lipman's with σ_min = 0, whose marginal field u_t is closed-form
 * (engine/fm/marginal.ts); an MLP regresses on it (engine/fm/marginal-regression.ts). About every 0.6 s of training
 * the frame carries, at each time of TIMES, the squared error ‖u^θ_t − u_t‖² on a grid, the learned and the true
 * arrows, p_t on the same grid and the p_t-weighted mean error (the FM loss at that t, by quadrature on the grid).
 *
 * After training, one measured comparison: the same small network (float64 autodiff MLP 2 → 64 → 64 → 2, tanh, the
 * D3.17 CNF's) and batch, a step of this regression against a step of maximum-likelihood CNF training (cnfTrainer:
 * 10 RK4 steps unrolled through autodiff with the exact divergence). Both are timed in this worker, in this run.
 */
import {mogPreset} from "../data/mog-presets.ts";
import {cnfTrainer} from "../cnf/train.ts";
import {cosineSchedule} from "../fast/schedule.ts";
import {marginalRegression} from "../fm/marginal-regression.ts";
import {autodiffModel, fastModel} from "../fm/model.ts";
import {lipmanPath} from "../paths/cfm.ts";
import {
  ARROWS,
  fmRegressionOptions,
  gridPoints,
  HEAT,
  TIMES,
  type FmRegressionOptions
} from "./fm-regression-options.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job, TaskEnv} from "./task.ts";

/** Batch of the speed comparison, and how long its FM side runs. */
export const COMPARE_BATCH = 32;
const COMPARE_FM_MS = 300;
const EVAL_EVERY_MS = 600;
const FRAME_EVERY_MS = 250;

export type FmRegressionFrame = {
  phase: "training" | "comparing" | "done";
  progress: Progress;
  lossSteps: Float64Array;
  lossValues: Float64Array;
  /** Per time of TIMES (row-major [T, HEAT, HEAT] and [T, ARROWS, ARROWS, 2], rows from the bottom): */
  error: Float32Array;
  density: Float32Array;
  learned: Float32Array;
  truth: Float32Array;
  /** [T]: Σ p_t ‖u^θ_t − u_t‖² / Σ p_t over the error grid. */
  weighted: Float64Array;
  /** The speed comparison, once measured: steps per second of each with the same network and batch. */
  fmSpeed?: number;
  cnfSpeed?: number;
};

export const fmRegression: EngineTask<typeof fmRegressionOptions, FmRegressionFrame> = {
  name: "fm-regression",
  options: fmRegressionOptions,
  start: (options, env) => fmRegressionJob(options, env)
};

export function fmRegressionJob(o: FmRegressionOptions, env: TaskEnv): Job<FmRegressionFrame> {
  const target = mogPreset(o.mixture);
  const path = lipmanPath(0);
  const model = fastModel(env.kernels, {
    width: 64,
    depth: 3,
    activation: "silu",
    seed: o.seed,
    schedule: cosineSchedule({peak: o.lr, steps: o.steps, floor: 0.05})
  });
  const regression = marginalRegression({path, target, model, seed: o.seed});
  const {field} = regression;
  const net = model.field();
  const heatX = gridPoints(HEAT);
  const arrowX = gridPoints(ARROWS);
  const T = TIMES.length;
  const fixed = {
    density: new Float32Array(T * HEAT * HEAT),
    truth: new Float32Array(T * ARROWS * ARROWS * 2),
    heatTruth: new Float64Array(T * HEAT * HEAT * 2)
  };
  const scratch = new Float64Array(2 * HEAT * HEAT);
  TIMES.forEach((t, k) => {
    field.logDensity(scratch, heatX, HEAT * HEAT, t);
    for (let i = 0; i < HEAT * HEAT; i++) fixed.density[k * HEAT * HEAT + i] = Math.exp(scratch[i]!);
    field.velocity(fixed.heatTruth.subarray(2 * k * HEAT * HEAT, 2 * (k + 1) * HEAT * HEAT), heatX, HEAT * HEAT, t);
    field.velocity(scratch, arrowX, ARROWS * ARROWS, t);
    fixed.truth.set(scratch.subarray(0, 2 * ARROWS * ARROWS), 2 * k * ARROWS * ARROWS);
  });
  let views: Pick<FmRegressionFrame, "error" | "learned" | "weighted"> | undefined;
  let lastEval = -Infinity;
  let lastFrame = -Infinity;
  let phase: FmRegressionFrame["phase"] = "training";
  const speeds: {fmSpeed?: number; cnfSpeed?: number} = {};

  /** The model's error, arrows and p_t-weighted error at every time of TIMES. */
  function evaluate(): NonNullable<typeof views> {
    const error = new Float32Array(T * HEAT * HEAT);
    const learned = new Float32Array(T * ARROWS * ARROWS * 2);
    const weighted = new Float64Array(T);
    TIMES.forEach((t, k) => {
      net.velocity(scratch, heatX, HEAT * HEAT, t);
      let num = 0;
      let den = 0;
      for (let i = 0; i < HEAT * HEAT; i++) {
        const j = k * HEAT * HEAT + i;
        const e =
          (scratch[2 * i]! - fixed.heatTruth[2 * j]!) ** 2 + (scratch[2 * i + 1]! - fixed.heatTruth[2 * j + 1]!) ** 2;
        error[j] = e;
        num += fixed.density[j]! * e;
        den += fixed.density[j]!;
      }
      weighted[k] = num / den;
      net.velocity(scratch, arrowX, ARROWS * ARROWS, t);
      learned.set(scratch.subarray(0, 2 * ARROWS * ARROWS), 2 * k * ARROWS * ARROWS);
    });
    return {error, learned, weighted};
  }

  const training = steppingJob(regression, {
    total: o.steps,
    frame({progress, history, done}) {
      // A few frames a second: each one redraws the page's heatmap, arrows and loss curve.
      const now = performance.now();
      if (!done && now - lastFrame < FRAME_EVERY_MS) return undefined;
      lastFrame = now;
      if (done || now - lastEval >= EVAL_EVERY_MS) {
        views = evaluate();
        lastEval = performance.now();
      }
      const {steps, loss} = history.snapshot();
      return {phase, progress, lossSteps: steps, lossValues: loss, ...arrays()};
    }
  });

  /** The comparison, one piece per slice: FM regression steps for a while, then two CNF steps (the second timed). */
  let compare = 0;
  const slow = {
    fm: marginalRegression({
      path,
      target,
      model: autodiffModel({width: 64, depth: 2, activation: "tanh", lr: 1e-3, seed: o.seed}),
      batch: COMPARE_BATCH,
      seed: o.seed
    }),
    cnf: cnfTrainer({data: target, hidden: [64, 64], batch: COMPARE_BATCH, steps: 10, solver: "rk4", seed: o.seed})
  };

  return {
    run(budgetMs) {
      if (phase === "training") {
        const slice = training.run(budgetMs);
        if (slice.done) phase = "comparing";
        return {frame: slice.frame && {...slice.frame, phase}, done: false};
      }
      compare++;
      if (compare === 1) {
        for (let i = 0; i < 3; i++) slow.fm.step(1); // warm-up, untimed
        const start = performance.now();
        let n = 0;
        while (performance.now() - start < COMPARE_FM_MS) {
          slow.fm.step(1);
          n++;
        }
        speeds.fmSpeed = n / ((performance.now() - start) / 1000);
      } else {
        // Two timed steps, the faster kept: the first may still pay for compiling the solver's code.
        const rate = 1 / slow.cnf.step(1).seconds;
        speeds.cnfSpeed = Math.max(speeds.cnfSpeed ?? 0, rate);
        if (compare === 3) phase = "done";
      }
      const frame = {phase, progress: training.progress, ...lossCurve(), ...arrays(), ...speeds};
      return {frame, done: phase === "done"};
    },
    dispose: () => model.dispose()
  };

  function lossCurve() {
    const {steps, loss} = training.history.snapshot();
    return {lossSteps: steps, lossValues: loss};
  }

  /** Fresh copies of every grid (a frame's arrays are transferred away). */
  function arrays() {
    const v = views ?? evaluate();
    views = v;
    return {
      error: v.error.slice(),
      learned: v.learned.slice(),
      weighted: v.weighted.slice(),
      density: fixed.density.slice(),
      truth: fixed.truth.slice()
    };
  }
}
