/**
 * The options of the cfm-floor task (cfm-floor.ts), in a module of their own so that a page can show and check them
 * without loading the training code.
 */
import type {GaussianMixture} from "../data/gaussian-mixture.ts";
import {dataset} from "../data/registry.ts";
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

/** Gaussian-mixture targets, whose marginal field and floor are closed-form. */
export const cfmFloorTargets = ["ffjord-8gaussians", "torchcfm-8gaussians", "normal"] as const;

export const cfmFloorOptions = {
  dataset: choice(cfmFloorTargets, "ffjord-8gaussians", "the Gaussian-mixture data q"),
  sigma: number(0.05, "σ_min of the path: the width of p₁(x | x₁) = N(x₁, σ_min² I)", {min: 0.01, max: 1, step: 0.01}),
  steps: integer(800, "training steps", {min: 10, max: 20_000}),
  batch: integer(256, "pairs per step", {min: 16, max: 1024}),
  seed: seed()
};

export type CfmFloorOptions = Values<typeof cfmFloorOptions>;

/** The mixture of a target name (every choice of the options is one). */
export function floorMixture(name: string): GaussianMixture {
  const q = dataset(name) as Partial<GaussianMixture>;
  if (!(q.weights && q.means && q.covs)) throw new RangeError(`invalid dataset: ${name} (not a gaussian mixture)`);
  return q as GaussianMixture;
}
