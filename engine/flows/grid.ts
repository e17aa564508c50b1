/** Densities of a flow on a regular grid (heatmaps) and their Riemann integral (a normalisation check). */
import type {Extent} from "../data/dataset.ts";
import type {Flow} from "./flow.ts";

export interface DensityGrid {
  /** Cells per side along x and y. */
  nx: number;
  ny: number;
  extent: Extent;
  /** Density (not log) at cell centres, row-major with y rows from ymin up: values[iy·nx + ix]. */
  values: Float64Array;
  /** Cell area Δx·Δy. */
  cellArea: number;
}

/** The flow's density at the centres of an nx × ny grid over extent [xmin, xmax, ymin, ymax], in batches. */
export function densityGrid(f: Flow, extent: Extent, nx: number, ny = nx, batch = 4096): DensityGrid {
  if (!(Number.isInteger(nx) && nx >= 1 && Number.isInteger(ny) && ny >= 1)) {
    throw new RangeError(`invalid grid size: ${nx}x${ny}`);
  }
  const [x0, x1, y0, y1] = extent;
  const dx = (x1 - x0) / nx;
  const dy = (y1 - y0) / ny;
  const total = nx * ny;
  const values = new Float64Array(total);
  for (let start = 0; start < total; start += batch) {
    const m = Math.min(batch, total - start);
    const pts = new Float64Array(2 * m);
    for (let k = 0; k < m; k++) {
      const c = start + k;
      pts[2 * k] = x0 + ((c % nx) + 0.5) * dx;
      pts[2 * k + 1] = y0 + (Math.floor(c / nx) + 0.5) * dy;
    }
    const logp = f.logDensity(new Float64Array(m), pts, m);
    for (let k = 0; k < m; k++) values[start + k] = Math.exp(logp[k]!);
  }
  return {nx, ny, extent, values, cellArea: dx * dy};
}

/** Σ p · ΔxΔy: close to 1 when the extent holds the mass and the grid resolves the density. */
export function gridMass(g: DensityGrid): number {
  let s = 0;
  for (const v of g.values) s += v;
  return s * g.cellArea;
}
