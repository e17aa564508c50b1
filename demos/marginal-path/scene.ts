import {continuityCheck, type ContinuityCheck} from "../../engine/fm/continuity.ts";
import {marginalField, type Mixture} from "../../engine/fm/marginal.ts";
import {posteriorWeights} from "../../engine/fm/posterior.ts";
import {choice, integer, number, text, type Values} from "../../engine/options/schema.ts";
import {lipmanPath} from "../../engine/paths/cfm.ts";
import type {ProbabilityPath} from "../../engine/paths/path.ts";
import {rng} from "../../engine/random.ts";
import type {Extent, Grid} from "../layers/index.ts";

/**
 * The numbers behind the marginal-path demo (slides D4.4-D4.7), computed on the page from the closed form: a few
 * weighted data points x₁ (a mixture of point masses), Lipman's path p_t(x | x₁) = N(x; t x₁, σ_t² I) with
 * σ_t = 1 − (1 − σ_min) t, and, per view, the marginal density, a field on a grid, the posterior at a probe and the
 * two sides of the continuity equation there.
 */

/** The plotted square, in data units: [xmin, xmax, ymin, ymax]. */
export const EXTENT: Extent = [-3.5, 3.5, -3, 3];
/** The most data points. */
export const MAX_POINTS = 6;

const views = ["density", "field", "posterior", "continuity"] as const;
export type View = (typeof views)[number];

/** Default positions of the six data points (in the plotted square) and of the probe. */
const START = [
  [1.8, 1.3],
  [-1.7, 1.5],
  [0.4, -1.9],
  [2.2, -1],
  [-2.2, -1.3],
  [-0.2, 2.2]
] as const;

const coordinate = (axis: 0 | 1, value: number, what: string) =>
  number(value, what, {min: EXTENT[2 * axis]!, max: EXTENT[2 * axis + 1]!, step: 0.05});

function pointKeys() {
  const keys: Record<string, ReturnType<typeof number>> = {};
  START.forEach(([x, y], i) => {
    keys[`p${i + 1}x`] = coordinate(0, x, `x of data point ${i + 1}`);
    keys[`p${i + 1}y`] = coordinate(1, y, `y of data point ${i + 1}`);
  });
  return keys as Record<`p${1 | 2 | 3 | 4 | 5 | 6}${"x" | "y"}`, ReturnType<typeof number>>;
}

/** Options: fixed for a mounted instance. */
export const options = {
  weights: text("3 2 2 1 1 1", "relative weights of the data points, one number > 0 each (normalised over those shown)")
};

/** State: what slides, controls and drags change. */
export const state = {
  view: choice(views, "density", "what is drawn: the densities, one conditional field, the posterior, the check"),
  t: number(0.5, "time along the path: 0 is noise, 1 is data", {min: 0, max: 1, step: 0.01}),
  sigma: number(0.05, "σ_min, the std of p₁(x | x₁)", {min: 0.01, max: 0.5, step: 0.01}),
  count: integer(4, "number of data points x₁", {min: 1, max: MAX_POINTS}),
  selected: integer(1, "which data point's conditional field is drawn (field view)", {min: 1, max: MAX_POINTS}),
  ...pointKeys(),
  qx: coordinate(0, 0.2, "x of the probe"),
  qy: coordinate(1, 0.3, "y of the probe")
};

export type Options = Values<typeof options>;
export type State = Values<typeof state>;

/** The relative weights of the option text, checked: up to six numbers > 0. */
export function parseWeights(textValue: string): number[] {
  const parts = textValue.trim().split(/[\s,]+/);
  const values = parts.map(Number);
  if (parts.length > MAX_POINTS || !values.every((w) => Number.isFinite(w) && w > 0)) {
    throw new RangeError(`invalid weights: ${textValue} (up to ${MAX_POINTS} numbers > 0)`);
  }
  return values;
}

/** What every view shares: the data points shown, their normalised weights, the path and its coefficients at t. */
export interface Scene {
  view: View;
  t: number;
  /** σ_t, the std of every conditional Gaussian at t. */
  sigmaT: number;
  /** σ̇_t / σ_t, the factor of (x − t x₁) in the conditional field. */
  dlogs: number;
  /** [m, 2] the data points x₁ shown. */
  points: Float64Array;
  /** [m] their weights q(x₁), summing to one. */
  weights: Float64Array;
  /** 0-based index of the data point whose conditional field is drawn. */
  selected: number;
  path: ProbabilityPath;
  mixture: Mixture;
}

/** The scene of some options and state: the first `count` points, weights missing from the text count as 1. */
export function sceneOf(o: Options, s: State): Scene {
  const given = parseWeights(o.weights);
  const m = s.count;
  const points = new Float64Array(2 * m);
  const raw = new Float64Array(m);
  const all = s as unknown as Record<string, number>;
  for (let i = 0; i < m; i++) {
    points[2 * i] = all[`p${i + 1}x`]!;
    points[2 * i + 1] = all[`p${i + 1}y`]!;
    raw[i] = given[i] ?? 1;
  }
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  const path = lipmanPath(s.sigma);
  const {s: sigmaT, dlogs} = path.coefficients(s.t);
  const mixture = {weights, means: points, covs: new Float64Array(4 * m)};
  return {view: s.view, t: s.t, sigmaT, dlogs, points, weights, selected: Math.min(s.selected, m) - 1, path, mixture};
}

/** What the probe sees (posterior view): the weights γ_i, each conditional arrow u_t(x | x₁ⁱ) and their average. */
export interface Probe {
  x: number;
  y: number;
  /** [m] posterior weights p(x₁ⁱ | x_t = x). */
  gamma: Float64Array;
  /** [m, 2] conditional velocities u_t(x | x₁ⁱ). */
  conditional: Float64Array;
  /** Σ γ_i u_t(x | x₁ⁱ): the marginal velocity u_t(x). */
  marginal: [number, number];
}

/** A frame: the scene and what its view draws. */
export interface Frame extends Scene {
  /** Marginal density p_t on a grid (density and continuity views). */
  density?: Grid;
  /** Arrows on a grid: the selected point's conditional field (field view) or the marginal field (the others). */
  field?: Grid;
  probe?: Probe;
  check?: ContinuityCheck;
  /** [n, 2] seeded draws x₀ ~ N(0, I) that the field view carries along φ_t(x₀ | x₁) = σ_t x₀ + t x₁. */
  noise?: Float64Array;
}

/** Cells of the density raster and of the arrow grid. */
const DENSITY = [56, 48] as const;
const ARROWS = [15, 13] as const;
/** Particles of the field view, and their seed. */
export const PARTICLES = 240;
const SEED = 4;

/** The centres of an nx × ny grid over EXTENT, [nx·ny, 2], rows from ymin up. */
function centres(nx: number, ny: number): Float64Array {
  const out = new Float64Array(2 * nx * ny);
  const [x0, x1, y0, y1] = EXTENT;
  for (let iy = 0; iy < ny; iy++)
    for (let ix = 0; ix < nx; ix++) {
      out[2 * (iy * nx + ix)] = x0 + ((ix + 0.5) * (x1 - x0)) / nx;
      out[2 * (iy * nx + ix) + 1] = y0 + ((iy + 0.5) * (y1 - y0)) / ny;
    }
  return out;
}

/** Conditional velocities u_t(x | x₁) at n points for one data point, out [n, 2]. */
export function conditionalVelocity(scene: Scene, x1: readonly [number, number], at: Float64Array, out: Float64Array) {
  const n = at.length / 2;
  const target = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) target.set(x1, 2 * i);
  scene.path.velocity(out, new Float64Array(2 * n), target, new Float64Array(n).fill(scene.t), at, n);
  return out;
}

/** The frame of some options and state (cheap: a few thousand closed-form evaluations). */
export function frameOf(o: Options, s: State): Frame {
  const scene = sceneOf(o, s);
  const field = marginalField(scene.path, scene.mixture, scene.mixture);
  const frame: Frame = {...scene};
  const view = scene.view;
  if (view === "density" || view === "continuity") {
    const [nx, ny] = DENSITY;
    const log = new Float64Array(nx * ny);
    field.logDensity(log, centres(nx, ny), nx * ny, scene.t);
    frame.density = {nx, ny, extent: EXTENT, values: log.map(Math.exp)};
  }
  const [ax, ay] = ARROWS;
  const grid = centres(ax, ay);
  const values = new Float64Array(2 * ax * ay);
  if (view === "field") {
    const i = scene.selected;
    conditionalVelocity(scene, [scene.points[2 * i]!, scene.points[2 * i + 1]!], grid, values);
    frame.noise = rng(SEED).fillNormal(new Float64Array(2 * PARTICLES)) as Float64Array;
  } else if (view !== "density") field.velocity(values, grid, ax * ay, scene.t);
  if (view !== "density") frame.field = {nx: ax, ny: ay, extent: EXTENT, values};
  if (view === "posterior") frame.probe = probeOf(scene, s.qx, s.qy);
  // Steps that scale with the Gaussians' width keep the finite differences' relative error the same at every t.
  const h = 1e-4 * scene.sigmaT;
  if (view === "continuity") frame.check = continuityCheck(field, s.qx, s.qy, scene.t, {ht: h, hx: h});
  return frame;
}

/** The posterior at (x, y): weights by Bayes, the conditional arrows, and their weighted average. */
export function probeOf(scene: Scene, x: number, y: number): Probe {
  const m = scene.weights.length;
  const gamma = posteriorWeights(scene.path, scene.mixture, x, y, scene.t);
  const conditional = new Float64Array(2 * m);
  const at = new Float64Array([x, y]);
  const one = new Float64Array(2);
  const marginal: [number, number] = [0, 0];
  for (let i = 0; i < m; i++) {
    conditionalVelocity(scene, [scene.points[2 * i]!, scene.points[2 * i + 1]!], at, one);
    conditional.set(one, 2 * i);
    marginal[0] += gamma[i]! * one[0]!;
    marginal[1] += gamma[i]! * one[1]!;
  }
  return {x, y, gamma, conditional, marginal};
}
