/**
 * The Gaussian-mixture target shared by the path-comparison tasks (diffusion-paths, few-step): three modes of unequal
 * weight on a circle of radius 2.2, small enough that N(0, I) and the data overlap a little, so the marginal
 * trajectories visibly bend as they split between the modes.
 */
import {gaussianMixture} from "../data/gaussian-mixture.ts";

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
