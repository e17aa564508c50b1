/**
 * Small 2D Gaussian mixtures for demos whose field is known in closed form (engine/fm/marginal.ts): every mode lies
 * within [−4, 4]², so an N(0, I) source and the target share one view. Two symmetric modes, eight modes on a ring
 * (the classic toy), and three uneven, tilted modes (unequal weights and correlated covariances, so nothing about the
 * field is symmetric).
 */
import {gaussianMixture, type GaussianMixture} from "./gaussian-mixture.ts";

const ring = Array.from({length: 8}, (_, k) => {
  const angle = (2 * Math.PI * k) / 8;
  return [3 * Math.cos(angle), 3 * Math.sin(angle)] as const;
});

/** The presets by name. */
export const mogPresets = {
  "two-modes": gaussianMixture({
    name: "two-modes",
    description: "two equal modes at ±(2, 1.5), variance 0.3",
    means: [
      [-2, -1.5],
      [2, 1.5]
    ],
    cov: 0.3
  }),
  "eight-modes": gaussianMixture({
    name: "eight-modes",
    description: "eight equal modes on a circle of radius 3, std 0.3",
    means: ring,
    cov: 0.09
  }),
  "uneven-three": gaussianMixture({
    name: "uneven-three",
    description: "three modes of weights 0.5, 0.3, 0.2 with tilted covariances",
    weights: [0.5, 0.3, 0.2],
    means: [
      [-2.2, -1.8],
      [2.4, -1.2],
      [0, 2.6]
    ],
    covs: [
      [0.5, 0.3, 0.3, 0.4],
      [0.15, 0, 0, 0.6],
      [0.3, -0.2, -0.2, 0.3]
    ]
  })
} as const satisfies Record<string, GaussianMixture>;

export type MogPresetName = keyof typeof mogPresets;

/** The preset names, in declaration order. */
export const mogPresetNames = Object.keys(mogPresets) as MogPresetName[];

/** The preset of a name; a RangeError lists the names otherwise. */
export function mogPreset(name: string): GaussianMixture {
  if (!Object.hasOwn(mogPresets, name)) {
    throw new RangeError(`unknown mixture preset: ${name} (one of ${mogPresetNames.join(", ")})`);
  }
  return mogPresets[name as MogPresetName];
}
