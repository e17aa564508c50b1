/**
 * The options of the pairs task (pairs.ts), in a module of their own so that the page can show and check them without
 * loading the engine code that draws and matches the batch.
 */
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

export const pairsOptions = {
  preset: choice(
    ["asymmetric", "symmetric"],
    "asymmetric",
    "the two-mode source and target: asymmetric (targets at different heights) or the symmetric one of Liu et al."
  ),
  mu: number(2, "distance μ of the modes from the axes", {min: 0.5, max: 3, step: 0.1}),
  b: integer(32, "batch size B: points drawn from each side", {min: 2, max: 256}),
  sigma: number(0.1, "σ of the I-CFM path (smooths both ends; used by the marginal flow and the variance)", {
    min: 0.02,
    max: 1,
    step: 0.01
  }),
  seed: seed(0)
};

/** Options of the pairs task (and of the `pairs` demo). */
export type PairsTaskOptions = Values<typeof pairsOptions>;
