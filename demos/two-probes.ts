import * as Plot from "@observablehq/plot";
import {linearGaussianPath, type LinearGaussianPath} from "../engine/fields/linear-gaussian.ts";
import type {LinearField} from "../engine/fields/linear.ts";
import type {Mat2, Vec2} from "../engine/fields/mat2.ts";
import {choice, number, type Values} from "../engine/options/schema.ts";
import {FIELD_EXTENT, fieldGrid, presetField, presetText} from "./fields/presets.ts";
import {arrowField, densityRaster, figure, handles, type Grid} from "./layers/index.ts";
import {endLabels} from "./layers/end-labels.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

const options = {};

const state = {
  scene: choice(
    ["spiral", "rotation"],
    "spiral",
    "spiral: a Gaussian swept by a sink plus a rotation (∇·u = −1); rotation: an elongated Gaussian turned by a rotation (∇·u = 0)"
  ),
  t: number(0.4, "time t", {min: 0, max: 1, step: 0.01}),
  yx: number(1, "the fixed probe y, first coordinate (drag it)", {min: -3, max: 3, step: 0.05}),
  yy: number(1, "the fixed probe y, second coordinate", {min: -3, max: 3, step: 0.05}),
  sx: number(1.2, "the moving probe's start x₀, first coordinate (drag it)", {min: -3, max: 3, step: 0.05}),
  sy: number(0, "the moving probe's start x₀, second coordinate", {min: -3, max: 3, step: 0.05})
};

/** State of `two-probes`. */
export type TwoProbesState = Values<typeof state>;
type Scene = TwoProbesState["scene"];

/** Each scene: a preset of deck 3 and the Gaussian p_0 it carries. */
export const scenes: Readonly<Record<Scene, {preset: "spiral" | "rotation"; mean: Vec2; cov: Mat2}>> = {
  spiral: {preset: "spiral", mean: [1.6, 0.4], cov: [0.5, 0, 0, 0.25]},
  rotation: {preset: "rotation", mean: [0, 0], cov: [1, 0, 0, 0.25]}
};

/** The Gaussian path of a scene, with every derivative in closed form (engine/fields/linear-gaussian.ts). */
export function scenePath(scene: Scene): LinearGaussianPath {
  const s = scenes[scene];
  return linearGaussianPath(presetField(s.preset) as unknown as LinearField, s.mean, s.cov);
}

/** Samples of the three curves over t. */
const CURVE_POINTS = 101;
/** The density raster's resolution. */
const RASTER = 64;

/** The three rates at one time: fixed probe, moving probe (chain rule), and −p ∇·u at the moving probe. */
export interface Rates {
  t: number;
  /** (∂_t p)(y, t) at the fixed probe y. */
  fixed: number;
  /** d/dt p(x_t, t) = (∂_t p)(x_t, t) + ∇p(x_t, t)·u(x_t, t), by the chain rule. */
  total: number;
  /** −p(x_t, t) (∇·u)(x_t, t). */
  source: number;
}

/** Everything the figure shows, computed on the page from closed forms. */
export interface TwoProbesFrame {
  scene: Scene;
  t: number;
  y: Vec2;
  x0: Vec2;
  /** x_t = φ_t(x_0) and its path over [0, 1]. */
  xt: Vec2;
  path: Vec2[];
  /** p at both probes now. */
  pFixed: number;
  pMoving: number;
  now: Rates;
  curves: Rates[];
  density: Grid;
  densityMax: number;
  arrows: Grid;
  divergence: number;
}

/** The three rates at time t for the fixed probe y and the particle started at x0. */
export function ratesAt(path: LinearGaussianPath, y: Vec2, x0: Vec2, t: number): Rates {
  const xt = path.position(x0, t);
  const u = path.velocity(xt);
  const g = path.gradient(xt, t);
  const total = path.partialT(xt, t) + g[0] * u[0] + g[1] * u[1];
  return {t, fixed: path.partialT(y, t), total, source: -path.density(xt, t) * path.divergence};
}

/** The frame for a state (a few thousand closed-form evaluations). */
export function twoProbesFrame(s: TwoProbesState): TwoProbesFrame {
  const path = scenePath(s.scene);
  const y: Vec2 = [s.yx, s.yy];
  const x0: Vec2 = [s.sx, s.sy];
  const curves = Array.from({length: CURVE_POINTS}, (_, i) => ratesAt(path, y, x0, i / (CURVE_POINTS - 1)));
  const [e0, e1, f0, f1] = FIELD_EXTENT;
  const values = new Float64Array(RASTER * RASTER);
  let densityMax = 0;
  for (let j = 0; j < RASTER; j++) {
    for (let i = 0; i < RASTER; i++) {
      const p = path.density([e0 + ((i + 0.5) * (e1 - e0)) / RASTER, f0 + ((j + 0.5) * (f1 - f0)) / RASTER], s.t);
      values[j * RASTER + i] = p;
      densityMax = Math.max(densityMax, p);
    }
  }
  // One colour scale for the whole run: the density's peak over t (a Gaussian's peak is at its mean).
  const peak = Math.max(...[0, 0.5, 1].map((t) => path.density(path.moments(t).mean, t)));
  const xt = path.position(x0, s.t);
  return {
    scene: s.scene,
    t: s.t,
    y,
    x0,
    xt,
    path: Array.from({length: 41}, (_, i) => path.position(x0, i / 40)),
    pFixed: path.density(y, s.t),
    pMoving: path.density(xt, s.t),
    now: ratesAt(path, y, x0, s.t),
    curves,
    density: {nx: RASTER, ny: RASTER, extent: FIELD_EXTENT, values},
    densityMax: Math.max(densityMax, peak),
    arrows: fieldGrid(path.field, s.t, 13),
    divergence: path.divergence
  };
}

const fmt = (v: number, d = 3) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);

/** The readout: the three numbers now, each in its curve's colour. */
export function readoutParts(f: TwoProbesFrame): {text: string; color: string}[] {
  return [
    {text: `t = ${f.t.toFixed(2)}:  `, color: palette.ink},
    {text: `fixed ∂ₜp = ${fmt(f.now.fixed)}`, color: palette.marginal},
    {text: "  ·  ", color: palette.ink},
    {text: `moving d/dt p = ${fmt(f.now.total)}`, color: palette.model},
    {text: "  ·  ", color: palette.ink},
    {text: `−p ∇·u = ${fmt(f.now.source)}`, color: palette.error}
  ];
}

function describeFrame(f: TwoProbesFrame): string {
  const field = presetText[scenes[f.scene].preset];
  return (
    `A Gaussian density carried by ${field} (∇·u = ${fmt(f.divergence, 1)}), at t = ${f.t.toFixed(2)}. ` +
    `The fixed probe at (${fmt(f.y[0], 2)}, ${fmt(f.y[1], 2)}) reads p = ${fmt(f.pFixed)}; the moving probe, started at ` +
    `(${fmt(f.x0[0], 2)}, ${fmt(f.x0[1], 2)}), is at (${fmt(f.xt[0], 2)}, ${fmt(f.xt[1], 2)}) and reads p = ${fmt(f.pMoving)}. ` +
    `Rates: ${readoutParts(f)
      .map((p) => p.text)
      .join("")
      .replace(/^t = [^:]*:\s*/, "")}.`
  );
}

function plane(f: TwoProbesFrame): ReturnType<typeof Plot.plot> {
  const [e0, e1, f0, f1] = FIELD_EXTENT;
  const done = f.path.filter((_, i) => i / 40 <= f.t + 1e-9);
  return figure({
    label: "the density p(x, t) with a fixed and a moving probe",
    description: describeFrame(f),
    size: [310, 310],
    equal: true,
    marginLeft: 56,
    marginBottom: 40,
    x: {domain: [e0, e1], label: null, ticks: 5},
    y: {domain: [f0, f1], label: null, ticks: 5},
    marks: [
      densityRaster(f.density, {color: "marginal", max: f.densityMax, opacity: 0.7}),
      arrowField(f.arrows, {kind: "muted", opacity: 0.6, strokeWidth: 1.6}),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.line(f.path, {x: "0", y: "1", stroke: palette.model, strokeOpacity: 0.3, strokeWidth: 2}),
      Plot.line(done, {x: "0", y: "1", stroke: palette.model, strokeWidth: 3}),
      Plot.dot([f.xt], {x: "0", y: "1", r: 8, fill: palette.model, stroke: palette.bg, strokeWidth: 1.5}),
      Plot.text([f.xt], {x: "0", y: "1", text: () => "xₜ", dx: 16, dy: -12, fill: palette.model, fontWeight: 600}),
      Plot.text([f.y], {x: "0", y: "1", text: () => "y", dx: 16, dy: -12, fill: palette.marginal, fontWeight: 600}),
      handles([
        {name: "fixed", x: f.y[0], y: f.y[1], color: "marginal", label: "the fixed probe y", tag: "y"},
        {name: "start", x: f.x0[0], y: f.x0[1], color: "source", label: "the moving probe's start x₀", tag: "x₀"}
      ])
    ]
  });
}

function curvesPlot(f: TwoProbesFrame): ReturnType<typeof Plot.plot> {
  let lo = 0;
  let hi = 0;
  for (const r of f.curves) {
    lo = Math.min(lo, r.fixed, r.total);
    hi = Math.max(hi, r.fixed, r.total);
  }
  const pad = 0.08 * Math.max(hi - lo, 0.02);
  const domain = [lo - pad, hi + pad] as const;
  const last = f.curves.at(-1)!;
  // Each curve named at its end (t = 1); the moving probe's two curves end together, so their labels are dodged.
  const labels = endLabels(
    [
      {text: "fixed ∂ₜp", y: last.fixed, color: palette.marginal},
      {text: "moving d/dt p", y: last.total, color: palette.model},
      {text: "−p ∇·u (dashed)", y: last.source, color: palette.error}
    ],
    {x: 1, domain, height: 310 - 34 - 56 - 12}
  );
  return figure({
    label: "the three rates over t",
    size: [640, 310],
    marginLeft: 84,
    marginRight: 150,
    marginTop: 34,
    marginBottom: 56,
    x: {domain: [0, 1], label: "t →", labelAnchor: "right", ticks: 5},
    y: {domain, label: "↑ rate of change of p", labelAnchor: "top", labelArrow: "none", ticks: 5},
    marks: [
      Plot.ruleY([0], {stroke: palette.rule}),
      Plot.ruleX([f.t], {stroke: palette.muted, strokeDasharray: "4 4"}),
      Plot.line(f.curves, {x: "t", y: "fixed", stroke: palette.marginal, strokeWidth: 3.5}),
      Plot.line(f.curves, {x: "t", y: "total", stroke: palette.model, strokeWidth: 7, strokeOpacity: 0.55}),
      Plot.line(f.curves, {x: "t", y: "source", stroke: palette.error, strokeWidth: 2.5, strokeDasharray: "8 6"}),
      Plot.dot([f.now], {x: "t", y: "fixed", r: 6, fill: palette.marginal}),
      Plot.dot([f.now], {x: "t", y: "total", r: 6, fill: palette.model}),
      ...labels
    ]
  });
}

/**
 * Partial vs total derivative (deck 3, D3.12): a Gaussian density carried by a linear field, a fixed probe y and a
 * probe riding the flow from x₀. Three curves over t, all closed-form: (∂_t p)(y, t) at the fixed probe;
 * d/dt p(x_t, t) at the moving one, by the chain rule (∂_t p + ∇p·u, with ∂_t p from differentiating the Gaussian,
 * not from the continuity equation); and −p(x_t, t)(∇·u)(x_t, t), which lies on the second.
 */
export const twoProbes: DemoSpec<typeof options, typeof state, TwoProbesFrame> = {
  id: "two-probes",
  description:
    "A fixed probe and a probe riding the flow: the partial derivative ∂ₜp at a point vs the total derivative d/dt p(xₜ, t) = −p ∇·u",
  options,
  state,
  controls: ["scene", "t"],
  player: true,
  drag: {fixed: ["yx", "yy"], start: ["sx", "sy"]},
  examples: [
    {name: "spiral", state: {scene: "spiral", t: "0.5"}},
    {
      name: "rotating anisotropic Gaussian",
      state: {scene: "rotation", t: "0.6", yx: "0.4", yy: "0.9", sx: "1", sy: "0.3"}
    }
  ],
  snapshot: (_o, s) => twoProbesFrame(s),
  render(frame, _o, s) {
    const f = frame ?? twoProbesFrame(s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    for (const part of readoutParts(f)) {
      const span = document.createElement("span");
      span.style.color = part.color;
      span.textContent = part.text;
      readout.append(span);
    }
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural panels-ltr";
    const map = plane(f);
    panels.append(map, curvesPlot(f));
    root.append(readout, panels);
    // The probes are dragged through the plane's scales (the runtime reads them from the root).
    return Object.assign(root, {scale: (name: string) => map.scale(name as "x")});
  },
  advance: playClock(6),
  describe(frame, _o, s) {
    return describeFrame(frame ?? twoProbesFrame(s));
  }
};

export default twoProbes;
