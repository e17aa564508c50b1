/**
 * The options of the nf-train task (nf-train.ts), in a module of their own so that a page can show and check them
 * without loading the training code.
 */
import {choice, integer, number, seed, text, type Values} from "../options/schema.ts";

/** Datasets a deck-2 flow learns: moons (the running example), FFJORD's toys on [−4, 4]² with exact H(q). */
export const nfTrainDatasets = [
  "sklearn-moons",
  "ffjord-moons",
  "ffjord-8gaussians",
  "ffjord-checkerboard",
  "ffjord-circles",
  "ffjord-pinwheel"
] as const;

export const nfTrainOptions = {
  blocks: text(
    "actnorm,coupling-1,coupling-2,coupling-1,coupling-2,coupling-1,coupling-2",
    "the flow's blocks in generator order, comma-separated (engine/flows/stack.ts names them)",
    400
  ),
  dataset: choice(nfTrainDatasets, "sklearn-moons", "the data q the flow learns"),
  width: integer(32, "hidden width of each conditioner or residual branch", {min: 2, max: 256}),
  lr: number(5e-3, "Adam learning rate, decayed by a half cosine over the run", {min: 1e-4, max: 0.1, step: 1e-4}),
  batch: integer(256, "data points per training step", {min: 8, max: 2048}),
  iterations: integer(1500, "training steps of the run", {min: 1, max: 50_000}),
  grid: integer(48, "cells per side of the density heatmap", {min: 8, max: 128}),
  seed: seed()
};

export type NfTrainOptions = Values<typeof nfTrainOptions>;
