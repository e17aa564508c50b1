/**
 * ffjord: maximum-likelihood training of two CNFs side by side (lecture D3.20), the same network, seed and batches,
 * one with the exact divergence (the trace of the 2×2 Jacobian) and one with FFJORD's Hutchinson estimate εᵀJε (one ε
 * per point per solve, held fixed along it). Frames carry both loss curves (the Hutchinson one is noisier, both fall
 * together) and, every few seconds, the density each model gives on a grid, computed with the exact divergence.
 */
import {cnfTrainer, type CnfTrainer} from "../cnf/train.ts";
import {densityGrid} from "../cnf/grid.ts";
import {normalBase} from "../cnf/base.ts";
import {dataset} from "../data/registry.ts";
import {rng, type Rng} from "../random.ts";
import type {Steppable, StepReport} from "../steppable.ts";
import {FFJORD_EXTENT, FFJORD_MODEL, ffjordOptions, type FfjordOptions} from "./ffjord-options.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

export type FfjordFrame = {
  progress: Progress;
  /** Step numbers 1 … k and each run's batch loss (mean −log p̂₁ in nats) at that step. */
  steps: Float64Array;
  exactLoss: Float64Array;
  hutchinsonLoss: Float64Array;
  /** Milliseconds per training step of each run so far. */
  exactMs: number;
  hutchinsonMs: number;
  /** p₁ of each model on a grid×grid raster over FFJORD_EXTENT (row j is y), at step `gridStep` (0: none yet). */
  grid: number;
  exactDensity: Float64Array;
  hutchinsonDensity: Float64Array;
  gridStep: number;
  /** Network evaluations of one training solve. */
  nfe: number;
};

export const ffjord: EngineTask<typeof ffjordOptions, FfjordFrame> = {
  name: "ffjord",
  options: ffjordOptions,
  start: (options) => ffjordJob(options)
};

/** A dataset whose batches come from its own generator: two trainers given one each see the same batches. */
function replayed(name: string, seed: number) {
  const q = dataset(name);
  const own: Rng = rng(seed);
  return {sample: (n: number) => q.sample(n, own)};
}

/** The two trainers of the comparison (exported for tests: same seed, same batches, different divergence). */
export function ffjordTrainers(o: FfjordOptions): {exact: CnfTrainer; hutchinson: CnfTrainer} {
  const common = {...FFJORD_MODEL, hidden: [...FFJORD_MODEL.hidden], batch: o.batch, seed: o.seed};
  return {
    exact: cnfTrainer({...common, data: replayed(o.dataset, o.seed + 101), divergence: "exact"}),
    hutchinson: cnfTrainer({
      ...common,
      data: replayed(o.dataset, o.seed + 101),
      divergence: "hutchinson",
      probe: o.probe
    })
  };
}

/** The model's density on the panel grid, by the same RK4 solve it trains with, exact divergence. */
export function densityOf(trainer: CnfTrainer, grid: number): Float64Array {
  const out = new Float64Array(grid * grid);
  for (let row = 0; row < grid; row += ROWS) densityRows(trainer, grid, row, out);
  return out;
}

/** Rows a slice computes of a density grid: a grid is split so that no slice stalls the worker. */
const ROWS = 4;

/** Rows [row, row + ROWS) of the density grid into `out` (row j is y; the same pixels as densityGrid). */
export function densityRows(trainer: CnfTrainer, grid: number, row: number, out: Float64Array): void {
  const [x0, x1, y0, y1] = FFJORD_EXTENT;
  const rows = Math.min(ROWS, grid - row);
  const dy = (y1 - y0) / grid;
  const g = densityGrid(trainer.field(), normalBase(), {
    extent: [x0, x1, y0 + row * dy, y0 + (row + rows) * dy],
    size: [grid, rows],
    solver: FFJORD_MODEL.solver,
    steps: FFJORD_MODEL.steps
  });
  for (let i = 0; i < g.logp.length; i++) out[row * grid + i] = Math.exp(g.logp[i]!);
}

/** Wall time between two density grids (each costs about as much as a few training steps). */
const GRID_EVERY_MS = 2500;

export function ffjordJob(o: FfjordOptions): Job<FfjordFrame> {
  const {exact, hutchinson} = ffjordTrainers(o);
  const exactLoss: number[] = [];
  const hutchinsonLoss: number[] = [];
  let nfe = 0;
  const pair: Steppable = {
    get steps() {
      return exact.steps;
    },
    step(count = 1): StepReport {
      const t0 = performance.now();
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const e = exact.step(1);
        const h = hutchinson.step(1);
        exactLoss.push(e.loss);
        hutchinsonLoss.push(h.loss);
        nfe = e.nfe;
        sum += e.loss;
      }
      const seconds = (performance.now() - t0) / 1000;
      return {steps: exact.steps, loss: sum / count, seconds, stepsPerSecond: count / Math.max(seconds, 1e-9)};
    }
  };
  const empty = new Float64Array(o.grid * o.grid).fill(NaN);
  const densities: {exact: Float64Array; hutchinson: Float64Array; exactStep: number; hutchinsonStep: number} = {
    exact: empty,
    hutchinson: empty,
    exactStep: 0,
    hutchinsonStep: 0
  };
  let lastGrid = -Infinity;
  const frame = (progress: Progress): FfjordFrame => {
    const k = exactLoss.length;
    return {
      progress,
      steps: Float64Array.from({length: k}, (_, i) => i + 1),
      exactLoss: Float64Array.from(exactLoss),
      hutchinsonLoss: Float64Array.from(hutchinsonLoss),
      exactMs: (1000 * exact.seconds) / Math.max(exact.steps, 1),
      hutchinsonMs: (1000 * hutchinson.seconds) / Math.max(hutchinson.steps, 1),
      grid: o.grid,
      exactDensity: densities.exact.slice(),
      hutchinsonDensity: densities.hutchinson.slice(),
      gridStep: Math.min(densities.exactStep, densities.hutchinsonStep),
      nfe
    };
  };
  // A Hutchinson run's single batches can be far off; only the exact run's mean loss is checked for divergence.
  const training = steppingJob(pair, {total: o.iterations, frame: ({progress}) => frame(progress)});
  // The grid being computed: which model, its next row, and the step it shows.
  let pending: {which: "exact" | "hutchinson"; row: number; out: Float64Array; step: number} | undefined;
  return {
    run(budgetMs) {
      const finished = exact.steps >= o.iterations;
      if (pending) {
        const trainer = pending.which === "exact" ? exact : hutchinson;
        densityRows(trainer, o.grid, pending.row, pending.out);
        pending.row += ROWS;
        if (pending.row >= o.grid) {
          const {which, out, step} = pending;
          if (which === "exact") {
            densities.exact = out;
            densities.exactStep = step;
            pending = {which: "hutchinson", row: 0, out: new Float64Array(o.grid * o.grid), step};
          } else {
            densities.hutchinson = out;
            densities.hutchinsonStep = step;
            pending = undefined;
            lastGrid = performance.now();
            return {frame: frame(training.progress), done: finished};
          }
        }
        return {done: false};
      }
      // Grids are due every few seconds and once more at the end; each is computed a few rows a slice.
      const due = exact.steps > 0 && (finished || performance.now() - lastGrid > GRID_EVERY_MS);
      if (due && densities.hutchinsonStep < exact.steps) {
        pending = {which: "exact", row: 0, out: new Float64Array(o.grid * o.grid), step: exact.steps};
        return {done: false};
      }
      if (finished) return {done: true};
      const slice = training.run(budgetMs);
      // The last training slice is not the end: the final grids follow.
      return {...slice, done: false};
    }
  };
}
