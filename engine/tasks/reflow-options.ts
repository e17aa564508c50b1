/**
 * The options of the reflow task (reflow.ts), in a module of their own so that a page can show and check them
 * without loading the training code.
 */
import {datasetAliases, datasetNames} from "../data/registry.ts";
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

const datasets = [...Object.keys(datasetAliases), ...datasetNames()];

export const reflowOptions = {
  source: choice(datasets, "8gaussians", "source at t = 0"),
  target: choice(datasets, "torchcfm-moons", "target at t = 1"),
  reflows: integer(1, "reflow stages after the first rectified flow (0: 1-RF only, 2: 3-RF)", {min: 0, max: 2}),
  steps: integer(1200, "training steps of each stage", {min: 10, max: 100_000}),
  pool: integer(2000, "pairs (Z₀, Z₁) drawn once from the previous model for each reflow stage", {min: 64, max: 20000}),
  lr: number(2e-2, "peak Adam learning rate (a cosine decays it to 5% by each stage's last step)", {
    min: 1e-6,
    max: 1e4
  }),
  batch: integer(256, "pairs per step", {min: 16, max: 1024}),
  width: integer(64, "width of the 3 hidden layers", {min: 8, max: 256}),
  seed: seed()
};

export type ReflowOptions = Values<typeof reflowOptions>;
