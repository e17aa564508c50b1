import * as Plot from "@observablehq/plot";
import {rng} from "../engine/random.ts";
import {checkInteger, checkRange} from "./runtime/options.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** Options of `gaussian-samples`. */
export interface GaussianSamplesOptions {
  [key: string]: number;
  /** Number of samples, 0 to 20000 (0 draws empty axes). @defaultValue 500 */
  n: number;
  /** Seed of the engine's generator; the same seed draws the same points. @defaultValue 1 */
  seed: number;
  /** Standard deviation of both coordinates, 0.05 to 3. @defaultValue 1 */
  sigma: number;
}

/** Samples as a flat row-major `[n, 2]` array. */
export interface GaussianSamplesFrame {
  n: number;
  points: Float64Array;
}

/** Half-width of the plotted square: 4 standard deviations of the standard normal. */
const EXTENT = 4;

/** Samples of an isotropic 2D Gaussian N(0, σ²I), drawn by the engine with `rng(seed)`, shown as a scatter plot. */
export const gaussianSamples: DemoSpec<GaussianSamplesOptions, GaussianSamplesFrame> = {
  id: "gaussian-samples",
  description: "samples of a 2D Gaussian N(0, σ²I) drawn with the engine's seeded generator",
  defaults: {n: 500, seed: 1, sigma: 1},
  check({n, seed, sigma}) {
    checkInteger("n", n, 0, 20000);
    checkInteger("seed", seed, 0, 2 ** 32 - 1);
    checkRange("sigma", sigma, 0.05, 3);
  },
  compute({n, seed, sigma}) {
    const points = new Float64Array(2 * n);
    rng(seed).fillNormal(points);
    for (let i = 0; i < points.length; i++) points[i]! *= sigma;
    return {n, points};
  },
  render({n, points}) {
    const index = Array.from({length: n}, (_, i) => i);
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += points[2 * i]! / n;
      my += points[2 * i + 1]! / n;
    }
    return Plot.plot({
      width: 440,
      height: 440,
      style: {color: palette.ink, background: "transparent", fontSize: "15px"},
      x: {domain: [-EXTENT, EXTENT], label: "x₁"},
      y: {domain: [-EXTENT, EXTENT], label: "x₂"},
      marks: [
        Plot.frame({stroke: palette.ink, strokeOpacity: 0.3}),
        Plot.dot(index, {
          x: (i: number) => points[2 * i],
          y: (i: number) => points[2 * i + 1],
          r: 1.8,
          fill: palette.accent,
          fillOpacity: 0.55
        }),
        Plot.text([n > 0 ? `n = ${n}, mean (${mx.toFixed(2)}, ${my.toFixed(2)})` : "n = 0"], {
          frameAnchor: "top-left",
          dx: 6,
          dy: 6
        })
      ]
    });
  }
};
