/**
 * What the fm-preview task (fm-preview.ts) and its demo both draw, in a light module the page can load without the
 * network or the sampler: the box and arrow grid of the picture, and the random training pairs of a seed.
 */
import {maybeDataset} from "../data/registry.ts";
import {rng} from "../random.ts";

/** The data every shipped model was trained on (engine/weights/shipped.ts SHIPPED_TARGET). */
export const PREVIEW_TARGET = "torchcfm-moons";
/** Random (x₀, x₁) pairs drawn per seed, of which the slide shows a chosen number. */
export const PREVIEW_PAIRS = 100;
/** The box the picture covers (the moons and the bulk of N(0, I)): [xmin, xmax, ymin, ymax]. */
export const PREVIEW_BOX = [-4.8, 6.2, -3.5, 3.5] as const;
/** Arrow grid size [nx, ny]. */
export const PREVIEW_GRID = [20, 13] as const;

/** The random training pairs of a seed: x₀ ~ N(0, I) and x₁ ~ moons drawn independently, [count, 4] as x₀, x₁. */
export function previewPairs(seed: number, count: number = PREVIEW_PAIRS): Float32Array {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`invalid count: ${count} (a whole number)`);
  const random = rng(seed);
  // The moons recipe lays its points out along the arcs in order: shuffled, any first few pairs cover both moons.
  const x1 = maybeDataset(PREVIEW_TARGET).sample(count, random);
  const order = random.permutation(count);
  const out = new Float32Array(4 * count);
  for (let i = 0; i < count; i++) {
    out[4 * i] = random.normal();
    out[4 * i + 1] = random.normal();
    out[4 * i + 2] = x1[2 * order[i]!]!;
    out[4 * i + 3] = x1[2 * order[i]! + 1]!;
  }
  return out;
}

/** The centres of the arrow grid's cells, [nx·ny, 2], rows from the bottom up (the order of demos/layers' Grid). */
export function gridPoints(box: readonly number[] = PREVIEW_BOX, size: readonly number[] = PREVIEW_GRID): Float64Array {
  const [nx, ny] = size as [number, number];
  const [x0, x1, y0, y1] = box as [number, number, number, number];
  const out = new Float64Array(2 * nx * ny);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      out[2 * (iy * nx + ix)] = x0 + ((ix + 0.5) * (x1 - x0)) / nx;
      out[2 * (iy * nx + ix) + 1] = y0 + ((iy + 0.5) * (y1 - y0)) / ny;
    }
  }
  return out;
}
