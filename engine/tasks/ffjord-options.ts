/**
 * The options of the ffjord task (ffjord.ts), in a module of their own so that a page can show and check them without
 * loading the training code.
 */
import {choice, integer, seed, type Values} from "../options/schema.ts";

/** FFJORD's own toy datasets (Grathwohl et al. 2019, figure 2), as engine/data names them. */
export const ffjordDatasets = ["ffjord-8gaussians", "ffjord-checkerboard", "ffjord-pinwheel"] as const;

export const ffjordOptions = {
  dataset: choice(ffjordDatasets, "ffjord-8gaussians", "the data q both CNFs are fitted to"),
  probe: choice(["rademacher", "gaussian"], "rademacher", "Hutchinson's probe ε, drawn once per solve"),
  iterations: integer(600, "training steps of each CNF", {min: 2, max: 5000}),
  batch: integer(64, "data points per step (the same batches for both CNFs)", {min: 8, max: 512}),
  grid: integer(32, "pixels per side of the density panels", {min: 8, max: 64}),
  seed: seed()
};

export type FfjordOptions = Values<typeof ffjordOptions>;

/** The CNF both runs train: u_θ(x, t) an MLP [x, t] → 2 with two tanh layers, unrolled through RK4. */
export const FFJORD_MODEL = {hidden: [32, 32], solver: "rk4", steps: 6, lr: 1e-2} as const;

/** The square of the plane the density panels show (FFJORD's toy data lie inside it). */
export const FFJORD_EXTENT = [-4, 4, -4, 4] as const;
