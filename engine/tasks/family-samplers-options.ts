/**
 * The options of the family-samplers task (family-samplers.ts), in a module of their own so that a page can show and
 * check them without loading the task's engine code.
 */
import {integer, seed, type Values} from "../options/schema.ts";

/** The eight families of deck 1's taxonomy table, in its row order. */
export const FAMILIES = ["gan", "vae", "autoregressive", "flow", "energy", "diffusion", "cnf", "fm"] as const;
export type Family = (typeof FAMILIES)[number];

export const familySamplersOptions = {
  n: integer(300, "particles each sampler draws (the W2 to held-out moons uses all of them)", {min: 50, max: 1000}),
  seed: seed()
};

export type FamilySamplersOptions = Values<typeof familySamplersOptions>;
