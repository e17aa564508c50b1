import * as Plot from "@observablehq/plot";
import {boolean, choice, integer, number, type Values} from "../engine/options/schema.ts";
import {divergenceIntegral, residualLayers, type DivergenceIntegral} from "../engine/fields/residual-layers.ts";
import {svgColor} from "./layers/conventions.ts";
import {arrowField, figure, handles} from "./layers/index.ts";
import {exactPath, pathKey, stepPath} from "./layers/solution-paths.ts";
import {fieldGrid, presetField, presetText} from "./fields/presets.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The fields of this demo: deck 3's presets whose Jacobian is not zero (two-well, swirl, spiral). */
export const LIMIT_PRESETS = ["two-well", "swirl", "spiral"] as const;
export type LimitPreset = (typeof LIMIT_PRESETS)[number];

/** The plane shown: the two wells at (±1, 0) and the starts above them fit. */
const EXTENT = [-2.4, 2.4, -2.4, 2.4] as const;
/** The largest K of the slider: 2^8 = 256 layers. */
export const MAX_LOG_K = 8;
/** Starts drawn besides the dragged one: a row above the wells. */
const ROW = [-1.8, -1.2, -0.6, 0.6, 1.2, 1.8].map((x) => [x, 1.8] as [number, number]);
/** RK4 steps of the reference ODE path ("exact" to ~1e-10 here). */
const FINE_STEPS = 512;
/** Dopri5's tolerance when K → ∞. */
const ODE_TOL = 1e-6;

const options = {
  preset: choice(LIMIT_PRESETS, "two-well", "the time-dependent field u_t that every layer follows"),
  strength: number(0.5, "the field's strength k", {min: 0.1, max: 2, step: 0.05})
};

const state = {
  logK: integer(3, "log₂ of the number K of residual layers (δ = 1/K)", {min: 0, max: MAX_LOG_K}),
  ode: boolean(false, "K → ∞: solve the ODE with an adaptive solver (Dopri5) instead of K layers"),
  sx: number(0.4, "the marked start z₀, first coordinate", {min: -2.4, max: 2.4, step: 0.05}),
  sy: number(1.2, "the marked start z₀, second coordinate", {min: -2.4, max: 2.4, step: 0.05})
};

export type ResidualToOdeOptions = Values<typeof options>;
export type ResidualToOdeState = Values<typeof state>;

/** One K: its gap Σ log|det(I + δJ)| − δ Σ tr J at the marked start. */
export interface GapPoint {
  K: number;
  gap: number;
}

export interface ResidualToOdeFrame {
  preset: LimitPreset;
  k: number;
  K: number;
  ode: boolean;
  /** The marked start's K layers (z_0 … z_K) and their sums. */
  marked: {points: Float64Array; logDet: number; traceSum: number; minDet: number};
  /** The other starts' layers (drawn only). */
  others: Float64Array[];
  /** The ODE's paths (fine RK4) from every start, marked first, and the marked start's ∫ tr J dt. */
  exact: DivergenceIntegral[];
  /** Dopri5's solve from the marked start (its accepted steps, NFE, ∫ tr J dt). */
  adaptive: DivergenceIntegral;
  /** |z_K − z_1| at the marked start: how far the layers' end is from the ODE's. */
  endError: number;
  /** The gap for every K = 1, 2, 4, …, 256 (the O(δ) plot). */
  gaps: GapPoint[];
}

/** Everything the figure shows, on the page: ≤ 7 × 256 layers, 7 RK4 paths of 512 steps, one Dopri5 solve (~2 ms). */
export function computeFrame(o: ResidualToOdeOptions, s: ResidualToOdeState): ResidualToOdeFrame {
  if (!(Number.isInteger(s.logK) && s.logK >= 0 && s.logK <= MAX_LOG_K)) {
    throw new RangeError(`invalid logK: ${s.logK} (an integer from 0 to ${MAX_LOG_K})`);
  }
  const field = presetField(o.preset, o.strength);
  const K = 2 ** s.logK;
  const start: [number, number] = [s.sx, s.sy];
  const marked = residualLayers(field, start, K);
  const exact = [start, ...ROW].map((z) => divergenceIntegral(field, z, {steps: FINE_STEPS}));
  const end = exact[0]!.end;
  const gaps = Array.from({length: MAX_LOG_K + 1}, (_, i) => {
    const r = residualLayers(field, start, 2 ** i);
    return {K: 2 ** i, gap: r.logDet - r.traceSum};
  });
  return {
    preset: o.preset,
    k: o.strength,
    K,
    ode: s.ode,
    marked,
    others: ROW.map((z) => residualLayers(field, z, K).points),
    exact,
    adaptive: divergenceIntegral(field, start, {tol: ODE_TOL}),
    endError: Math.hypot(marked.points[2 * K]! - end[0], marked.points[2 * K + 1]! - end[1]),
    gaps
  };
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(3);
}

/** The readout: the layers' two sums (or the ODE's solve) next to the exact ∫ tr J dt, at the marked start. */
export function readoutLines(f: ResidualToOdeFrame): string[] {
  const integral = f.exact[0]!.integral;
  if (f.ode) {
    return [
      `K → ∞: Dopri5, ${f.adaptive.times.length - 1} steps, ${f.adaptive.nfe} evaluations`,
      `∫₀¹ tr J dt = ${fmt(f.adaptive.integral)} (fine RK4: ${fmt(integral)})`
    ];
  }
  const m = f.marked;
  const fold = m.minDet <= 0 ? `; a layer folds (det ${fmt(m.minDet)})` : "";
  return [
    `K = ${f.K} layers: Σ log|det(I + δJ)| = ${fmt(m.logDet)}, δ Σ tr J = ${fmt(m.traceSum)}`,
    `gap ${fmt(m.logDet - m.traceSum)}; exact ∫₀¹ tr J dt = ${fmt(integral)}`,
    `end point off by ${fmt(f.endError)}${fold}`
  ];
}

function pathRows(points: Float64Array, path: number) {
  return Array.from({length: points.length / 2}, (_, i) => ({x: points[2 * i]!, y: points[2 * i + 1]!, path}));
}

function planeFigure(f: ResidualToOdeFrame, o: ResidualToOdeOptions, s: ResidualToOdeState) {
  const field = presetField(f.preset, f.k);
  const layers = [f.marked.points, ...f.others];
  const marks: Plot.Markish[] = [
    Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
    arrowField(fieldGrid(field, 0, 13, EXTENT), {kind: "muted", opacity: 0.4, strokeWidth: 1.5}),
    f.exact.map((p, i) => exactPath(pathRows(p.points, i)))
  ];
  if (f.ode) {
    marks.push(stepPath(pathRows(f.adaptive.points, 0), {strokeWidth: 0, r: 4}));
  } else {
    marks.push(layers.map((p, i) => stepPath(pathRows(p, i), {strokeWidth: i === 0 ? 3 : 2, r: f.K <= 32 ? 3 : 0})));
  }
  marks.push(
    pathKey(f.ode ? "Dopri5" : `K = ${f.K} layers`, {
      exact: "exact ODE",
      line: !f.ode,
      avoid: [...f.exact.flatMap((p) => pathRows(p.points, 0)), ...layers.flatMap((p) => pathRows(p, 0))]
    }),
    Plot.dot(ROW, {x: (d: number[]) => d[0], y: (d: number[]) => d[1], r: 5, fill: svgColor("source")}),
    handles([{name: "start", x: s.sx, y: s.sy, label: "marked start z₀", color: "source"}])
  );
  return figure({
    label: `${f.ode ? "The ODE's path" : `${f.K} residual layers`} against the exact flow of the ${f.preset} field`,
    description: describeFrame(f, o),
    size: [400, 380],
    equal: true,
    clip: true,
    marginTop: 8,
    marginRight: 8,
    marginBottom: 30,
    marginLeft: 36,
    x: {domain: [EXTENT[0], EXTENT[1]], label: null, ticks: 3},
    y: {domain: [EXTENT[2], EXTENT[3]], label: null, ticks: 3},
    marks
  });
}

function gapFigure(f: ResidualToOdeFrame) {
  // A layer that folds flat has log|det| = −∞: its K has no point on the plot.
  const rows = f.gaps
    .filter((g) => Number.isFinite(g.gap))
    .map((g) => ({K: g.K, gap: Math.max(Math.abs(g.gap), 1e-12)}));
  const current = rows.filter((r) => r.K === f.K && !f.ode);
  return figure({
    label: "The gap between the log-det sum and the trace sum, against K",
    size: [200, 380],
    marginTop: 34,
    marginRight: 8,
    marginBottom: 44,
    marginLeft: 54,
    x: {type: "log", domain: [1, 2 ** MAX_LOG_K], label: null, ticks: 3, tickFormat: "d"},
    y: {type: "log", label: null, ticks: 3, tickFormat: (v: number) => `1e${Math.round(Math.log10(v))}`},
    marks: [
      Plot.text(["|gap| against K"], {frameAnchor: "top-left", dy: -26, dx: -50, fill: svgColor("ink")}),
      Plot.line(rows, {x: "K", y: "gap", stroke: svgColor("muted"), strokeWidth: 2}),
      Plot.dot(rows, {x: "K", y: "gap", r: 3, fill: svgColor("muted")}),
      Plot.dot(current, {x: "K", y: "gap", r: 7, fill: svgColor("model")})
    ]
  });
}

/**
 * K residual layers turning into an ODE (deck 2, D2.23-D2.24): from a row of starts, the layers
 * z_k = z_{k−1} + δ u_{t_{k−1}}(z_{k−1}) (purple polygons with a dot per layer, δ = 1/K) against the ODE's exact
 * paths (thin brown lines ending in rings, fine RK4), the two styles named in a key;
 * at the marked start, the stack's exact Σ log|det(I + δJ)| next to δ Σ tr J and ∫₀¹ tr J dt, and the gap between the
 * two sums for every K on a log-log plot (slope −1: it shrinks like δ). `ode` swaps the layers for Dopri5's adaptive
 * steps. All on the page.
 */
export const residualToOde: DemoSpec<typeof options, typeof state, ResidualToOdeFrame> = {
  id: "residual-to-ode",
  description: "K residual layers become an ODE: paths straighten onto the flow and Σ log det(I + δJ) → ∫ tr J dt",
  options,
  state,
  controls: ["preset", "logK", "ode"],
  drag: {start: ["sx", "sy"]},
  examples: [
    {name: "two-well, one layer", state: {logK: "0"}},
    {name: "swirl, 16 layers", options: {preset: "swirl", strength: "1.5"}, state: {logK: "4"}},
    {name: "two-well, the ODE", state: {ode: "true"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const plane = planeFigure(f, o, s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readoutLines(f).forEach((line, i) => readout.append(...(i > 0 ? [document.createElement("br")] : []), line));
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    row.append(plane, gapFigure(f));
    root.append(readout, row);
    return Object.assign(root, {scale: (name: string) => plane.scale(name as "x")});
  },
  describe(frame, o, s) {
    return describeFrame(frame ?? computeFrame(o, s), o);
  }
};

function describeFrame(f: ResidualToOdeFrame, o: ResidualToOdeOptions): string {
  const numerical = f.ode
    ? `Dopri5's steps from the marked start as purple dots, keyed "Dopri5"`
    : `${f.K} residual layers from each start as purple polygons${f.K <= 32 ? " with a dot per layer" : ""}, ` +
      `keyed "K = ${f.K} layers"`;
  return (
    `Field ${presetText[o.preset]} with k = ${f.k}. Exact ODE paths from seven starts as thin brown lines ending ` +
    `in rings, keyed "exact ODE"; ${numerical}. ${readoutLines(f).join(". ")}.`
  );
}

export default residualToOde;
