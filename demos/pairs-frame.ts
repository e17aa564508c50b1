/**
 * What the `pairs` demo draws besides its batch: the conditional-target variance on a grid at the state's time (a
 * closed form, cheap enough for the page). The batch itself (points, pairings, marginal traces, crossings) is the pairs
 * task's (engine/tasks/pairs-batch.ts), re-exported here for the demo, its tests and the `bridge` demo.
 */
import type {MarginalField} from "../engine/fm/marginal.ts";
import type {Extent, Grid} from "./layers/index.ts";

export {
  type Crossing,
  crossingsOf,
  energyOf,
  integrateTraces,
  pairsBatch,
  type PairsBatch,
  type PairsInput,
  type Preset,
  presetExtent,
  presetField,
  presetMixtures,
  TRACE_COUNT,
  TRACE_STEPS
} from "../engine/tasks/pairs-batch.ts";

/** Cells of the variance grid along x (y keeps square cells). */
export const VARIANCE_NX = 40;

/** tr Var[x₁ − x₀ | x_t = x] on a grid over the extent at time t (the irreducible part of the regression). */
export function varianceGrid(field: MarginalField, extent: Extent, t: number): Grid {
  const [x0, x1, y0, y1] = extent;
  const nx = VARIANCE_NX;
  const ny = Math.max(1, Math.round((nx * (y1 - y0)) / (x1 - x0)));
  const points = new Float64Array(2 * nx * ny);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      points[2 * (iy * nx + ix)] = x0 + ((ix + 0.5) * (x1 - x0)) / nx;
      points[2 * (iy * nx + ix) + 1] = y0 + ((iy + 0.5) * (y1 - y0)) / ny;
    }
  }
  const values = new Float64Array(nx * ny);
  field.targetVariance(values, points, nx * ny, t);
  return {nx, ny, extent, values};
}
