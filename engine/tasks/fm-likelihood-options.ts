/**
 * The options of the fm-likelihood task (fm-likelihood.ts), in a module of their own so that a page can show and
 * check them without loading the engine code or the weights.
 */
import {boolean, choice, integer} from "../options/schema.ts";
import {shippedNames} from "../weights/names.ts";

export const fmLikelihoodOptions = {
  model: choice(shippedNames, "ot-cfm", "the shipped model whose density is computed"),
  solver: choice(["euler", "midpoint", "rk4"], "rk4", "the fixed-step solver of the backward solve"),
  steps: integer(8, "solver steps of the backward solve from t = 1 to t = 0", {min: 1, max: 32}),
  divergence: choice(["exact", "hutchinson"], "exact", "∇·u exactly (2D: two derivatives) or by one Hutchinson probe"),
  size: integer(32, "heatmap columns (rows follow the box's shape)", {min: 8, max: 64}),
  paths: boolean(false, "also keep each pixel's backward path x_t and its terms log p₀(x₀), ℓ₀ (point-likelihood)")
};

/** Field evaluations per step of each fixed-step solver (each covers the batch and its divergence). */
export const STAGES = {euler: 1, midpoint: 2, rk4: 4} as const;

/** The heatmap's box [xmin, xmax, ymin, ymax], around the moons. */
export const likelihoodBox = [-4.4, 6.2, -3, 3] as const;

/** Held-out points of the mean NLL. */
export const NLL_POINTS = 200;
