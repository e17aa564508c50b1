/**
 * Datasets by name. Names are kebab-case and say whose recipe they follow; three short aliases name the usual
 * defaults: `moons` (sklearn make_moons(noise=0.1), unscaled: the 1.008-nat floor used by the NF examples),
 * `8gaussians` (TorchCFM's sample_8gaussians) and `checkerboard` (FFJORD's).
 */
import {registry} from "../registry.ts";
import {checkerboard} from "./checkerboard.ts";
import {curveLogDensity} from "./curve-density.ts";
import type {Dataset2D} from "./dataset.ts";
import * as ffjord from "./ffjord.ts";
import {gaussianMixture} from "./gaussian-mixture.ts";
import {CURVE_ENTROPY, CURVE_ENTROPY_ERROR, CURVE_ENTROPY_METHOD, moonsCurve} from "./sklearn-curves.ts";
import {makeMoons} from "./sklearn.ts";
import * as torchcfm from "./torchcfm.ts";

/** make_moons(noise=0.1) as returned by sklearn: the flow_matching CNF notebook, nflows and normflows examples. */
export const sklearnMoons: Dataset2D = {
  name: "sklearn-moons",
  description: "sklearn make_moons(noise=0.1), unscaled (flow_matching CNF notebook, nflows, normflows)",
  entropy: CURVE_ENTROPY.moons01,
  entropyError: CURVE_ENTROPY_ERROR,
  entropyMethod: CURVE_ENTROPY_METHOD,
  logDensity: curveLogDensity(moonsCurve(0.1)),
  extent: [-1.75, 2.75, -1.25, 1.75],
  sample: (n, rng) => makeMoons(n, 0.1, rng)
};

export const fmCheckerboard = checkerboard(
  1 / 0.45,
  "fm-checkerboard",
  "facebookresearch/flow_matching checkerboard: the FFJORD recipe ÷0.45, density 0.45²/8 = 0.0253"
);

/** N(0, I₂): entropy 1 + ln 2π = 2.838 nats. */
export const standardNormal = gaussianMixture({
  name: "normal",
  description: "standard normal N(0, I₂)",
  means: [[0, 0]],
  extent: [-4.5, 4.5, -4.5, 4.5]
});

const all: readonly Dataset2D[] = [
  ffjord.ffjord8Gaussians,
  ffjord.ffjordCheckerboard,
  ffjord.ffjordMoons,
  ffjord.ffjordCircles,
  ffjord.ffjordRings,
  ffjord.ffjordSwissroll,
  ffjord.ffjordPinwheel,
  ffjord.ffjord2Spirals,
  ffjord.ffjordLine,
  ffjord.ffjordCos,
  sklearnMoons,
  torchcfm.torchcfm8Gaussians,
  torchcfm.torchcfmMoons,
  torchcfm.runnerMoons,
  torchcfm.runnerSCurve,
  torchcfm.runnerCircles,
  torchcfm.runnerGaussians,
  torchcfm.dsbMoon,
  torchcfm.dsb8Gaussians,
  fmCheckerboard,
  standardNormal
];

/** Short names for the defaults. */
export const datasetAliases: Readonly<Record<string, string>> = {
  moons: "sklearn-moons",
  "8gaussians": "torchcfm-8gaussians",
  checkerboard: "ffjord-checkerboard"
};

/** Every dataset by name and alias. */
export const datasets = registry(
  "dataset",
  all.map((d) => [d.name, d] as const),
  datasetAliases
);

/** The dataset registered under `name` (or an alias); throws a RangeError listing the names otherwise. */
export function dataset(name: string): Dataset2D {
  return datasets.get(name);
}

/** Registered names in registry order, without aliases. */
export function datasetNames(): string[] {
  return [...datasets.names];
}

/** Resolves a dataset given by name or passes an object implementing the protocol through. */
export function maybeDataset(d: string | Dataset2D): Dataset2D {
  return typeof d === "string" ? dataset(d) : d;
}
