/**
 * The Gaussian-mixture targets of the path-comparison tasks (diffusion-paths, few-step): three modes of unequal
 * weight on a circle of radius 2.2, small enough that N(0, I) and the data overlap a little, so the marginal
 * trajectories visibly bend as they split between the modes; and two single Gaussians, N(m, I) (the CondOT marginal
 * flow is then a translation, straight at constant speed) and N(m, 0.5² I) (straight lines, but not at constant speed).
 */
import {gaussianMixture, type GaussianMixture} from "../data/gaussian-mixture.ts";

const R = 2.2;
const angles = [0, (2 * Math.PI) / 3, (4 * Math.PI) / 3];

export const pathTarget = gaussianMixture({
  name: "three-modes",
  description: "three Gaussian modes (weights ½, ¼, ¼, std 0.25) on a circle of radius 2.2",
  weights: [2, 1, 1],
  means: angles.map((a) => [R * Math.cos(a), R * Math.sin(a)] as const),
  cov: 0.0625,
  extent: [-3, 3, -3, 3]
});

const shift: [number, number] = [1.5, 1];

/** The targets by name. */
export const pathTargets: Readonly<Record<"three-modes" | "shifted-normal" | "narrow-normal", GaussianMixture>> = {
  "three-modes": pathTarget,
  "shifted-normal": gaussianMixture({name: "shifted-normal", means: [shift], cov: 1}),
  "narrow-normal": gaussianMixture({name: "narrow-normal", means: [shift], cov: 0.25})
};

export const pathTargetNames = Object.keys(pathTargets) as (keyof typeof pathTargets)[];
