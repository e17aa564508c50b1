/**
 * The options of the cnf-train task (cnf-train.ts), in a module of their own so that a page can show and check them
 * without loading the training code.
 */
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

/** FFJORD's toy densities that fit the [−4, 4]² plane, each with an exact entropy floor H(q). */
export const cnfTrainDatasets = ["ffjord-8gaussians", "ffjord-moons", "ffjord-checkerboard"] as const;

export const cnfTrainOptions = {
  dataset: choice(cnfTrainDatasets, "ffjord-8gaussians", "the data q the CNF learns"),
  steps: integer(8, "RK4 steps of the unrolled solve from the data (t = 1) to the noise (t = 0)", {min: 1, max: 40}),
  lr: number(1e-2, "Adam learning rate", {min: 1e-4, max: 0.1, step: 1e-3}),
  batch: integer(64, "data points per training step", {min: 8, max: 512}),
  iterations: integer(1500, "training steps of the run", {min: 1, max: 20_000}),
  activation: choice(["tanh", "softplus"], "tanh", "hidden activation of u_θ (smooth: its divergence is trained)"),
  logTol: integer(-3, "log₁₀ of dopri5's tolerance (rtol = atol) in the NFE measurement", {min: -7, max: -1}),
  nfeEvery: integer(10, "training steps between two NFE measurements", {min: 1, max: 1000}),
  seed: seed()
};

export type CnfTrainOptions = Values<typeof cnfTrainOptions>;
