import type {VelocityField} from "../fields/field.ts";
import type {BaseDensity} from "./base.ts";
import {logDensity, type LogDensityOptions} from "./log-density.ts";

export interface DensityGridOptions extends LogDensityOptions {
  /** [xmin, xmax, ymin, ymax] of the picture. @defaultValue [-4, 4, -4, 4] */
  extent?: readonly [number, number, number, number];
  /** Pixels per side, or [columns, rows]. @defaultValue 64 */
  size?: number | readonly [number, number];
}

const defaults = {extent: [-4, 4, -4, 4] as const, size: 64};

/** A log-density image: pixel (i, j) is the centre x_i, y_j, stored at j·width + i, with y increasing with j. */
export interface DensityGrid {
  width: number;
  height: number;
  extent: readonly [number, number, number, number];
  /** log p1 at each pixel centre (width·height). */
  logp: Float64Array;
  /** Riemann sum of p1 over the pixels: ≈ 1 when the extent holds the whole mass. */
  mass: number;
  nfe: number;
}

/** log p1 on a pixel grid, every pixel's backward solve batched into one (for heatmaps of a flow's density). */
export function densityGrid(field: VelocityField, base: BaseDensity, options: DensityGridOptions = {}): DensityGrid {
  const o = {...defaults, ...options};
  const [width, height] = typeof o.size === "number" ? [o.size, o.size] : o.size;
  const [x0, x1, y0, y1] = o.extent;
  if (!(Number.isInteger(width) && width >= 1 && Number.isInteger(height) && height >= 1)) {
    throw new RangeError(`invalid size: ${String(o.size)}`);
  }
  if (!(x1 > x0 && y1 > y0)) throw new RangeError(`invalid extent: [${o.extent.join(",")}]`);
  const dx = (x1 - x0) / width;
  const dy = (y1 - y0) / height;
  const points = new Float64Array(2 * width * height);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      points[2 * (j * width + i)] = x0 + (i + 0.5) * dx;
      points[2 * (j * width + i) + 1] = y0 + (j + 0.5) * dy;
    }
  }
  const {logp, nfe} = logDensity(field, base, points, width * height, o);
  const mass = logp.reduce((s, v) => s + Math.exp(v), 0) * dx * dy;
  return {width, height, extent: o.extent, logp, mass, nfe};
}
