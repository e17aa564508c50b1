/**
 * The options of the fm-regression task (fm-regression.ts), in a module of their own so that a page can show and
 * check them without loading the training code, with the layout of its frames (times and grids), which a page
 * needs to draw them.
 */
import {mogPresetNames} from "../data/mog-presets.ts";
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

export const fmRegressionOptions = {
  mixture: choice(mogPresetNames, "eight-modes", "the Gaussian-mixture target at t = 1"),
  lr: number(1e-2, "peak Adam learning rate (a cosine decays it to 5% by the last step)", {min: 1e-5, max: 1}),
  steps: integer(1000, "training steps", {min: 10, max: 50_000}),
  seed: seed()
};

export type FmRegressionOptions = Values<typeof fmRegressionOptions>;

/** The times the error is shown at (the demo's t slider steps through them). */
export const TIMES: readonly number[] = Array.from({length: 20}, (_, k) => k / 20);
/** The view [xmin, xmax, ymin, ymax], the error grid's cells per side and the arrow grid's. */
export const EXTENT = [-4.5, 4.5, -4.5, 4.5] as const;
export const HEAT = 30;
export const ARROWS = 11;

/** Cell centres of an n × n grid over EXTENT, [n², 2], rows from the bottom. */
export function gridPoints(n: number): Float64Array {
  const out = new Float64Array(2 * n * n);
  const [x0, x1, y0, y1] = EXTENT;
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      out[2 * (iy * n + ix)] = x0 + ((ix + 0.5) * (x1 - x0)) / n;
      out[2 * (iy * n + ix) + 1] = y0 + ((iy + 0.5) * (y1 - y0)) / n;
    }
  }
  return out;
}
