/**
 * fm-likelihood: a flow-matching model is a CNF, so its density is computable (lecture D4.21):
 * log p₁(x) = log p₀(x₀) − ∫₀¹ (∇·u^θ_t)(x_t) dt, by a backward solve from x at t = 1 to x₀ at t = 0 (engine/cnf). The
 * shipped model's float64 field (exact divergence, or one Hutchinson probe per point) gives a heatmap of log p₁, a few
 * rows per slice, next to the data's exact log-density on the same pixels; at the end the mean NLL of held-out data
 * beside the data's entropy (the floor of any model's expected NLL).
 */
import {normalBase} from "../cnf/base.ts";
import {logDensity} from "../cnf/log-density.ts";
import {float64Field} from "../fm/likelihood.ts";
import {rng} from "../random.ts";
import type {Values} from "../options/schema.ts";
import {evaluationData, loadWeights, shippedTarget} from "../weights/index.ts";
import type {VelocityField} from "../fields/field.ts";
import {fmLikelihoodOptions, likelihoodBox, NLL_POINTS} from "./fm-likelihood-options.ts";
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
  return {nx, ny, extent: likelihoodBox, modelLogp, dataLogp, rowsDone: 0, nfe: 4 * o.steps, done: false, still: true};
}

/** The pixel centres of the heatmap, row by row from the bottom. */
function likelihoodGrid(o: Options): {nx: number; ny: number; points: Float64Array} {
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

/** The job on a given field (tests pass their own); the heatmap row by row, then the NLL. */
export function fmLikelihoodJob(o: Options, field: VelocityField, nllPoints = NLL_POINTS): Job<FmLikelihoodFrame> {
  const {nx, ny, points} = likelihoodGrid(o);
  const target = shippedTarget();
  const dataLogp = new Float64Array(nx * ny);
  target.logDensity!(dataLogp, points, nx * ny);
  const modelLogp = new Float64Array(nx * ny).fill(NaN);
  const base = normalBase();
  const random = rng(1);
  const solve = {solver: "rk4", steps: o.steps, method: o.divergence, rng: random} as const;
  let rows = 0;
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
    nfe: 4 * o.steps,
    done
  });

  return {
    run(budgetMs) {
      const start = performance.now();
      while (rows < ny && performance.now() - start < budgetMs) {
        const from = rows * nx;
        const r = logDensity(field, base, points.subarray(2 * from, 2 * (from + nx)), nx, solve);
        modelLogp.set(r.logp, from);
        rows++;
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
