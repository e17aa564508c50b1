/**
 * The options of the fm-likelihood task (fm-likelihood.ts), in a module of their own so that a page can show and
 * check them without loading the engine code or the weights.
 */
import {choice, integer} from "../options/schema.ts";
import {shippedNames} from "../weights/names.ts";

export const fmLikelihoodOptions = {
  model: choice(shippedNames, "ot-cfm", "the shipped model whose density is computed"),
  steps: integer(8, "RK4 steps of the backward solve from t = 1 to t = 0", {min: 1, max: 32}),
  divergence: choice(["exact", "hutchinson"], "exact", "∇·u exactly (2D: two derivatives) or by one Hutchinson probe"),
  size: integer(32, "heatmap columns (rows follow the box's shape)", {min: 8, max: 64})
};

/** The heatmap's box [xmin, xmax, ymin, ymax], around the moons. */
export const likelihoodBox = [-4.4, 6.2, -3, 3] as const;

/** Held-out points of the mean NLL. */
export const NLL_POINTS = 200;
