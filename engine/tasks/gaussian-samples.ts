/**
 * The smallest real task: samples of an isotropic 2D Gaussian N(0, σ²I), drawn with the engine's seeded generator,
 * in one slice and one frame. It lets the worker be exercised end to end in a browser.
 */
import {integer, number, seed} from "../options/schema.ts";
import {rng} from "../random.ts";
import type {EngineTask, Job} from "./task.ts";

const options = {
  n: integer(500, "number of samples", {min: 0, max: 20000}),
  seed: seed(1),
  sigma: number(1, "standard deviation of both coordinates", {min: 0.05, max: 3, step: 0.05})
};

/** Samples as a flat row-major `[n, 2]` array. */
export interface GaussianSamplesFrame {
  [key: string]: unknown;
  n: number;
  points: Float64Array;
}

/** `gaussian-samples`: one frame `{n, points}`, then done. */
export const gaussianSamples: EngineTask<typeof options, GaussianSamplesFrame> = {
  name: "gaussian-samples",
  options,
  start({n, seed, sigma}): Job<GaussianSamplesFrame> {
    return {
      run() {
        const points = new Float64Array(2 * n);
        rng(seed).fillNormal(points);
        for (let i = 0; i < points.length; i++) points[i]! *= sigma;
        return {frame: {n, points}, done: true};
      }
    };
  }
};
