/**
 * cfm-step: conditional flow matching one step at a time (lecture D4.8). Each step draws x₁ ~ q, t ~ U[0, 1] and
 * x ~ p_t(· | x₁) on Lipman's path (σ_min = 0.01), regresses the network on the conditional arrows u_t(x | x₁), and
 * the frame carries that minibatch and the learned field u^θ_t on a grid at 11 times t = 0, 0.1, …, 1 (the page shows
 * the one its t slider picks). Training is paced: at first a few steps a second, so each minibatch can be seen.
 */
import {cfmProbe, type CfmProbe} from "../fm/cfm-probe.ts";
import {lipmanPath} from "../paths/cfm.ts";
import {
  CFM_STEP_CELLS as CELLS,
  CFM_STEP_SIGMA,
  CFM_STEP_TIMES as GRID_TIMES,
  cfmStepExtent,
  cfmStepOptions,
  type CfmStepOptions
} from "./cfm-step-options.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job, TaskEnv} from "./task.ts";

export type CfmStepFrame = {
  progress: Progress;
  lossSteps: Float64Array;
  lossValues: Float64Array;
  /** The newest minibatch: x₁ [n, 2], t [n], x ~ p_t(· | x₁) [n, 2], and its targets u_t(x | x₁) [n, 2]. */
  x1: Float32Array;
  t: Float32Array;
  xt: Float32Array;
  target: Float32Array;
  /** u^θ_t on the grid's cell centres at CFM_STEP_TIMES: [times, ny, nx, 2]. */
  grid: Float32Array;
  /** The grid's box [xmin, xmax, ymin, ymax] and cells. */
  extent: [number, number, number, number];
  nx: number;
  ny: number;
};

/** A gap between two slices longer than this is a pause (or a step while paused), not playing time. */
const GAP_MS = 120;
/** How long the worker may sleep while no paced step is due (well under GAP_MS, so a sleep never reads as a pause). */
const IDLE_MS = 40;

export const cfmStep: EngineTask<typeof cfmStepOptions, CfmStepFrame> = {
  name: "cfm-step",
  options: cfmStepOptions,
  start: (options, env) => cfmStepJob(options, env)
};

/** Steps the pace allows after `seconds` of playing time. */
export function pacedSteps(speed: CfmStepOptions["speed"], seconds: number): number {
  if (speed === "max") return Infinity;
  // ramp: a rate of 2·2^(s/5) steps a second, integrated.
  if (speed === "ramp") return Math.floor(1 + (2 * 5 * (2 ** (seconds / 5) - 1)) / Math.LN2);
  return Math.floor(1 + Number(speed) * seconds);
}

export function cfmStepJob(o: CfmStepOptions, env: TaskEnv): Job<CfmStepFrame> {
  const path = lipmanPath(CFM_STEP_SIGMA);
  const probe: CfmProbe = cfmProbe({
    path,
    target: o.target,
    kernels: env.kernels,
    batch: o.batch,
    lr: 5e-3,
    seed: o.seed
  });
  const extent = cfmStepExtent(o.target);
  const points = gridPoints(extent);
  const m = CELLS * CELLS;
  const u = new Float64Array(2 * m);
  let playing = 0; // ms of playing time
  let lastRun = -Infinity;

  const training = steppingJob(probe, {
    total: o.steps,
    frame({progress: measured, history}) {
      const {steps, loss} = history.snapshot();
      // While paced, the throughput is the pace, not what one slice could do (the page estimates time left from it).
      const progress = {
        ...measured,
        stepsPerSecond: Math.min(measured.stepsPerSecond, paceRate(o.speed, playing / 1000)),
        ...(o.speed === "max" ? {} : {secondsLeft: pacedSecondsLeft(o.speed, playing / 1000, o.steps)})
      };
      const grid = new Float32Array(GRID_TIMES.length * 2 * m);
      GRID_TIMES.forEach((t, k) => {
        probe.net.forward(u, points, m, t);
        grid.set(u, k * 2 * m);
      });
      const b = probe.batch;
      return {
        progress,
        lossSteps: steps,
        lossValues: loss,
        x1: new Float32Array(b.x1),
        t: new Float32Array(b.t),
        xt: new Float32Array(b.xt),
        target: new Float32Array(b.target),
        grid,
        extent,
        nx: CELLS,
        ny: CELLS
      };
    }
  });

  return {
    run(budgetMs) {
      const now = performance.now();
      const gap = now - lastRun;
      lastRun = now;
      if (gap > GAP_MS || o.speed === "max") {
        // Playing at full speed, or the first slice after a pause (a step of the player): no waiting.
        if (o.speed === "max") return training.run(budgetMs);
        playing += Math.min(gap, GAP_MS);
        return probe.steps < pacedSteps(o.speed, playing / 1000) || probe.steps === 0
          ? training.run(0)
          : {done: false, idleMs: IDLE_MS};
      }
      playing += gap;
      const due = pacedSteps(o.speed, playing / 1000) - probe.steps;
      if (due <= 0) return {done: false, idleMs: IDLE_MS};
      // Fast paces take what is due within the budget (the stepping job caps a slice by its measured step time).
      return due >= 8 ? training.run(budgetMs) : training.run(0);
    },
    dispose: () => probe.dispose()
  };
}

/** Playing seconds until the pace allows `total` steps, from `seconds` of playing time (the ramp speeds up). */
export function pacedSecondsLeft(
  speed: Exclude<CfmStepOptions["speed"], "max">,
  seconds: number,
  total: number
): number {
  // Inverse of pacedSteps: ramp 1 + (10 / ln 2)(2^(s/5) − 1) = total, constant 1 + r s = total.
  const end = speed === "ramp" ? 5 * Math.log2(1 + ((total - 1) * Math.LN2) / 10) : (total - 1) / Number(speed);
  return Math.max(0, end - seconds);
}

/** The pace's steps per second after `seconds` of playing time (Infinity for "max"). */
export function paceRate(speed: CfmStepOptions["speed"], seconds: number): number {
  if (speed === "max") return Infinity;
  return speed === "ramp" ? 2 * 2 ** (seconds / 5) : Number(speed);
}

/** The centres of CELLS × CELLS cells of the box, row by row from the bottom. */
function gridPoints(e: [number, number, number, number]): Float64Array {
  const out = new Float64Array(2 * CELLS * CELLS);
  for (let j = 0; j < CELLS; j++) {
    for (let i = 0; i < CELLS; i++) {
      out[2 * (j * CELLS + i)] = e[0] + ((i + 0.5) * (e[1] - e[0])) / CELLS;
      out[2 * (j * CELLS + i) + 1] = e[2] + ((j + 0.5) * (e[3] - e[2])) / CELLS;
    }
  }
  return out;
}
