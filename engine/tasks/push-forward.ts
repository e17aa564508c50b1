/**
 * push-forward: a Gaussian p₀ carried by a preset field (lecture D3.4), p_t = [φ_t]# p₀ at t = k / SLICES. For the
 * linear presets p_t is the closed form N(e^{tA} μ₀, e^{tA} Σ₀ e^{tA}ᵀ) (linearField.pushGaussian); for the others
 * each pixel is carried back by φ_t⁻¹ and the log-det added (engine/cnf pushedDensity, i.e. logDensity with `t`), one
 * time slice after another, streamed. Every frame also has the particles (samples of p₀ pushed by φ_t) and the warped
 * grid at every slice, computed at the start.
 */
import {normalBase} from "../cnf/base.ts";
import {pushedDensity} from "../cnf/pushed-density.ts";
import {flowPaths} from "../fields/flow-points.ts";
import {linearField} from "../fields/linear.ts";
import {normalLogDensity} from "../fields/normal.ts";
import {fieldPreset, type FieldPreset} from "../fields/presets.ts";
import {rng} from "../random.ts";
import {
  GRID_SIZE,
  P0_COV,
  P0_MEAN,
  pushForwardOptions,
  pushStrength,
  SLICES,
  STEPS_PER_UNIT,
  type PushForwardOptions
} from "./push-forward-options.ts";
import type {Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

/** The plane of every deck-3 field figure (demos/fields/presets.ts FIELD_EXTENT). */
export const EXTENT = [-3, 3, -3, 3] as const;
/** Lines per direction and points per line of the warped grid. */
const GRID_LINES = 11;
const GRID_POINTS = 31;

export type PushForwardFrame = {
  progress: Progress;
  /** "closed form" (linear presets) or "formula" (backward solve of each pixel). */
  method: "closed form" | "formula";
  strength: number;
  /** Slices computed so far (in order, or just one for a snapshot): p_t at k / SLICES is known where mass[k] is not NaN. */
  computed: number;
  /** [(SLICES + 1), GRID_SIZE²]: p_t at the pixel centres (pixel (i, j) at j·GRID_SIZE + i, y up); 0 where unknown. */
  density: Float32Array;
  /** [SLICES + 1]: the Riemann sum of each slice (NaN where unknown). */
  mass: Float64Array;
  /** [SLICES + 1]: pixels outside the image of φ_t in each slice. */
  escaped: Float64Array;
  /** [(SLICES + 1), n, 2]: the particles at each slice. */
  particles: Float32Array;
  /** [(SLICES + 1), lines·points, 2]: the grid lines at each slice (lines of GRID_POINTS points). */
  grid: Float32Array;
  gridLines: number;
  gridPoints: number;
  /** Milliseconds the density slices took so far. */
  ms: number;
};

export const pushForward: EngineTask<typeof pushForwardOptions, PushForwardFrame> = {
  name: "push-forward",
  options: pushForwardOptions,
  start: (options) => pushForwardJob(options)
};

/** The preset field at the strength this demo uses. */
export function pushField(o: Pick<PushForwardOptions, "preset">): FieldPreset {
  return fieldPreset(o.preset, {strength: pushStrength(o.preset)});
}

/** The square grid's lines over EXTENT as a flat [lines·points, 2] array (vertical lines first). */
function gridPoints(): Float64Array {
  const out = new Float64Array(2 * 2 * GRID_LINES * GRID_POINTS);
  for (let l = 0; l < GRID_LINES; l++) {
    for (let j = 0; j < GRID_POINTS; j++) {
      const u = -3 + (6 * l) / (GRID_LINES - 1);
      const v = -3 + (6 * j) / (GRID_POINTS - 1);
      out.set([u, v], 2 * (l * GRID_POINTS + j));
      out.set([v, u], 2 * ((GRID_LINES + l) * GRID_POINTS + j));
    }
  }
  return out;
}

/** p_t on the grid at time t, and its mass: closed form for a linear preset, else the backward solve. */
export function densitySlice(field: FieldPreset, t: number): {density: Float64Array; mass: number; escaped: number} {
  const size = GRID_SIZE;
  const cell = ((EXTENT[1] - EXTENT[0]) / size) * ((EXTENT[3] - EXTENT[2]) / size);
  let logp: Float64Array;
  let escaped = 0;
  if (field.matrix) {
    const {mean, cov} = linearField({a: field.matrix}).pushGaussian(P0_MEAN, P0_COV, t);
    const points = new Float64Array(2 * size * size);
    for (let j = 0; j < size; j++) {
      for (let i = 0; i < size; i++) {
        points[2 * (j * size + i)] = EXTENT[0] + ((i + 0.5) * (EXTENT[1] - EXTENT[0])) / size;
        points[2 * (j * size + i) + 1] = EXTENT[2] + ((j + 0.5) * (EXTENT[3] - EXTENT[2])) / size;
      }
    }
    logp = new Float64Array(size * size);
    normalLogDensity(logp, points, size * size, mean, cov);
  } else {
    const grid = pushedDensity(field, normalBase(P0_MEAN, P0_COV), {
      t,
      extent: EXTENT,
      size,
      stepsPerUnit: STEPS_PER_UNIT
    });
    logp = grid.logp;
    escaped = grid.escaped;
  }
  const density = logp.map(Math.exp);
  const mass = density.reduce((s, v) => s + v, 0) * cell;
  return {density, mass, escaped};
}

/** The job; with `only`, it computes that one slice and stops. */
export function pushForwardJob(o: PushForwardOptions, only?: number): Job<PushForwardFrame> {
  const field = pushField(o);
  const method = field.matrix ? "closed form" : "formula";
  const x0 = normalBase(P0_MEAN, P0_COV).sample!(o.n, rng(o.seed));
  const particles = new Float32Array(flowPaths(field, x0, o.n, SLICES, {stepsPerUnit: 4 * STEPS_PER_UNIT}));
  const lines = gridPoints();
  const grid = new Float32Array(flowPaths(field, lines, lines.length / 2, SLICES, {stepsPerUnit: 4 * STEPS_PER_UNIT}));
  const cells = GRID_SIZE * GRID_SIZE;
  const density = new Float32Array((SLICES + 1) * cells);
  const mass = new Float64Array(SLICES + 1).fill(NaN);
  const escaped = new Float64Array(SLICES + 1);
  let computed = 0;
  let next = only ?? 0;
  let ms = 0;

  const frame = (): PushForwardFrame => ({
    progress: {
      steps: computed,
      total: only === undefined ? SLICES + 1 : 1,
      stepsPerSecond: ms > 0 ? computed / (ms / 1000) : 0
    },
    method,
    strength: pushStrength(o.preset),
    computed,
    density: density.slice(),
    mass: mass.slice(),
    escaped: escaped.slice(),
    particles: particles.slice(),
    grid: grid.slice(),
    gridLines: 2 * GRID_LINES,
    gridPoints: GRID_POINTS,
    ms
  });

  return {
    run(budgetMs) {
      const last = only ?? SLICES;
      if (next > last) return {done: true};
      const start = performance.now();
      do {
        const slice = densitySlice(field, next / SLICES);
        density.set(slice.density, next * cells);
        mass[next] = slice.mass;
        escaped[next] = slice.escaped;
        computed++;
        next++;
      } while (next <= last && performance.now() - start < budgetMs);
      ms += performance.now() - start;
      return {frame: frame(), done: next > last};
    }
  };
}

/** A frame with p_t at one slice only (print view, the gallery): the particles and grid at every slice. */
export function pushForwardSnapshot(o: PushForwardOptions, k: number): PushForwardFrame {
  if (!(Number.isInteger(k) && k >= 0 && k <= SLICES)) throw new RangeError(`invalid slice: ${k}`);
  const job = pushForwardJob(o, k);
  return job.run(Infinity).frame!;
}
