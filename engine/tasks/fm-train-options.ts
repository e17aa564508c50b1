/**
 * The options of the fm-train task (fm-train.ts), in a module of their own so that a page can show and check them
 * without loading the training code.
 */
import {datasetAliases, datasetNames} from "../data/registry.ts";
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

/** The methods that train live in one stage (rf needs a second, reflow stage). */
const methods = ["ot-cfm", "i-cfm", "sb", "vp", "lipman", "vp-diffusion", "ve-diffusion"] as const;
const datasets = [...Object.keys(datasetAliases), ...datasetNames()];

export const fmTrainOptions = {
  method: choice(methods, "ot-cfm", "flow-matching recipe: path and coupling"),
  source: choice(datasets, "8gaussians", "source at t = 0 (lipman and the diffusions always start from normal)"),
  target: choice(datasets, "torchcfm-moons", "target at t = 1"),
  steps: integer(2000, "training steps", {min: 10, max: 100_000}),
  lr: number(2e-2, "peak Adam learning rate (a cosine decays it to 5% by the last step)", {min: 1e-6, max: 1e4}),
  batch: integer(256, "pairs per step", {min: 16, max: 1024}),
  width: integer(64, "width of the 3 hidden layers", {min: 8, max: 256}),
  seed: seed()
};

export type FmTrainOptions = Values<typeof fmTrainOptions>;
