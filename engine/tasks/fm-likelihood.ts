/**
 * fm-likelihood: a flow-matching model is a CNF, so its density is computable (lecture D4.21):
 * log p₁(x) = log p₀(x₀) − ∫₀¹ (∇·u^θ_t)(x_t) dt, by a backward solve from x at t = 1 to x₀ at t = 0 (engine/cnf). The
 * shipped model's float64 field (exact divergence, or one Hutchinson probe per point) gives a heatmap of log p₁, a few
 * rows per slice, next to the data's exact log-density on the same pixels; at the end the mean NLL of held-out data
 * beside the data's entropy (the floor of any model's expected NLL).
 *
 * With `paths` (deck 3's D3.16, demos/point-likelihood.ts) every pixel also keeps its backward path x_t from t = 1 to
 * t = 0 at the solver's steps and the two terms of its log-density, log p₀(x₀) and ℓ₀, so that a clicked point's path
 * and breakdown are exactly what coloured its pixel.
 */
import {augment, augmentedDeriv} from "../cnf/augmented.ts";
import {normalBase, type BaseDensity} from "../cnf/base.ts";
import {divergenceFn} from "../cnf/divergence.ts";
import {logDensity} from "../cnf/log-density.ts";
import {float64Field} from "../fm/likelihood.ts";
import {integrate} from "../ode/integrate.ts";
import {rng, type Rng} from "../random.ts";
import type {Values} from "../options/schema.ts";
import {evaluationData, loadWeights, shippedTarget} from "../weights/index.ts";
import type {VelocityField} from "../fields/field.ts";
import {fmLikelihoodOptions, likelihoodBox, NLL_POINTS, STAGES} from "./fm-likelihood-options.ts";
import type {EngineTask, Job} from "./task.ts";

type Options = Values<typeof fmLikelihoodOptions>;

export type FmLikelihoodFrame = {
  nx: number;
  ny: number;
  extent: readonly [number, number, number, number];
  /** log p₁ of the model per pixel (row-major from ymin up), NaN where not computed yet. */
  modelLogp: Float64Array;
  /** The data's exact log-density on the same pixels. */
  dataLogp: Float64Array;
  rowsDone: number;
  /** Mean NLL (nats) of held-out points under the model, and the data's entropy; once the heatmap is done. */
  nll?: number;
  entropy?: number;
  /** Field evaluations per backward solve. */
  nfe: number;
  done: boolean;
  /** A static view's frame: the data only (see likelihoodStill). */
  still?: true;
  /** With `paths`: each pixel's backward solve, NaN where not computed yet. */
  points?: PixelSolves;
};

/** Every pixel's backward solve, kept for point-likelihood (option `paths`). */
export type PixelSolves = {
  /** Saved states per path: the solver's steps + 1, from t = 1 (the pixel centre) down to t = 0. */
  stops: number;
  /** Paths [pixel, stop, 2]: pixel p at stop k (time 1 − k/steps) is at 2(p·stops + k). */
  paths: Float32Array;
  /** x₀ per pixel [pixel, 2], log p₀(x₀) and ℓ₀ = −∫₀¹ ∇·u dt per pixel. */
  x0: Float64Array;
  logp0: Float64Array;
  delta: Float64Array;
};

export const fmLikelihood: EngineTask<typeof fmLikelihoodOptions, FmLikelihoodFrame> = {
  name: "fm-likelihood",
  options: fmLikelihoodOptions,
  async start(options) {
    const w = await loadWeights(options.model);
    return fmLikelihoodJob(options, float64Field(w.model));
  }
};

/**
 * What a static view shows (print, the speaker's previews): the data's exact density on the grid, and no model yet
 * (its density is a backward solve per pixel, computed live on the slide). Cheap enough for the page.
 */
export function likelihoodStill(o: Options): FmLikelihoodFrame {
  const {nx, ny, points} = likelihoodGrid(o);
  const dataLogp = new Float64Array(nx * ny);
  shippedTarget().logDensity!(dataLogp, points, nx * ny);
  const modelLogp = new Float64Array(nx * ny).fill(NaN);
  return {
    nx,
    ny,
    extent: likelihoodBox,
    modelLogp,
    dataLogp,
    rowsDone: 0,
    nfe: STAGES[o.solver] * o.steps,
    done: false,
    still: true
  };
}

/** The pixel centres of the heatmap, row by row from the bottom (nx = size columns). */
export function likelihoodGrid(o: Pick<Options, "size">): {nx: number; ny: number; points: Float64Array} {
  const [x0, x1, y0, y1] = likelihoodBox;
  const nx = o.size;
  const ny = Math.max(2, Math.round((o.size * (y1 - y0)) / (x1 - x0)));
  const dx = (x1 - x0) / nx;
  const dy = (y1 - y0) / ny;
  const points = new Float64Array(2 * nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      points[2 * (j * nx + i)] = x0 + (i + 0.5) * dx;
      points[2 * (j * nx + i) + 1] = y0 + (j + 0.5) * dy;
    }
  }
  return {nx, ny, points};
}

/** Pixels per batch of the backward solve when every path is kept. */
const PATH_CHUNK = 8;

/** The job on a given field (tests pass their own); the heatmap row by row, then the NLL. */
export function fmLikelihoodJob(o: Options, field: VelocityField, nllPoints = NLL_POINTS): Job<FmLikelihoodFrame> {
  const {nx, ny, points} = likelihoodGrid(o);
  const target = shippedTarget();
  const dataLogp = new Float64Array(nx * ny);
  target.logDensity!(dataLogp, points, nx * ny);
  const modelLogp = new Float64Array(nx * ny).fill(NaN);
  const base = normalBase();
  const random = rng(1);
  const solve = {solver: o.solver, steps: o.steps, method: o.divergence, rng: random} as const;
  const stops = o.steps + 1;
  const kept: PixelSolves | undefined = o.paths
    ? {
        stops,
        paths: new Float32Array(2 * nx * ny * stops).fill(NaN),
        x0: new Float64Array(2 * nx * ny).fill(NaN),
        logp0: new Float64Array(nx * ny).fill(NaN),
        delta: new Float64Array(nx * ny).fill(NaN)
      }
    : undefined;
  let rows = 0;
  let pixels = 0;
  let nll: number | undefined;
  const {heldOut} = evaluationData(nllPoints);
  let nllDone = 0;
  let nllSum = 0;

  const frame = (done: boolean): FmLikelihoodFrame => ({
    nx,
    ny,
    extent: likelihoodBox,
    modelLogp: modelLogp.slice(),
    dataLogp: dataLogp.slice(),
    rowsDone: rows,
    ...(nll !== undefined ? {nll, entropy: target.entropy} : {}),
    nfe: STAGES[o.solver] * o.steps,
    done,
    ...(kept
      ? {
          points: {
            stops,
            paths: kept.paths.slice(),
            x0: kept.x0.slice(),
            logp0: kept.logp0.slice(),
            delta: kept.delta.slice()
          }
        }
      : {})
  });

  return {
    run(budgetMs) {
      const start = performance.now();
      while (rows < ny && performance.now() - start < budgetMs) {
        // Whole rows; with paths, a few pixels at a time (each keeps its path), so a slice stays short.
        const from = pixels;
        const count = kept ? Math.min(PATH_CHUNK, nx * ny - from) : nx;
        const batch = points.subarray(2 * from, 2 * (from + count));
        if (kept) {
          const r = backwardPaths(field, base, batch, count, o, random);
          modelLogp.set(r.logp, from);
          kept.paths.set(r.paths, 2 * from * stops);
          kept.x0.set(r.x0, 2 * from);
          kept.logp0.set(r.logp0, from);
          kept.delta.set(r.delta, from);
        } else {
          modelLogp.set(logDensity(field, base, batch, count, solve).logp, from);
        }
        pixels += count;
        rows = Math.floor(pixels / nx);
      }
      if (rows < ny) return {frame: frame(false), done: false};
      // The NLL in chunks of a grid row's size, one per slice, so that no slice keeps the worker from answering.
      const from = nllDone;
      const count = Math.min(nx, nllPoints - from);
      const r = logDensity(field, base, heldOut.subarray(2 * from, 2 * (from + count)), count, solve);
      nllSum += r.logp.reduce((a, b) => a + b, 0);
      nllDone += count;
      if (nllDone < nllPoints) return {frame: frame(false), done: false};
      nll = -nllSum / nllPoints;
      return {frame: frame(true), done: true};
    }
  };
}

/**
 * The backward solve of logDensity (engine/cnf), d/dt [x_t; ℓ_t] = [u_t(x_t); (∇·u_t)(x_t)] from [x; 0] at t = 1 to
 * t = 0, with every step's state kept: each point's path [point, stop, 2] from t = 1 down to t = 0, its x₀, log p₀(x₀),
 * ℓ₀ and log p₁(x) = log p₀(x₀) + ℓ₀. Draws its Hutchinson probes from `random` exactly as logDensity does.
 */
export function backwardPaths(
  field: VelocityField,
  base: BaseDensity,
  x: Float64Array,
  n: number,
  o: Pick<Options, "solver" | "steps" | "divergence">,
  random: Rng
): {paths: Float32Array; x0: Float64Array; logp0: Float64Array; delta: Float64Array; logp: Float64Array} {
  const d = field.dim;
  const div = divergenceFn(field, n, {method: o.divergence, rng: random});
  const f = augmentedDeriv(field, n, div, 1);
  const {y, trajectory} = integrate(f, augment(x, n, d), {
    solver: o.solver,
    steps: o.steps,
    t0: 1,
    t1: 0,
    saveAt: "steps"
  });
  const stops = trajectory!.y.length;
  const paths = new Float32Array(n * stops * d);
  trajectory!.y.forEach((state, k) => {
    for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) paths[d * (i * stops + k) + c] = state[i * d + c]!;
  });
  const x0 = y.slice(0, n * d);
  const delta = y.slice(n * d);
  const logp0 = new Float64Array(n);
  base.logDensity(logp0, x0, n);
  return {paths, x0, logp0, delta, logp: logp0.map((v, i) => v + delta[i]!)};
}
