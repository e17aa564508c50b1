/**
 * The options of the fm-preview task (fm-preview.ts), in a module of their own so that the page can show and check
 * them without loading the network, the weights or the sampler.
 */
import {integer, seed} from "../options/schema.ts";

export const fmPreviewOptions = {
  steps: integer(8, "Euler steps N from t = 0 to t = 1 (the network is evaluated N times per point)", {
    min: 1,
    max: 100
  }),
  n: integer(500, "N(0, I) points pushed through the learned field, and held-out moons points for W2", {
    min: 50,
    max: 1000
  }),
  seed: seed(0, "seed of the random pairs drawn for the training picture")
};
