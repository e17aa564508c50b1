import * as Plot from "@observablehq/plot";
import {boolean, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {figure, particles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  n: integer(500, "number of samples (0 draws empty axes)", {min: 0, max: 20000}),
  seed: seed(1),
  sigma: number(1, "standard deviation of both coordinates", {min: 0.05, max: 3, step: 0.05})
};

const state = {
  label: boolean(true, "show the number of samples and their mean")
};

/** Options of `gaussian-samples`. */
export type GaussianSamplesOptions = Values<typeof options>;
/** State of `gaussian-samples`. */
export type GaussianSamplesState = Values<typeof state>;

/** Samples as a flat row-major `[n, 2]` array. */
export interface GaussianSamplesFrame {
  n: number;
  points: Float64Array;
}

/** Half-width of the plotted square: 4 standard deviations of the standard normal. */
const EXTENT = 4;

/**
 * Samples of an isotropic 2D Gaussian N(0, σ²I), drawn by the engine with `rng(seed)` on the page (cheap: no worker
 * task), shown as a scatter plot.
 */
export const gaussianSamples: DemoSpec<typeof options, typeof state, GaussianSamplesFrame> = {
  id: "gaussian-samples",
  description: "samples of a 2D Gaussian N(0, σ²I) drawn with the engine's seeded generator",
  options,
  state,
  controls: ["n", "seed", "sigma", "label"],
  examples: [
    {name: "narrow", options: {n: "300", sigma: "0.4", seed: "3"}},
    {name: "wide, unlabelled", options: {n: "200", sigma: "2"}, state: {label: "false"}}
  ],
  snapshot({n, seed, sigma}) {
    const points = new Float64Array(2 * n);
    rng(seed).fillNormal(points);
    for (let i = 0; i < points.length; i++) points[i]! *= sigma;
    return {n, points};
  },
  render(frame, _options, {label}) {
    const {n, points} = frame ?? {n: 0, points: new Float64Array(0)};
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += points[2 * i]! / n;
      my += points[2 * i + 1]! / n;
    }
    return figure({
      label: `${n} samples of a 2D Gaussian`,
      size: "square",
      equal: true,
      x: {domain: [-EXTENT, EXTENT], label: "x₁"},
      y: {domain: [-EXTENT, EXTENT], label: "x₂"},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        particles(points, {n, color: "source", r: 2.2, opacity: 0.6}),
        label
          ? Plot.text([n > 0 ? `n = ${n}, mean (${mx.toFixed(2)}, ${my.toFixed(2)})` : "n = 0"], {
              frameAnchor: "top-left",
              dx: 8,
              dy: 8,
              fontSize: 20
            })
          : null
      ]
    });
  },
  describe(frame, {sigma}) {
    return `${frame?.n ?? 0} samples of a 2D Gaussian with standard deviation ${sigma}`;
  }
};

export default gaussianSamples;
