import * as Plot from "@observablehq/plot";
import {expressionField} from "../engine/fields/expression.ts";
import type {VelocityField} from "../engine/fields/field.ts";
import {fieldPresetNames, type FieldPresetName} from "../engine/fields/presets.ts";
import {traceParticles, type TracedParticles} from "../engine/fields/trace-particles.ts";
import {boolean, choice, integer, number, seed, text, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {FIELD_EXTENT, fieldGrid, presetField, presetText} from "./fields/presets.ts";
import {arrowField, figure, paintArrowField} from "./layers/index.ts";
import {colorOn, strokeStyle} from "./layers/canvas.ts";
import type {Grid} from "./layers/data.ts";
import {palette} from "./runtime/palette.ts";
import type {CanvasLayer, DemoSpec} from "./runtime/spec.ts";

/** The presets of the editor: deck 3's named fields, and a field typed by hand. */
export const editorPresets = [...fieldPresetNames, "custom"] as const;
export type EditorPreset = (typeof editorPresets)[number];

/** How far from the origin a particle may go before the editor calls its solution escaped. */
export const ESCAPE = 1e6;

const options = {
  preset: choice(editorPresets, "rotation", "the velocity field u_t(x): a named field, or custom (type u1 and u2)"),
  strength: number(2, "the field's strength k (its rate, angular speed or well depth)", {min: 0, max: 6, step: 0.1}),
  u1: text("-y", "custom field, first component u₁(x, y, t): numbers, x y t pi, + − * / ^, sin cos exp log sqrt …"),
  u2: text("x", "custom field, second component u₂(x, y, t)"),
  dt: number(0.02, "RK4 step size (rounded so that whole steps fill t from 0 to 1)", {
    min: 0.005,
    max: 0.25,
    step: 0.005
  }),
  starts: text("", "particles' starting points x₀ as x,y pairs: click or drag on the figure to add some", 800),
  n: integer(0, "particles drawn from N(0, I) besides the clicked ones", {min: 0, max: 400}),
  seed: seed(1)
};

const state = {
  t: number(0, "time: the particles sit at x_t, started at x₀ at t = 0", {min: 0, max: 1, step: 0.01}),
  trails: boolean(true, "fading trails behind the particles"),
  speed: number(1, "playing speed: t runs from 0 to 1 in 5 s / speed", {min: 0.25, max: 4, step: 0.25})
};

export type FieldEditorOptions = Values<typeof options>;
export type FieldEditorState = Values<typeof state>;

/** Seconds a played run takes from t = 0 to t = 1 at speed 1. */
const DURATION = 5;
/** How much time a trail covers behind its particle, and in how many bands of opacity it fades. */
const TRAIL = 0.35;
const BANDS = 6;
/** Arrows per side of the grid. */
const ARROWS = 15;
/** Room above the frame for the readout line. */
const READOUT = 40;
const SIZE: readonly [number, number] = [460, 460];

/** Everything the figure needs for one choice of options, computed on the page. */
export interface FieldEditorFrame {
  field: VelocityField;
  /** The formula the readout prints. */
  formula: string;
  /** True when u_t changes with t (swirl, drift, a custom field using t): its arrows are painted for each t. */
  timeVarying: boolean;
  /** The speed drawn as a full-length arrow, one scale for every t. */
  speed: number;
  /** The arrows at t = 0 (drawn as SVG when the field does not change with t). */
  grid: Grid;
  /** The first `clicked` particles are the viewer's; the rest are the N(0, I) cloud. */
  clicked: number;
  run: TracedParticles;
}

/** The viewer's starting points, from `x,y x,y …`; a RangeError names the pair that is not two numbers. */
export function parseStarts(source: string): Float64Array {
  const pairs = source.trim() === "" ? [] : source.trim().split(/\s+/);
  const out = new Float64Array(2 * pairs.length);
  pairs.forEach((pair, i) => {
    const parts = pair.split(",");
    const [x, y] = parts.map(Number);
    if (parts.length !== 2 || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new RangeError(`invalid starts: "${pair}" is not a pair x,y`);
    }
    out[2 * i] = x!;
    out[2 * i + 1] = y!;
  });
  return out;
}

/** The editor's field for these options. */
export function editorField(o: Pick<FieldEditorOptions, "preset" | "strength" | "u1" | "u2">): {
  field: VelocityField;
  formula: string;
} {
  if (o.preset === "custom") return {field: expressionField(o.u1, o.u2), formula: `u = (${o.u1}, ${o.u2})`};
  const name = o.preset as FieldPresetName;
  return {field: presetField(name, o.strength), formula: `${presetText[name]},  k = ${o.strength}`};
}

/** True when two grids' values differ anywhere (beyond rounding). */
function differs(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1e-12) return true;
  return false;
}

/** The grid's largest speed. */
function maxSpeed(grid: Grid): number {
  let m = 0;
  for (let i = 0; i < grid.values.length; i += 2) m = Math.max(m, Math.hypot(grid.values[i]!, grid.values[i + 1]!));
  return m;
}

/** The field, its arrows and every particle's RK4 path over t ∈ [0, 1]. */
export function computeFrame(o: FieldEditorOptions): FieldEditorFrame {
  const {field, formula} = editorField(o);
  const clickedStarts = parseStarts(o.starts);
  const clicked = clickedStarts.length / 2;
  const starts = new Float64Array(2 * (clicked + o.n));
  starts.set(clickedStarts);
  const r = rng(o.seed);
  for (let i = 2 * clicked; i < starts.length; i++) starts[i] = r.normal();
  const grid = fieldGrid(field, 0, ARROWS);
  const grids = [grid, fieldGrid(field, 0.5, ARROWS), fieldGrid(field, 1, ARROWS)];
  const timeVarying = grids.some((g) => differs(g.values, grid.values));
  const speed = Math.max(...grids.map(maxSpeed));
  const run = traceParticles(field, starts, clicked + o.n, {dt: o.dt, limit: ESCAPE});
  return {field, formula, timeVarying, speed, grid, clicked, run};
}

/** Particles that have escaped (|x| > 10⁶) by time t. */
export function escapedBy(frame: FieldEditorFrame, t: number): number {
  let count = 0;
  for (const s of frame.run.stoppedAt) if (s <= t + 1e-12) count++;
  return count;
}

/** Particle i at time t: between the RK4 steps, linearly; undefined once it has escaped. */
export function positionAt(run: TracedParticles, i: number, t: number): [number, number] | undefined {
  if (run.stoppedAt[i]! <= t) return undefined;
  const s = Math.min(Math.max((t - run.t0) / run.h, 0), run.steps);
  const k = Math.min(Math.floor(s), run.steps - 1);
  const f = s - k;
  const a = 2 * (k * run.n + i);
  const b = 2 * ((k + 1) * run.n + i);
  const p = run.paths;
  // The step after which a particle escaped is not drawn: it would be a line to 10⁶.
  if (run.stoppedAt[i]! <= run.t0 + (k + 1) * run.h) return [p[a]!, p[a + 1]!];
  return [p[a]! + f * (p[b]! - p[a]!), p[a + 1]! + f * (p[b + 1]! - p[a + 1]!)];
}

/**
 * Vector fields and ODEs (slide D3.2): the arrows of a chosen field u_t(x) and particles that follow them,
 * dx_t/dt = u_t(x_t), integrated by RK4 at the chosen step, with fading trails. Click or drag on the figure to start
 * particles; the custom preset takes two typed expressions, and a particle that runs off to infinity (a field that
 * is not Lipschitz, such as u = (x², 0)) stops with a warning. Closed form and a few thousand RK4 steps: on the page.
 */
export const fieldEditor: DemoSpec<typeof options, typeof state, FieldEditorFrame> = {
  id: "field-editor",
  description: "a vector field's arrows and particles following dx/dt = u_t(x) by RK4; click to start particles",
  options,
  state,
  controls: ["preset", "strength", "u1", "u2", "dt", "t"],
  player: true,
  sketch: {option: "starts", max: 40},
  examples: [
    {name: "spiral cloud", options: {preset: "spiral", strength: "3", n: "300"}, state: {t: "0.6"}},
    {name: "swirl", options: {preset: "swirl", strength: "1.5", starts: "1,0 2,0 -1.5,1 0,-2.5"}, state: {t: "1"}},
    {
      name: "escape in finite time",
      options: {preset: "custom", u1: "x^2", u2: "0", starts: "2,1 1.5,-1 -2,0 0.5,2"},
      state: {t: "1"}
    }
  ],
  check(o) {
    if (o.preset === "custom") expressionField(o.u1, o.u2);
    parseStarts(o.starts);
  },
  snapshot: (o) => computeFrame(o),
  render(frame, o) {
    const f = frame ?? computeFrame(o);
    return figure({
      label: "a velocity field's arrows; click to start particles that follow it",
      size: SIZE,
      equal: true,
      marginTop: READOUT,
      marginBottom: 44,
      marginLeft: 48,
      x: {domain: [FIELD_EXTENT[0], FIELD_EXTENT[1]], label: null},
      y: {domain: [FIELD_EXTENT[2], FIELD_EXTENT[3]], label: null},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        f.timeVarying ? null : arrowField(f.grid, {kind: "marginal", speed: f.speed, opacity: 0.7}),
        Plot.text([f.formula], {
          frameAnchor: "top-left",
          dy: -READOUT + 6,
          lineAnchor: "top",
          fill: palette.ink,
          pointerEvents: "none"
        })
      ]
    });
  },
  renderKeys: [],
  paint(layer, frame, _o, s) {
    if (!frame) return;
    if (frame.timeVarying) {
      paintArrowField(layer, fieldGrid(frame.field, s.t, ARROWS), {kind: "marginal", speed: frame.speed, opacity: 0.7});
    }
    if (s.trails) paintTrails(layer, frame, s.t);
    paintHeads(layer, frame, s.t);
    paintClock(layer, frame, s.t);
  },
  advance({t, speed}, dt) {
    if (t >= 1) return undefined;
    return {t: Math.min(1, t + (dt * speed) / DURATION)};
  },
  describe(frame, o, {t}) {
    const f = frame ?? computeFrame(o);
    const escaped = escapedBy(f, t);
    return (
      `The field ${f.formula} as arrows on [−3, 3]², at t = ${t.toFixed(2)}, with ${f.clicked} clicked particle` +
      `${f.clicked === 1 ? "" : "s"} and ${o.n} drawn from N(0, I), moved by RK4 with ${f.run.steps} steps of ` +
      `${f.run.h.toPrecision(3)}.` +
      (escaped > 0 ? ` ${escaped} escaped to infinity: no global solution, the field is not Lipschitz.` : "")
    );
  }
};

/** Each particle's last TRAIL of time, in BANDS strokes from faint (old) to strong (new). */
function paintTrails(layer: CanvasLayer, frame: FieldEditorFrame, t: number): void {
  const {run, clicked} = frame;
  const c = layer.context;
  const from = Math.max(0, t - TRAIL);
  const span = t - from;
  if (span <= 0) return;
  for (let band = 0; band < BANDS; band++) {
    const a = from + (span * band) / BANDS;
    const b = from + (span * (band + 1)) / BANDS;
    // Clicked particles' trails are wider; both kinds fade the same way.
    for (const [first, last, width] of [
      [clicked, run.n, 1.2],
      [0, clicked, 2.5]
    ] as const) {
      if (last <= first) continue;
      strokeStyle(layer, "model", width, 0.1 + (0.75 * (band + 1)) / BANDS, []);
      c.beginPath();
      for (let i = first; i < last; i++) traceSegment(layer, run, i, a, b);
      c.stroke();
    }
  }
  c.globalAlpha = 1;
}

/** Adds particle i's path between times a < b to the current canvas path (the RK4 nodes in between, interpolated ends). */
function traceSegment(layer: CanvasLayer, run: TracedParticles, i: number, a: number, b: number): void {
  const start = positionAt(run, i, a);
  if (!start) return;
  const c = layer.context;
  c.moveTo(layer.x(start[0]), layer.y(start[1]));
  for (let k = Math.floor((a - run.t0) / run.h) + 1; run.t0 + k * run.h < b; k++) {
    const p = positionAt(run, i, run.t0 + k * run.h);
    if (!p) return;
    c.lineTo(layer.x(p[0]), layer.y(p[1]));
  }
  const end = positionAt(run, i, b);
  if (end) c.lineTo(layer.x(end[0]), layer.y(end[1]));
}

/** Clicked particles: x₀ as a blue ring, x_t as a large dot; the cloud as small dots. Blue at t = 0, purple after. */
function paintHeads(layer: CanvasLayer, frame: FieldEditorFrame, t: number): void {
  const {run, clicked} = frame;
  const c = layer.context;
  const moving = t > 0 ? "model" : "source";
  c.globalAlpha = 0.8;
  c.fillStyle = colorOn(layer, moving);
  c.beginPath();
  for (let i = clicked; i < run.n; i++) {
    const p = positionAt(run, i, t);
    if (!p) continue;
    const [x, y] = [layer.x(p[0]), layer.y(p[1])];
    c.moveTo(x + 2.5, y);
    c.arc(x, y, 2.5, 0, 2 * Math.PI);
  }
  c.fill();
  c.globalAlpha = 1;
  if (clicked === 0) return;
  strokeStyle(layer, "source", 2, 0.9, []);
  c.beginPath();
  for (let i = 0; i < clicked; i++) {
    const [x, y] = [layer.x(run.paths[2 * i]!), layer.y(run.paths[2 * i + 1]!)];
    c.moveTo(x + 5, y);
    c.arc(x, y, 5, 0, 2 * Math.PI);
  }
  c.stroke();
  c.fillStyle = colorOn(layer, moving);
  c.beginPath();
  for (let i = 0; i < clicked; i++) {
    const p = positionAt(run, i, t);
    if (!p) continue;
    const [x, y] = [layer.x(p[0]), layer.y(p[1])];
    c.moveTo(x + 5.5, y);
    c.arc(x, y, 5.5, 0, 2 * Math.PI);
  }
  c.fill();
  c.globalAlpha = 1;
}

/** The clock in the frame's top-left corner and, once a particle escaped, the warning along the bottom. */
function paintClock(layer: CanvasLayer, frame: FieldEditorFrame, t: number): void {
  const c = layer.context;
  const left = layer.x(FIELD_EXTENT[0]);
  const top = layer.y(FIELD_EXTENT[3]);
  const bottom = layer.y(FIELD_EXTENT[2]);
  c.font = "20px sans-serif";
  c.textBaseline = "alphabetic";
  // A backdrop so the clock reads over the arrows.
  c.fillStyle = colorOn(layer, "bg");
  c.globalAlpha = 0.85;
  c.fillRect(left + 2, top + 2, 86, 28);
  c.globalAlpha = 1;
  c.fillStyle = colorOn(layer, "ink");
  c.fillText(`t = ${t.toFixed(2)}`, left + 8, top + 24);
  const escaped = escapedBy(frame, t);
  if (escaped === 0) return;
  c.fillStyle = colorOn(layer, "bg");
  c.globalAlpha = 0.85;
  c.fillRect(left + 2, bottom - 60, layer.x(FIELD_EXTENT[1]) - left - 4, 58);
  c.globalAlpha = 1;
  c.fillStyle = colorOn(layer, "error");
  c.fillText("no global solution: the field is not Lipschitz", left + 8, bottom - 36);
  c.fillText(`${escaped} particle${escaped === 1 ? "" : "s"} escaped (|x| > 10⁶)`, left + 8, bottom - 12);
}

export default fieldEditor;
