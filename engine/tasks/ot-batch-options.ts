/**
 * The options of the ot-batch task (ot-batch.ts), and the fixed set-up it compares, in a module of their own so that
 * a page can show and check them, and draw its still, without loading the training code.
 */
import type {Gaussian2} from "../metrics/gaussian-w2.ts";
import {integer, number, seed, type Values} from "../options/schema.ts";

export const otBatchOptions = {
  steps: integer(1000, "Adam steps of each model (every model sees steps × 256 pairs)", {min: 10, max: 20000}),
  width: integer(64, "width of the 3 hidden layers", {min: 8, max: 256}),
  lr: number(1e-2, "peak Adam learning rate (a cosine decays it to 5% by the last step)", {min: 1e-6, max: 1}),
  n: integer(500, "source points each trained flow is measured on (the same for every model)", {min: 20, max: 1000}),
  seed: seed()
};

export type OtBatchOptions = Values<typeof otBatchOptions>;

/** The source N(0, I) at t = 0 and the target N((3, 0), diag(1/4, 4)) at t = 1 (the pair of the #/ot-cfm table). */
export const otBatchSource: Gaussian2 = {mean: [0, 0], cov: [1, 0, 0, 1]};
export const otBatchTarget: Gaussian2 = {mean: [3, 0], cov: [0.25, 0, 0, 4]};

/** Pairs per Adam step, the same for every model; each OT batch size below divides it. */
export const GRADIENT_BATCH = 256;

/** The models trained, in order: I-CFM (independent pairs, block 0), then OT-CFM with exact OT in blocks of B. */
export const otBatchModels: readonly {label: string; block: number}[] = [
  {label: "I-CFM", block: 0},
  {label: "B = 2", block: 2},
  {label: "B = 8", block: 8},
  {label: "B = 32", block: 32},
  {label: "B = 256", block: 256}
];

/** Intervals of the uniform time grid on which trajectories are kept and the energy is summed (dopri5 dense output). */
export const ENERGY_GRID = 32;

/** dopri5's tolerance (rtol = atol) of the measuring solve. */
export const SOLVE_TOLERANCE = 1e-5;
