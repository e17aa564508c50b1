/**
 * density-two-ways: the density of x = f(z), z ~ N(0, I), computed two independent ways on one pixel grid (deck 2,
 * D2.5): (a) a Gaussian kernel density estimate of n pushed samples, and (b) the change of variables per pixel,
 * z = f⁻¹(x) then p_Z(z)/|det J_f(z)|. The samples arrive in chunks, so the frames show the KDE settling onto the
 * formula as n grows, with the largest |a − b| printed at each frame.
 *
 * The KDE is binned: each sample's unit weight is shared linearly between the four nearest pixel centres, and the
 * counts are convolved with the Gaussian kernel along rows and then columns (exact for a Gaussian kernel, up to the
 * binning, whose error is O(cell²)). Samples beyond the outermost pixel centres are left out.
 */
import {planeMap, pushedLogDensity, type PlaneMap} from "../flows/plane-maps.ts";
import {rng} from "../random.ts";
import {densityTwoWaysOptions, type DensityTwoWaysOptions} from "./density-two-ways-options.ts";
import type {EngineTask, Job} from "./task.ts";

/** Both densities are drawn on the plane [−4, 4]² (the pushed Gaussian's mass is inside it for every preset). */
export const DENSITY_EXTENT = [-4, 4, -4, 4] as const;
/** The KDE is refreshed after each of this many chunks of samples (it settles visibly while the viewer looks). */
export const CHUNKS = 40;
/** Pause between two chunks, in ms, so the settling is seen (about 1 s in all). */
const CHUNK_PAUSE_MS = 25;

export type DensityTwoWaysFrame = {
  /** [xmin, xmax, ymin, ymax]. */
  extent: Float64Array;
  grid: number;
  /** (b) The formula p_Z(f⁻¹(x))/|det J_f(f⁻¹(x))| at the pixel centres, rows from ymin up. */
  formula: Float64Array;
  /** (a) The KDE of the samples pushed so far, same pixels. */
  kde: Float64Array;
  /** Samples behind the KDE so far, and the target n. */
  count: number;
  n: number;
  /** max |kde − formula| over the pixels. */
  maxDifference: number;
  /** Σ formula · pixel area: the formula's mass inside the extent (≈ 1). */
  mass: number;
};

export const densityTwoWays: EngineTask<typeof densityTwoWaysOptions, DensityTwoWaysFrame> = {
  name: "density-two-ways",
  options: densityTwoWaysOptions,
  start: (options) => densityTwoWaysJob(options)
};

/** The formula's density at every pixel centre of a grid × grid raster over DENSITY_EXTENT. */
export function formulaGrid(f: PlaneMap, grid: number): Float64Array {
  const [x0, x1, y0, y1] = DENSITY_EXTENT;
  const out = new Float64Array(grid * grid);
  for (let j = 0; j < grid; j++) {
    const y = y0 + ((j + 0.5) * (y1 - y0)) / grid;
    for (let i = 0; i < grid; i++)
      out[j * grid + i] = Math.exp(pushedLogDensity(f, x0 + ((i + 0.5) * (x1 - x0)) / grid, y).logPx);
  }
  return out;
}

/** Adds a unit weight at (x, y) to the four nearest pixel centres (linear binning). */
export function binLinear(counts: Float64Array, grid: number, x: number, y: number): void {
  const [x0, x1, y0, y1] = DENSITY_EXTENT;
  const u = ((x - x0) * grid) / (x1 - x0) - 0.5;
  const v = ((y - y0) * grid) / (y1 - y0) - 0.5;
  if (!(u >= 0 && v >= 0 && u <= grid - 1 && v <= grid - 1)) return;
  const [i, j] = [Math.min(Math.floor(u), grid - 2), Math.min(Math.floor(v), grid - 2)];
  const [a, b] = [u - i, v - j];
  counts[j * grid + i]! += (1 - a) * (1 - b);
  counts[j * grid + i + 1]! += a * (1 - b);
  counts[(j + 1) * grid + i]! += (1 - a) * b;
  counts[(j + 1) * grid + i + 1]! += a * b;
}

/** The KDE from binned counts of `count` samples: a separable Gaussian convolution of the counts. */
export function kdeFromCounts(counts: Float64Array, grid: number, count: number, bandwidth: number): Float64Array {
  const cell = (DENSITY_EXTENT[1] - DENSITY_EXTENT[0]) / grid;
  const reach = Math.ceil((4 * bandwidth) / cell);
  const kernel = Float64Array.from({length: 2 * reach + 1}, (_, k) => {
    const d = (k - reach) * cell;
    return Math.exp((-0.5 * d * d) / (bandwidth * bandwidth)) / (Math.sqrt(2 * Math.PI) * bandwidth);
  });
  const rows = new Float64Array(grid * grid);
  const out = new Float64Array(grid * grid);
  const scale = count > 0 ? 1 / count : 0;
  for (let j = 0; j < grid; j++)
    for (let i = 0; i < grid; i++) {
      let s = 0;
      for (let k = -reach; k <= reach; k++)
        if (i + k >= 0 && i + k < grid) s += kernel[k + reach]! * counts[j * grid + i + k]!;
      rows[j * grid + i] = s;
    }
  for (let j = 0; j < grid; j++)
    for (let i = 0; i < grid; i++) {
      let s = 0;
      for (let k = -reach; k <= reach; k++)
        if (j + k >= 0 && j + k < grid) s += kernel[k + reach]! * rows[(j + k) * grid + i]!;
      out[j * grid + i] = s * scale;
    }
  return out;
}

/** The job: the formula once, then the samples in `chunks` chunks, a frame after each. */
export function densityTwoWaysJob(o: DensityTwoWaysOptions, chunks = CHUNKS): Job<DensityTwoWaysFrame> {
  const f = planeMap(o.map, o.strength);
  const {grid, n} = o;
  const random = rng(o.seed);
  const counts = new Float64Array(grid * grid);
  const chunk = Math.ceil(n / chunks);
  const cellArea = ((DENSITY_EXTENT[1] - DENSITY_EXTENT[0]) / grid) ** 2;
  let formula: Float64Array | undefined;
  let mass = 0;
  let count = 0;
  return {
    run() {
      if (!formula) {
        formula = formulaGrid(f, grid);
        for (const v of formula) mass += v * cellArea;
      }
      const end = Math.min(n, count + chunk);
      for (; count < end; count++) {
        const [x, y] = f.map(random.normal(), random.normal());
        binLinear(counts, grid, x, y);
      }
      const kde = kdeFromCounts(counts, grid, count, o.bandwidth);
      let maxDifference = 0;
      for (let i = 0; i < kde.length; i++) maxDifference = Math.max(maxDifference, Math.abs(kde[i]! - formula[i]!));
      const frame: DensityTwoWaysFrame = {
        extent: Float64Array.from(DENSITY_EXTENT),
        grid,
        formula: Float64Array.from(formula),
        kde,
        count,
        n,
        maxDifference,
        mass
      };
      const done = count >= n;
      return done ? {frame, done} : {frame, done, idleMs: CHUNK_PAUSE_MS};
    }
  };
}

/** The whole computation at once (the demo's static view, and tests): the job's last frame, in one chunk. */
export function densityTwoWaysFrame(o: DensityTwoWaysOptions): DensityTwoWaysFrame {
  const job = densityTwoWaysJob(o, 1);
  for (;;) {
    const slice = job.run(Infinity);
    if (slice.done) return slice.frame!;
  }
}
