/**
 * The shapes of data every layer takes, as the engine gives them (no copies): points as flat row-major [n, 2] arrays,
 * and grids of values at cell centres (the shape of engine/flows/grid.ts `DensityGrid`).
 */

/** Points as a flat row-major [n, 2] array: x of point i at 2i, y at 2i + 1. */
export type Points = Float32Array | Float64Array;

/** [xmin, xmax, ymin, ymax]. */
export type Extent = readonly [number, number, number, number];

/**
 * Values at the centres of nx × ny cells over `extent`, row-major with rows from ymin up: the value of cell (ix, iy)
 * is at `values[iy·nx + ix]` (or, for a vector field, its two components at `2(iy·nx + ix)` and the next index).
 */
export interface Grid {
  readonly nx: number;
  readonly ny: number;
  readonly extent: Extent;
  readonly values: ArrayLike<number>;
}

/** The number of points in `points`, checked to be whole. */
export function pointCount(points: Points, name = "points"): number {
  if (points.length % 2 !== 0) throw new RangeError(`invalid ${name}: ${points.length} values (an [n, 2] array)`);
  return points.length / 2;
}

/** Checks that `grid.values` holds `per` numbers per cell. */
export function checkGrid(grid: Grid, per: 1 | 2, name = "grid"): void {
  const {nx, ny, values} = grid;
  if (!(Number.isInteger(nx) && nx >= 1 && Number.isInteger(ny) && ny >= 1)) {
    throw new RangeError(`invalid ${name} size: ${nx}x${ny} (positive integers)`);
  }
  if (values.length !== per * nx * ny) {
    throw new RangeError(`invalid ${name}: ${values.length} values for ${nx}x${ny} cells (expected ${per * nx * ny})`);
  }
}

/** The indices 0, 1, …, n - 1 (Plot marks take an index and read the typed arrays through accessors). */
export function range(n: number): number[] {
  return Array.from({length: n}, (_, i) => i);
}

/** The box holding every point of `clouds`, widened on each side by `pad` times its longer side. */
export function paddedExtent(clouds: readonly Points[], pad = 0.08): Extent {
  const e = [Infinity, -Infinity, Infinity, -Infinity];
  for (const points of clouds) {
    for (let i = 0; i < points.length; i += 2) {
      e[0] = Math.min(e[0]!, points[i]!);
      e[1] = Math.max(e[1]!, points[i]!);
      e[2] = Math.min(e[2]!, points[i + 1]!);
      e[3] = Math.max(e[3]!, points[i + 1]!);
    }
  }
  const margin = pad * Math.max(e[1]! - e[0]!, e[3]! - e[2]!);
  return [e[0]! - margin, e[1]! + margin, e[2]! - margin, e[3]! + margin];
}
