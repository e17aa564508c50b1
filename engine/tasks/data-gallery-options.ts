/**
 * The options of the data-gallery task (data-gallery.ts), in a module of their own so that a page can show and check
 * them without loading the task's engine code.
 */
import {datasetAliases, datasetNames} from "../data/registry.ts";
import {choice, integer, number, seed, text, type Values} from "../options/schema.ts";
import {MAX_POINTS} from "./hero-target.ts";

/** The dataset the shipped model (engine/weights/i-cfm.json) was trained on: the only one with model samples. */
export const MODEL_DATASET = "torchcfm-moons";

/** Every registered dataset and alias, and "drawn" (the points a viewer drew). */
export const galleryDatasets = [...Object.keys(datasetAliases), ...datasetNames(), "drawn"] as const;

export const dataGalleryOptions = {
  dataset: choice(galleryDatasets, MODEL_DATASET, "the data: a registered dataset, or drawn (the points you draw)"),
  n: integer(200, "training points N (and as many fresh data points, model samples and copies)", {min: 5, max: 500}),
  noise: number(0.1, "noise of scikit-learn's make_moons (dataset moons only; other recipes keep their own)", {
    min: 0,
    max: 0.3,
    step: 0.01
  }),
  points: text("", `drawn points "x,y x,y …" in data units, at most ${MAX_POINTS} used (dataset: drawn)`, 16_000),
  seed: seed()
};

export type DataGalleryOptions = Values<typeof dataGalleryOptions>;
