/**
 * The options of the flow-hero task (flow-hero.ts), in a module of their own so that a page can show and check them
 * without loading the task's engine code.
 */
import {datasetAliases, datasetNames} from "../data/registry.ts";
import {choice, integer, seed, text, type Values} from "../options/schema.ts";
import {MAX_POINTS} from "./hero-target.ts";

const datasets = [...Object.keys(datasetAliases), ...datasetNames()];

export const flowHeroOptions = {
  target: choice(["dataset", "word", "points"], "dataset", "what the particles flow to"),
  dataset: choice(datasets, "moons", "the target dataset (target: dataset)"),
  word: text("FM", "the word the particles spell (target: word)", 12),
  points: text("", `drawn points "x,y x,y …" in data units, at most ${MAX_POINTS} used (target: points)`, 16_000),
  n: integer(5000, "particles", {min: 1, max: 20_000}),
  steps: integer(50, "time steps K of the path", {min: 2, max: 200}),
  seed: seed()
};

export type FlowHeroOptions = Values<typeof flowHeroOptions>;
