import * as Plot from "@observablehq/plot";
import {augment, augmentedDeriv} from "../engine/cnf/augmented.ts";
import {divergenceFn} from "../engine/cnf/divergence.ts";
import {gaussianMixture} from "../engine/data/gaussian-mixture.ts";
import {marginalField, type MarginalField} from "../engine/fm/marginal.ts";
import {integrate} from "../engine/ode/integrate.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {iCfmPath} from "../engine/paths/cfm.ts";
import {FIELD_EXTENT, fieldGrid} from "./fields/presets.ts";
import {arrowField, densityRaster, figure, handles, type Grid} from "./layers/index.ts";
import {endLabels} from "./layers/end-labels.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

const options = {};

const state = {
  t: number(1, "time t: the plane shows p_t and the particle at x_t", {min: 0, max: 1, step: 0.01}),
  sx: number(0.6, "the trajectory's start x₀, first coordinate (drag it)", {min: -2.5, max: 2.5, step: 0.05}),
  sy: number(-0.4, "the trajectory's start x₀, second coordinate", {min: -2.5, max: 2.5, step: 0.05})
};

/** State of `log-density-check`. */
export type LogDensityCheckState = Values<typeof state>;

/** p_0 = N(0, I). */
export const source = gaussianMixture({means: [[0, 0]], cov: 1, name: "N(0, I)"});
/** p_1: three Gaussian bumps. */
export const target = gaussianMixture({
  means: [
    [1.8, 1.2],
    [-1.8, 1.2],
    [0, -1.8]
  ],
  cov: 0.12,
  name: "three Gaussians"
});

/** The exact marginal path from p_0 to p_1 along straight lines x_t = (1 − t) x_0 + t x_1 (CondOT, σ = 0). */
export function checkField(): MarginalField {
  return marginalField(iCfmPath(0), source, target);
}

/** Saved times of the curves. */
export const TIMES = Array.from({length: 101}, (_, i) => i / 100);
/** Dopri5 tolerances of the augmented solve. */
export const TOLERANCE = 1e-10;
const RASTER = 64;

/** One trajectory: x_t, the exact log p(x_t, t), and ℓ(t) = log p_0(x_0) − ∫₀ᵗ ∇·u accumulated by the solver. */
export interface Trajectory {
  x0: [number, number];
  /** [times, 2] positions. */
  xs: Float64Array;
  exact: Float64Array;
  accumulated: Float64Array;
  /** −∫₀ᵗ ∇·u (x_s) ds. */
  integral: Float64Array;
  logP0: number;
  gap: number;
  nfe: number;
}

/** Solves the augmented ODE [x, ℓ] forward from (x_0, log p_0(x_0)) and compares ℓ(t) with the closed form. */
export function solveTrajectory(field: MarginalField, x0: [number, number]): Trajectory {
  const x = Float64Array.from(x0);
  const logP0 = source.logDensity(new Float64Array(1), x, 1)[0]!;
  const deriv = augmentedDeriv(field, 1, divergenceFn(field, 1), -1);
  const run = integrate(deriv, augment(x, 1, 2, Float64Array.of(logP0)), {
    solver: "dopri5",
    rtol: TOLERANCE,
    atol: TOLERANCE,
    saveAt: TIMES
  });
  const n = TIMES.length;
  const xs = new Float64Array(2 * n);
  const exact = new Float64Array(n);
  const accumulated = new Float64Array(n);
  const integral = new Float64Array(n);
  const one = new Float64Array(1);
  let gap = 0;
  run.trajectory!.y.forEach((y, i) => {
    xs[2 * i] = y[0]!;
    xs[2 * i + 1] = y[1]!;
    accumulated[i] = y[2]!;
    integral[i] = y[2]! - logP0;
    field.logDensity(one, y.subarray(0, 2), 1, TIMES[i]!);
    exact[i] = one[0]!;
    gap = Math.max(gap, Math.abs(exact[i]! - accumulated[i]!));
  });
  return {x0, xs, exact, accumulated, integral, logP0, gap, nfe: run.nfe};
}

/** Everything the figure shows. */
export interface LogDensityCheckFrame {
  t: number;
  trajectory: Trajectory;
  /** Index of the saved time nearest t. */
  k: number;
  density: Grid;
  densityMax: number;
  arrows: Grid;
}

let cache: {key: string; trajectory: Trajectory} | undefined;
let field: MarginalField | undefined;

/** The frame: one augmented solve (cached per start) and p_t on a grid. */
export function logDensityCheckFrame(s: LogDensityCheckState): LogDensityCheckFrame {
  field ??= checkField();
  const key = `${s.sx},${s.sy}`;
  if (cache?.key !== key) cache = {key, trajectory: solveTrajectory(field, [s.sx, s.sy])};
  const [e0, e1, f0, f1] = FIELD_EXTENT;
  const points = new Float64Array(2 * RASTER * RASTER);
  for (let j = 0; j < RASTER; j++) {
    for (let i = 0; i < RASTER; i++) {
      points[2 * (j * RASTER + i)] = e0 + ((i + 0.5) * (e1 - e0)) / RASTER;
      points[2 * (j * RASTER + i) + 1] = f0 + ((j + 0.5) * (f1 - f0)) / RASTER;
    }
  }
  const values = new Float64Array(RASTER * RASTER);
  field.logDensity(values, points, RASTER * RASTER, s.t);
  let densityMax = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i]!);
    densityMax = Math.max(densityMax, values[i]!);
  }
  return {
    t: s.t,
    trajectory: cache.trajectory,
    k: Math.round(s.t * (TIMES.length - 1)),
    density: {nx: RASTER, ny: RASTER, extent: FIELD_EXTENT, values},
    densityMax,
    arrows: fieldGrid(field, s.t, 13)
  };
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);

/** The two readout lines: the sum at time t, and the largest gap over [0, 1]. */
export function readoutLines(f: LogDensityCheckFrame): [string, string] {
  const tr = f.trajectory;
  const k = f.k;
  return [
    `t = ${TIMES[k]!.toFixed(2)}: ${fmt(tr.logP0)} + (${fmt(tr.integral[k]!)}) = ${fmt(tr.accumulated[k]!, 4)} ODE · ` +
      `${fmt(tr.exact[k]!, 4)} exact`,
    `largest gap ${tr.gap.toExponential(1)} · Dopri5 tol ${TOLERANCE.toExponential(0)} · ${tr.nfe} evaluations`
  ];
}

function describeFrame(f: LogDensityCheckFrame): string {
  const [a, b] = readoutLines(f);
  return (
    `One trajectory of the exact flow from N(0, I) to three Gaussian bumps, started at ` +
    `(${fmt(f.trajectory.x0[0])}, ${fmt(f.trajectory.x0[1])}). ${a}. ${b}.`
  );
}

function plane(f: LogDensityCheckFrame): ReturnType<typeof Plot.plot> {
  const [e0, e1, f0, f1] = FIELD_EXTENT;
  const tr = f.trajectory;
  const pts = TIMES.map((_, i) => [tr.xs[2 * i]!, tr.xs[2 * i + 1]!] as const);
  const xt = pts[f.k]!;
  return figure({
    label: "the density p_t and one trajectory",
    description: describeFrame(f),
    size: [290, 290],
    equal: true,
    marginLeft: 56,
    marginBottom: 40,
    x: {domain: [e0, e1], label: null, ticks: 5},
    y: {domain: [f0, f1], label: null, ticks: 5},
    marks: [
      densityRaster(f.density, {color: "marginal", max: f.densityMax, opacity: 0.7}),
      arrowField(f.arrows, {kind: "muted", opacity: 0.6, strokeWidth: 1.6}),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.line(pts, {x: "0", y: "1", stroke: palette.model, strokeOpacity: 0.3, strokeWidth: 2}),
      Plot.line(pts.slice(0, f.k + 1), {x: "0", y: "1", stroke: palette.model, strokeWidth: 3}),
      Plot.dot([xt], {x: "0", y: "1", r: 8, fill: palette.model, stroke: palette.bg, strokeWidth: 1.5}),
      Plot.text([xt], {x: "0", y: "1", text: () => "xₜ", dx: 16, dy: -12, fill: palette.model, fontWeight: 600}),
      handles([{name: "start", x: tr.x0[0], y: tr.x0[1], color: "source", label: "the trajectory's start x₀"}])
    ]
  });
}

function curves(f: LogDensityCheckFrame): ReturnType<typeof Plot.plot> {
  const tr = f.trajectory;
  const rows = TIMES.map((t, i) => ({t, exact: tr.exact[i]!, accumulated: tr.accumulated[i]!}));
  const now = rows[f.k]!;
  let [lo, hi] = [Infinity, -Infinity];
  for (const r of rows) [lo, hi] = [Math.min(lo, r.exact, r.accumulated), Math.max(hi, r.exact, r.accumulated)];
  const pad = 0.08 * Math.max(hi - lo, 0.02);
  const domain = [lo - pad, hi + pad] as const;
  const last = rows.at(-1)!;
  // The two curves coincide: their labels at t = 1 are dodged apart, each naming its curve where it is drawn.
  const labels = endLabels(
    [
      {text: "exact", y: last.exact, color: palette.marginal},
      {text: "ODE", y: last.accumulated, color: palette.model}
    ],
    {x: 1, domain, height: 290 - 34 - 56 - 12}
  );
  return figure({
    label: "log p(x_t, t): closed form vs accumulated divergence",
    size: [320, 290],
    marginLeft: 76,
    marginRight: 60,
    marginTop: 34,
    marginBottom: 56,
    x: {domain: [0, 1], label: "t →", labelAnchor: "right", ticks: 2},
    y: {domain, label: "↑ log p(xₜ, t)", labelAnchor: "top", labelArrow: "none", ticks: 5},
    marks: [
      Plot.ruleX([f.t], {stroke: palette.muted, strokeDasharray: "4 4"}),
      Plot.line(rows, {x: "t", y: "exact", stroke: palette.marginal, strokeWidth: 8, strokeOpacity: 0.5}),
      Plot.line(rows, {x: "t", y: "accumulated", stroke: palette.model, strokeWidth: 2.5, strokeDasharray: "8 6"}),
      Plot.dot([now], {x: "t", y: "accumulated", r: 6, fill: palette.model}),
      ...labels
    ]
  });
}

/**
 * The instantaneous change of variables checked numerically (deck 3, D3.13): one trajectory of the exact
 * (closed-form) marginal field from N(0, I) to three Gaussians, the augmented ODE [x, ℓ] solved forward with Dopri5
 * from ℓ(0) = log p_0(x_0) with dℓ/dt = −∇·u, against the closed-form log p(x_t, t) of the path: the curves coincide.
 */
export const logDensityCheck: DemoSpec<typeof options, typeof state, LogDensityCheckFrame> = {
  id: "log-density-check",
  description:
    "log p(xₜ, t) along one trajectory: the closed form against log p₀(x₀) − ∫₀ᵗ ∇·u accumulated by the ODE solver",
  options,
  state,
  controls: ["t"],
  player: true,
  drag: {start: ["sx", "sy"]},
  examples: [
    {name: "start near the origin", state: {sx: "0.1", sy: "0.2", t: "0.7"}},
    {name: "start in the tail", state: {sx: "-2", sy: "-1.5", t: "1"}}
  ],
  snapshot: (_o, s) => logDensityCheckFrame(s),
  render(frame, _o, s) {
    const f = frame ?? logDensityCheckFrame(s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [a, b] = readoutLines(f);
    const [sum, exact] = a.split(" · ");
    const coloured = (text: string, color: string) =>
      Object.assign(document.createElement("span"), {textContent: text, style: `color: ${color}`});
    readout.append(coloured(`${sum!} · `, palette.model), coloured(exact!, palette.marginal));
    readout.append(document.createElement("br"), b);
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural panels-ltr";
    const map = plane(f);
    panels.append(map, curves(f));
    root.append(readout, panels);
    return Object.assign(root, {scale: (name: string) => map.scale(name as "x")});
  },
  advance: playClock(5),
  describe(frame, _o, s) {
    return describeFrame(frame ?? logDensityCheckFrame(s));
  }
};

export default logDensityCheck;
