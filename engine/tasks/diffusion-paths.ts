/**
 * diffusion-paths: the VE, VP and OT (CondOT) paths to the same Gaussian-mixture target, side by side, each carried
 * by its closed-form marginal field (fm/marginal.ts, no training) with RK4 on t ∈ [0, 1 − 1e-3] (VP's and CondOT's σ_t
 * vanish at t = 1). Particles start from each path's exact t = 0 marginal (or, for VE, from N(0, I) when
 * `veStart` is "standard": the mistake of treating VE like the other two). Every frame has the paths so far and the
 * mean squared speed E‖u_t(x_t)‖² against t; the last also the W2 of each path's end samples to fresh data (drawn
 * stratified over the modes) next to its floor, the W2 of an exact data sample of the same size to the same data, and VP's α at t = 0 (a₁ = e^{−T(1)/2}, not 0).
 */
import {stratifiedSample} from "../data/stratified.ts";
import {closedFormFlow, exactStart, type ClosedFormFlow} from "../fm/closed-form-flow.ts";
import {w2} from "../metrics/w2.ts";
import {lipmanPath} from "../paths/cfm.ts";
import {veDiffusionPath, vpDiffusionPath} from "../paths/diffusion.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import {rng} from "../random.ts";
import {diffusionPathsOptions, type DiffusionPathsOptions} from "./diffusion-paths-options.ts";
import {pathTarget} from "./path-target.ts";
import type {Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

/** The three paths in the order of every array of a frame. */
export const DIFFUSION_PATHS = ["ve", "vp", "ot"] as const;
/** Where the flows stop: the §8.9 guard for the paths whose σ_t vanishes at t = 1. */
export const T_END = 1 - 1e-3;
/** Paths kept per path, and grid rows kept (every ⌈K / ROWS⌉-th step). */
const KEEP = 60;
const ROWS = 50;
/** Target points a frame carries for display. */
const SHOWN = 150;

export type DiffusionPathsFrame = {
  progress: Progress;
  /** Steps taken by each path (all three move together). */
  taken: number;
  steps: number;
  tEnd: number;
  /** Kept particles per path: [3, rows, keep, 2], row j at t = j · every · tEnd / steps. */
  trajectories: Float32Array;
  rows: number;
  keep: number;
  every: number;
  /** [3, steps + 1]: E‖u_t(x_t)‖² at t_k = k tEnd / steps (NaN where not computed yet). */
  speed: Float64Array;
  /** Fresh target points for display [SHOWN, 2]. */
  target: Float32Array;
  /** After the last step: W2 of each path's n end points to n fresh data points [3], and the floor. */
  w2?: Float64Array;
  w2Floor?: number;
  /** α_0 of the VP path: its mean at t = 0 is a₁ x₁, not 0. */
  vpAlpha0: number;
  /** The σ_0 of each path [3] (VE: σ_max). */
  sigma0: Float64Array;
};

export const diffusionPaths: EngineTask<typeof diffusionPathsOptions, DiffusionPathsFrame> = {
  name: "diffusion-paths",
  options: diffusionPathsOptions,
  start: (options) => diffusionPathsJob(options)
};

/** The three engine paths for these options, in the order of DIFFUSION_PATHS. */
export function diffusionPathsOf(o: DiffusionPathsOptions): ProbabilityPath[] {
  if (!(o.betaMax > o.betaMin))
    throw new RangeError(`invalid betaMax: ${o.betaMax} (must exceed betaMin ${o.betaMin})`);
  return [
    veDiffusionPath({sigmaMin: 0.01, sigmaMax: o.sigmaMax}),
    vpDiffusionPath({betaMin: o.betaMin, betaMax: o.betaMax}),
    lipmanPath(0)
  ];
}

export function diffusionPathsJob(o: DiffusionPathsOptions): Job<DiffusionPathsFrame> {
  const paths = diffusionPathsOf(o);
  const every = Math.max(1, Math.ceil(o.steps / ROWS));
  const keep = Math.min(KEEP, o.n);
  const flows: ClosedFormFlow[] = paths.map((path, p) => {
    // The same seed for every path: the same data draws and the same noise, scaled by each path's own α₀ and σ₀.
    const x0 =
      p === 0 && o.veStart === "standard"
        ? (rng(o.seed).fillNormal(new Float64Array(2 * o.n)) as Float64Array)
        : exactStart(path, pathTarget, o.n, rng(o.seed));
    return closedFormFlow(path, pathTarget, x0, {solver: "rk4", steps: o.steps, tEnd: T_END, keep, every, speed: true});
  });
  const rows = Math.floor(o.steps / every) + 1;
  const target = new Float32Array(pathTarget.sample(SHOWN, rng(o.seed + 7)));
  const sigma0 = Float64Array.from(paths, (path) => path.coefficients(0).s);
  const vpAlpha0 = paths[1]!.coefficients(0).b;
  let w2s: Float64Array | undefined;
  let w2Floor: number | undefined;
  let stepsPerSecond = 0;

  const frame = (): DiffusionPathsFrame => {
    const trajectories = new Float32Array(3 * rows * keep * 2);
    const speed = new Float64Array(3 * (o.steps + 1));
    flows.forEach((f, p) => {
      trajectories.set(f.trajectories, p * rows * keep * 2);
      speed.set(f.speed, p * (o.steps + 1));
    });
    const taken = flows[2]!.taken;
    return {
      progress: {steps: taken, total: o.steps, stepsPerSecond},
      taken,
      steps: o.steps,
      tEnd: T_END,
      trajectories,
      rows,
      keep,
      every,
      speed,
      target: target.slice(),
      vpAlpha0,
      sigma0: sigma0.slice(),
      ...(w2s ? {w2: w2s.slice(), w2Floor} : {})
    };
  };

  return {
    run(budgetMs) {
      if (w2s) return {done: true};
      const start = performance.now();
      const before = flows[2]!.taken;
      do for (const f of flows) f.step(1);
      while (!flows[2]!.done && performance.now() - start < budgetMs);
      stepsPerSecond = (flows[2]!.taken - before) / Math.max((performance.now() - start) / 1000, 1e-6);
      if (!flows[2]!.done) return {frame: frame(), done: false};
      // Data drawn stratified over the modes; the floor compares it with an exact (multinomial) draw, as the ends are.
      const data = stratifiedSample(pathTarget, o.n, rng(o.seed + 11));
      w2s = Float64Array.from(flows, (f) => w2(f.state, data, o.n));
      w2Floor = w2(pathTarget.sample(o.n, rng(o.seed + 13)), data, o.n);
      return {frame: frame(), done: true};
    }
  };
}
