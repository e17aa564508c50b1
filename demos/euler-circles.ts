import * as Plot from "@observablehq/plot";
import {choice, integer, number, type Values} from "../engine/options/schema.ts";
import {integrate} from "../engine/ode/integrate.ts";
import {fieldDeriv} from "../engine/fields/field.ts";
import {svgColor} from "./layers/conventions.ts";
import {arrowField, figure, handles} from "./layers/index.ts";
import {exactPath, pathKey, stepPath} from "./layers/solution-paths.ts";
import {FIELD_EXTENT, fieldGrid, presetField, presetText} from "./fields/presets.ts";
import {turningFlow, turningRate} from "./fields/turning-flow.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The presets of this demo: the rotation-like fields whose exact flow is known (circles, spirals). */
export const EULER_PRESETS = ["rotation", "spiral", "swirl"] as const;
export type EulerPreset = (typeof EULER_PRESETS)[number];

const options = {
  preset: choice(EULER_PRESETS, "rotation", "the velocity field u_t(x); each has an exact flow map"),
  strength: number(3, "the field's strength k (rotation: k radians of turn per unit of time)", {min: 0.5, max: 6})
};

const state = {
  steps: integer(8, "number N of Euler steps from t = 0 to t = 1 (step size h = 1/N)", {min: 1, max: 128}),
  sx: number(2.2, "the outer start x₀, first coordinate (the two inner starts sit at 1/3 and 2/3 of it)", {
    min: -3,
    max: 3,
    step: 0.05
  }),
  sy: number(0, "the outer start x₀, second coordinate", {min: -3, max: 3, step: 0.05})
};

/** Options of `euler-circles`. */
export type EulerCirclesOptions = Values<typeof options>;
/** State of `euler-circles`. */
export type EulerCirclesState = Values<typeof state>;

/** The complex rate λ(t) = a(t) + iω(t) of the preset (see demos/fields/turning-flow.ts). */
export const rate = turningRate;

/**
 * What one Euler step does to the distance from the origin, in closed form: x + h(a x + ω x⊥) has length
 * √((1 + ha)² + (hω)²)·|x|, because x⊥ = (−x₂, x₁) is perpendicular to x and as long. For the rotation this is √(1 + k²h²).
 */
export function eulerRadiusFactor(preset: EulerPreset, k: number, t: number, h: number): number {
  const {a, omega} = rate(preset, k, t);
  return Math.hypot(1 + h * a, h * omega);
}

/** The Euler polygon from x₀ with N steps: its N + 1 vertices [x, y, x, y, …], computed by the engine's solver. */
export function eulerPolygon(preset: EulerPreset, k: number, x0: readonly [number, number], steps: number) {
  const field = presetField(preset, k);
  const result = integrate(fieldDeriv(field, 1), Float64Array.from(x0), {solver: "euler", steps, saveAt: "steps"});
  const vertices = new Float64Array(2 * (steps + 1));
  result.trajectory!.y.forEach((y, i) => vertices.set(y, 2 * i));
  return {vertices, nfe: result.nfe};
}

/** The exact flow φ_t(x₀) of the preset, in closed form (tests check it against the engine's flow maps). */
export const exactPoint = turningFlow;

/** The global error |x_N − φ₁(x₀)| of Euler with N steps: the demo's error function (tests measure its order). */
export function eulerError(preset: EulerPreset, k: number, x0: readonly [number, number], steps: number): number {
  const {vertices} = eulerPolygon(preset, k, x0, steps);
  const [ex, ey] = exactPoint(preset, k, x0, 1);
  return Math.hypot(vertices[2 * steps]! - ex, vertices[2 * steps + 1]! - ey);
}

/** One start: its Euler polygon and its exact path. */
export interface EulerPath {
  start: [number, number];
  vertices: Float64Array;
  exact: {x: number; y: number}[];
  end: [number, number];
}

export interface EulerCirclesFrame {
  preset: EulerPreset;
  k: number;
  steps: number;
  h: number;
  /** The three starts, inner to outer (the outer one is the dragged x₀). */
  paths: EulerPath[];
  /** Global error at t = 1 of the outer start with N and with 2N steps. */
  error: number;
  errorDouble: number;
  /** |x_N| / |x₀| of the outer start, measured on the polygon and predicted as Π √((1 + ha)² + (hω)²). */
  radiusMeasured: number;
  radiusPredicted: number;
  /** |φ₁(x₀)| / |x₀|: what the exact flow does to the radius (1 for rotation and swirl, e^{−k/2} for the spiral). */
  radiusExact: number;
  /** Evaluations of u made by the outer start's solve (one per Euler step). */
  nfe: number;
}

const EXACT_POINTS = 121;

/** Everything the figure shows, computed on the page: three Euler solves of ≤ 128 steps and their exact paths. */
export function computeFrame(o: EulerCirclesOptions, s: EulerCirclesState): EulerCirclesFrame {
  const {preset, strength: k} = o;
  const {steps} = s;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`invalid steps: ${steps}`);
  const h = 1 / steps;
  const outer: [number, number] = [s.sx, s.sy];
  const starts: [number, number][] = [1 / 3, 2 / 3, 1].map((f) => [f * s.sx, f * s.sy]);
  let nfe = 0;
  const paths = starts.map((start) => {
    const polygon = eulerPolygon(preset, k, start, steps);
    nfe = polygon.nfe;
    const exact = Array.from({length: EXACT_POINTS}, (_, i) => {
      const [x, y] = exactPoint(preset, k, start, i / (EXACT_POINTS - 1));
      return {x, y};
    });
    return {start, vertices: polygon.vertices, exact, end: exactPoint(preset, k, start, 1)};
  });
  const last = paths[2]!;
  const r0 = Math.hypot(...outer);
  let predicted = 1;
  for (let n = 0; n < steps; n++) predicted *= eulerRadiusFactor(preset, k, n * h, h);
  return {
    preset,
    k,
    steps,
    h,
    paths,
    error: eulerError(preset, k, outer, steps),
    errorDouble: eulerError(preset, k, outer, 2 * steps),
    radiusMeasured: r0 > 0 ? Math.hypot(last.vertices[2 * steps]!, last.vertices[2 * steps + 1]!) / r0 : 1,
    radiusPredicted: predicted,
    radiusExact: r0 > 0 ? Math.hypot(...last.end) / r0 : 1,
    nfe
  };
}

function fmt(v: number): string {
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toPrecision(3);
}

/** The three readout lines: step and error, radius growth both ways, and the error with twice the steps. */
export function readoutLines(f: EulerCirclesFrame): [string, string, string] {
  return [
    `N = ${f.steps}, h = ${fmt(f.h)}: error |x_N − φ₁(x₀)| = ${fmt(f.error)}`,
    `radius ×${f.radiusMeasured.toFixed(4)}, formula ×${f.radiusPredicted.toFixed(4)}, exact ×${f.radiusExact.toFixed(3)}`,
    `2N = ${2 * f.steps}: error ${fmt(f.errorDouble)}, ${(f.error / f.errorDouble).toFixed(2)}× smaller`
  ];
}

/** Euler points as {x, y, path}: the vertices of the given paths. */
function vertexRows(paths: readonly EulerPath[]) {
  return paths.flatMap((p, path) =>
    Array.from({length: p.vertices.length / 2}, (_, i) => ({x: p.vertices[2 * i]!, y: p.vertices[2 * i + 1]!, path}))
  );
}

/**
 * Euler's method against the exact flow (slide D3.5): from three starts on one ray, the exact paths φ_t(x₀) (circles
 * for the rotation) as thin brown lines ending in rings and the Euler polygons x_{n+1} = x_n + h u_{t_n}(x_n) as
 * heavier purple lines with a dot at every step (demos/layers/solution-paths.ts), named in a key, with the
 * outer start draggable, an N slider, and readouts: the global error, the radius growth of every step
 * √((1 + ha)² + (hω)²) (√(1 + k²h²) for the rotation) measured and predicted, and the error with 2N steps.
 */
export const eulerCircles: DemoSpec<typeof options, typeof state, EulerCirclesFrame> = {
  id: "euler-circles",
  description: "Euler polygons against the exact circles of a rotation: the radius grows by √(1 + k²h²) every step",
  options,
  state,
  controls: ["preset", "steps"],
  drag: {start: ["sx", "sy"]},
  examples: [
    {name: "rotation, 4 steps", state: {steps: "4"}},
    {name: "spiral, 16 steps", options: {preset: "spiral"}, state: {steps: "16"}},
    {name: "swirl, 32 steps", options: {preset: "swirl", strength: "2"}, state: {steps: "32"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const [x0, x1, y0, y1] = FIELD_EXTENT;
    const field = presetField(f.preset, f.k);
    const main = figure({
      label: `Euler polygons against the exact flow of the ${f.preset} field`,
      description: describeFrame(f),
      size: [560, 400],
      equal: true,
      clip: true,
      marginTop: 10,
      marginRight: 10,
      marginBottom: 36,
      marginLeft: 44,
      x: {domain: [x0, x1], label: null, ticks: 3},
      y: {domain: [y0, y1], label: null, ticks: 3},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        arrowField(fieldGrid(field, 0, 13), {kind: "muted", opacity: 0.45, strokeWidth: 1.5}),
        f.paths.map((p) => exactPath(p.exact)),
        f.paths.map((p) => stepPath(vertexRows([p]))),
        Plot.link(f.paths, {
          x1: (p: EulerPath) => p.end[0],
          y1: (p: EulerPath) => p.end[1],
          x2: (p: EulerPath) => p.vertices[2 * f.steps]!,
          y2: (p: EulerPath) => p.vertices[2 * f.steps + 1]!,
          stroke: svgColor("error"),
          strokeWidth: 3,
          clip: true
        }),
        pathKey(`Euler h = ${fmt(f.h)}`, {avoid: [...f.paths.flatMap((p) => p.exact), ...vertexRows(f.paths)]}),
        Plot.dot(
          f.paths.slice(0, 2).map((p) => ({x: p.start[0], y: p.start[1]})),
          {x: "x", y: "y", r: 6, fill: svgColor("source"), stroke: svgColor("bg"), strokeWidth: 1.5}
        ),
        handles([{name: "start", x: s.sx, y: s.sy, label: "outer start x₀", color: "source"}])
      ]
    });
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const lines = readoutLines(f);
    readout.append(lines[0], document.createElement("br"), lines[1], document.createElement("br"), lines[2]);
    root.append(readout, main);
    return Object.assign(root, {scale: (name: string) => main.scale(name as "x")});
  },
  describe(frame, o, s) {
    return describeFrame(frame ?? computeFrame(o, s));
  }
};

function describeFrame(f: EulerCirclesFrame): string {
  const [a, b, c] = readoutLines(f);
  return (
    `Field ${presetText[f.preset]} with k = ${f.k}. Exact paths (thin brown lines ending in rings, keyed "exact") ` +
    `and Euler polygons (purple, a dot at every step, keyed "Euler h = ${fmt(f.h)}") from three starts on one ray; ` +
    `red segments join each Euler end point to the exact one. ${a}. ${b}. ${c}.`
  );
}

export default eulerCircles;
