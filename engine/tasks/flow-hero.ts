/**
 * flow-hero: 5,000 particles flowing from N(0, I) to a chosen target along the closed-form marginal field of the
 * straight (I-CFM, σ = 0) path between N(0, I) and the target as a Gaussian mixture (fm/marginal.ts; no training).
 * The target is a registered dataset, a word, or points a viewer drew (hero-target.ts). The paths [K+1, n, 2] are
 * computed a few time steps per slice and streamed as they grow (`computedUpTo`), so a page can start playing at
 * once. Every frame carries everything so far (a page keeps only the newest frame).
 *
 * Cost (measured, see README.md): one evaluation of the field is O(n · m) exponentials. Euler with K = 50 steps on
 * n = 5000 particles and m ≤ 400 target points keeps the whole path near 1-2 s in Node; Euler is exact on each
 * straight conditional path and the marginal paths are nearly straight, so a second-order solver bought nothing
 * visible for twice the cost.
 */
import {standardNormal} from "../data/registry.ts";
import {steppedFlow} from "../fields/stepped-flow.ts";
import {cloudField} from "../fm/cloud-field.ts";
import {marginalField} from "../fm/marginal.ts";
import {iCfmPath} from "../paths/cfm.ts";
import {rng} from "../random.ts";
import {flowHeroOptions, type FlowHeroOptions} from "./flow-hero-options.ts";
import {cloudTarget, datasetTarget, MAX_POINTS, parsePoints, wordTarget, type HeroTarget} from "./hero-target.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

export type FlowHeroFrame = {
  progress: Progress;
  /** [computedUpTo + 1, n, 2]: the particles at t = k/K for k = 0 … computedUpTo (row 0 is the N(0, I) draw). */
  trajectories: Float32Array;
  n: number;
  /** K: the path has K + 1 rows when complete. */
  steps: number;
  computedUpTo: number;
  /** The target's points (or a sample of a mixture target) [m, 2], and the smoothing σ of a point cloud. */
  target: Float32Array;
  sigma: number;
  /** [xmin, xmax, ymin, ymax] holding the source's ±3.5σ box and the target. */
  extent: Float64Array;
};

export const flowHero: EngineTask<typeof flowHeroOptions, FlowHeroFrame> = {
  name: "flow-hero",
  options: flowHeroOptions,
  start: (options) => flowHeroJob(options)
};

/** The target the options describe (RangeError naming the option when it is bad). */
export function heroTarget(o: FlowHeroOptions): HeroTarget {
  const random = rng(o.seed + 1);
  if (o.target === "word") return wordTarget(o.word, MAX_POINTS, random);
  if (o.target === "points") return cloudTarget(parsePoints(o.points));
  return datasetTarget(o.dataset, MAX_POINTS, random);
}

export function flowHeroJob(o: FlowHeroOptions): Job<FlowHeroFrame> {
  const target = heroTarget(o);
  const field =
    target.sigma > 0
      ? cloudField(target.points, target.sigma)
      : marginalField(iCfmPath(0), standardNormal, target.mixture);
  const x0 = standardNormal.sample(o.n, rng(o.seed));
  const flow = steppedFlow(field, x0, o.n, {solver: "euler", steps: o.steps});
  const targetPoints = new Float32Array(target.points);
  const extent = extentOf(target.points);
  const row = 2 * o.n;
  const job = steppingJob(flow, {
    total: o.steps,
    frame: ({progress}) => ({
      progress,
      trajectories: flow.trajectories.slice(0, (flow.computedUpTo + 1) * row),
      n: o.n,
      steps: o.steps,
      computedUpTo: flow.computedUpTo,
      target: targetPoints.slice(),
      sigma: target.sigma,
      extent: extent.slice()
    })
  });
  return {run: (budgetMs) => job.run(budgetMs)};
}

function extentOf(points: Float64Array): Float64Array {
  const e = [-3.5, 3.5, -3.5, 3.5];
  for (let i = 0; i < points.length; i += 2) {
    e[0] = Math.min(e[0]!, points[i]!);
    e[1] = Math.max(e[1]!, points[i]!);
    e[2] = Math.min(e[2]!, points[i + 1]!);
    e[3] = Math.max(e[3]!, points[i + 1]!);
  }
  return Float64Array.from(e);
}
