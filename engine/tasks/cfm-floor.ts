/**
 * cfm-floor: the CFM loss and the FM loss of the same minibatches while a network trains with CFM on a Gaussian
 * mixture (lecture D4.9), on Lipman's path with σ_min. The FM loss uses the closed-form marginal field u_t (§8.11);
 * the floor C comes first, by Monte Carlo over 4000 draws of the closed-form conditional-target variance (law of total
 * variance). Every number is a per-coordinate mean (a squared 2D norm divided by d = 2), like the training loss.
 */
import {cfmFloor, type CfmFloor} from "../fm/floor.ts";
import {cfmProbe, type CfmProbe} from "../fm/cfm-probe.ts";
import {marginalField} from "../fm/marginal.ts";
import {lipmanPath} from "../paths/cfm.ts";
import {rng} from "../random.ts";
import {cfmFloorOptions, floorMixture, type CfmFloorOptions} from "./cfm-floor-options.ts";
import {lossHistory} from "./loss-history.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job, TaskEnv} from "./task.ts";

export type CfmFloorFrame = {
  progress: Progress;
  /** The loss curves, point by point: last step, mean L_CFM, mean L_FM and mean spread |u(x|x₁) − u(x)|²/2. */
  lossSteps: Float64Array;
  cfm: Float64Array;
  fm: Float64Array;
  spread: Float64Array;
  /** C / d by Monte Carlo, and its standard error. */
  floor: number;
  floorStderr: number;
};

/** Monte Carlo draws of the floor. */
export const FLOOR_SAMPLES = 4000;

export const cfmFloorTask: EngineTask<typeof cfmFloorOptions, CfmFloorFrame> = {
  name: "cfm-floor",
  options: cfmFloorOptions,
  start: (options, env) => cfmFloorJob(options, env)
};

export function cfmFloorJob(o: CfmFloorOptions, env: TaskEnv, floorSamples = FLOOR_SAMPLES): Job<CfmFloorFrame> {
  const path = lipmanPath(o.sigma);
  const q = floorMixture(o.dataset);
  const marginal = marginalField(path, q, q);
  const floor: CfmFloor = cfmFloor(path, marginal, q, floorSamples, rng(o.seed + 777));
  const probe: CfmProbe = cfmProbe({path, target: q, marginal, kernels: env.kernels, batch: o.batch, seed: o.seed});
  // The FM loss and the spread get curves of their own, filled exactly as the stepping job fills the CFM one.
  const fmHistory = lossHistory();
  const spreadHistory = lossHistory();
  const recorded = {
    get steps() {
      return probe.steps;
    },
    step(count = 1) {
      const report = probe.step(count);
      fmHistory.add(report.fm!, count);
      spreadHistory.add(report.spread!, count);
      return report;
    }
  };

  const training = steppingJob(recorded, {
    total: o.steps,
    frame({progress, history}) {
      const {steps, loss} = history.snapshot();
      return {
        progress,
        lossSteps: steps,
        cfm: loss,
        fm: fmHistory.snapshot().loss,
        spread: spreadHistory.snapshot().loss,
        floor: floor.value,
        floorStderr: floor.stderr
      };
    }
  });

  return {run: (budgetMs) => training.run(budgetMs), dispose: () => probe.dispose()};
}
