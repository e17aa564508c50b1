/**
 * The options of the max-likelihood task (max-likelihood.ts), in a module of their own so that a page can show and
 * check them without loading the fitting code.
 */
import {choice, integer, seed, type Values} from "../options/schema.ts";

/** Datasets with an exact entropy floor (moons, 8 gaussians, circles) and one with a k-NN estimate (pinwheel). */
export const maxLikelihoodDatasets = ["moons", "8gaussians", "ffjord-circles", "ffjord-pinwheel"] as const;

export const maxLikelihoodOptions = {
  dataset: choice(maxLikelihoodDatasets, "moons", "the data q the models are fitted to"),
  k: integer(8, "components K of the mixture", {min: 1, max: 12}),
  iterations: integer(40, "EM iterations", {min: 1, max: 200}),
  n: integer(1000, "training points (the held-out set has as many)", {min: 50, max: 5000}),
  seed: seed()
};

export type MaxLikelihoodOptions = Values<typeof maxLikelihoodOptions>;

/** EM iterations a second while playing: slow enough to watch the ellipses move. */
export const EM_PACE = 8;
