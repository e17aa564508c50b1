import * as Plot from "@observablehq/plot";
import {choice, integer, number, type Values} from "../engine/options/schema.ts";
import {dopri5} from "../engine/ode/dopri5.ts";
import {integrate} from "../engine/ode/integrate.ts";
import type {Deriv} from "../engine/ode/stepper.ts";
import {svgColor} from "./layers/conventions.ts";
import {arrowField, figure} from "./layers/index.ts";
import {exactPath, pathKey, stepPath} from "./layers/solution-paths.ts";
import {FIELD_EXTENT, fieldGrid, presetField, presetText} from "./fields/presets.ts";
import {turningFlow} from "./fields/turning-flow.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The methods of the dropdown: four fixed-step ones, then the adaptive Dormand–Prince 5(4). */
export const METHODS = ["euler", "midpoint", "heun", "rk4", "dopri5"] as const;
export type Method = (typeof METHODS)[number];
/** Presets with an exact flow map whose speed or shape makes the methods differ. */
export const SOLVER_PRESETS = ["swirl", "spiral", "rotation"] as const;
export type SolverPreset = (typeof SOLVER_PRESETS)[number];

/** Where every solve starts. */
export const START: readonly [number, number] = [2, 0];

const options = {
  preset: choice(SOLVER_PRESETS, "swirl", "the velocity field u_t(x): swirl turns faster and faster"),
  strength: number(3, "the field's strength k", {min: 0.5, max: 6})
};

const state = {
  method: choice(METHODS, "euler", "the ODE solver"),
  steps: integer(8, "number N of equal steps (fixed-step methods)", {min: 1, max: 128}),
  rtol: number(-4, "dopri5's relative tolerance, as a power of ten", {min: -10, max: -1, step: 0.5}),
  atol: number(-6, "dopri5's absolute tolerance, as a power of ten", {min: -10, max: -1, step: 0.5}),
  view: choice(["plane", "cost"], "plane", "the path in the plane, or error against cost (NFE) for every method")
};

/** Options of `ode-solvers`. */
export type OdeSolversOptions = Values<typeof options>;
/** State of `ode-solvers`. */
export type OdeSolversState = Values<typeof state>;

/** One evaluation of u made by the solver: where and when. */
export interface Evaluation {
  t: number;
  x: number;
  y: number;
}

/** One solve from START to t = 1, observed: its step ends, its rejected attempts and every evaluation of u. */
export interface Solve {
  method: Method;
  /** Accepted step ends, START first. */
  steps: Evaluation[];
  /** Where each rejected dopri5 attempt would have ended (its last stage). */
  rejected: Evaluation[];
  /** Every evaluation of u, in order: its count is the NFE. */
  evaluations: Evaluation[];
  /** The solver's own count of evaluations (equal to evaluations.length). */
  nfe: number;
  /** |x(1) − φ₁(x₀)|. */
  error: number;
}

/** Parameters of one solve. */
export interface SolveSpec {
  preset: SolverPreset;
  strength: number;
  method: Method;
  /** Fixed-step methods: N. */
  steps?: number;
  /** dopri5: tolerances (plain numbers, not powers of ten). */
  rtol?: number;
  atol?: number;
}

/**
 * Solves dx/dt = u_t(x) from START over [0, 1] with the engine's solver, recording every evaluation of u (a wrapped
 * field) and, for dopri5, its accepted steps (the solver's step observer). A dopri5 attempt evaluates its six stages
 * in order and the sixth is u at (t + h, candidate x_{n+1}) (FSAL), so an attempt whose end the observer did not
 * report was rejected: its end is drawn as a cross.
 */
export function solve(spec: SolveSpec): Solve {
  const field = presetField(spec.preset, spec.strength);
  const evaluations: Evaluation[] = [];
  const f: Deriv = (out, y, t) => {
    evaluations.push({t, x: y[0]!, y: y[1]!});
    field.velocity(out, y, 1, t);
  };
  const y0 = Float64Array.from(START);
  const first: Evaluation = {t: 0, x: START[0], y: START[1]};
  let end: Float64Array;
  let steps: Evaluation[];
  let rejected: Evaluation[] = [];
  let nfe: number;
  if (spec.method === "dopri5") {
    const accepted: Evaluation[] = [first];
    const result = dopri5({rtol: spec.rtol ?? 1e-4, atol: spec.atol ?? 1e-6}).solve(
      f,
      y0,
      0,
      1,
      (_t, tNext, _y, yNext) => accepted.push({t: tNext, x: yNext[0]!, y: yNext[1]!})
    );
    end = result.y;
    nfe = result.nfe;
    steps = accepted;
    rejected = rejectedAttempts(evaluations, accepted);
    if (rejected.length !== result.rejected) {
      throw new Error(`ode-solvers: found ${rejected.length} rejected attempts, dopri5 reports ${result.rejected}`);
    }
  } else {
    const n = spec.steps ?? 8;
    const result = integrate(f, y0, {solver: spec.method, steps: n, saveAt: "steps"});
    end = result.y;
    nfe = result.nfe;
    steps = result.trajectory!.y.map((y, i) => ({t: result.trajectory!.t[i]!, x: y[0]!, y: y[1]!}));
  }
  const exact = turningFlow(spec.preset, spec.strength, START, 1);
  return {
    method: spec.method,
    steps,
    rejected,
    evaluations,
    nfe,
    error: Math.hypot(end[0]! - exact[0]!, end[1]! - exact[1]!)
  };
}

/**
 * The rejected attempts of a dopri5 solve from its evaluations: two to start (u at t₀ and Hairer's probe for the first
 * step), then six per attempt, the last at the attempt's end; an attempt whose end is not the next accepted step was
 * rejected.
 */
function rejectedAttempts(evaluations: readonly Evaluation[], accepted: readonly Evaluation[]): Evaluation[] {
  const out: Evaluation[] = [];
  let next = 1;
  for (let i = 2 + 5; i < evaluations.length; i += 6) {
    const e = evaluations[i]!;
    const a = accepted[next];
    if (a && a.t === e.t && a.x === e.x && a.y === e.y) next++;
    else out.push(e);
  }
  return out;
}

/** The error of a method at a setting: the demo's own error function (the tests measure orders with it). */
export function solveError(spec: SolveSpec): number {
  return solve(spec).error;
}

/** Error against NFE for one method: N = 2, 4, …, 256 for fixed steps, tolerances 10⁻², …, 10⁻¹⁰ for dopri5. */
export interface CostCurve {
  method: Method;
  points: {nfe: number; error: number}[];
}

export const COST_STEPS = [2, 4, 8, 16, 32, 64, 128, 256] as const;
export const COST_TOLERANCES = [-2, -3, -4, -5, -6, -7, -8, -9, -10] as const;

/** Every method's error-vs-NFE curve on the preset (≈ 6,000 evaluations of u in all). */
export function costCurves(preset: SolverPreset, strength: number): CostCurve[] {
  return METHODS.map((method) => ({
    method,
    points:
      method === "dopri5"
        ? COST_TOLERANCES.map((p) => {
            const s = solve({preset, strength, method, rtol: 10 ** p, atol: 10 ** p});
            return {nfe: s.nfe, error: s.error};
          })
        : COST_STEPS.map((n) => {
            const s = solve({preset, strength, method, steps: n});
            return {nfe: s.nfe, error: s.error};
          })
  }));
}

const curveCache = new Map<string, CostCurve[]>();

/** The cost curves depend on the options only: computed once per preset and strength, kept for the page's life. */
function cachedCurves(preset: SolverPreset, strength: number): CostCurve[] {
  const key = `${preset} ${strength}`;
  let curves = curveCache.get(key);
  if (!curves) curveCache.set(key, (curves = costCurves(preset, strength)));
  return curves;
}

export interface OdeSolversFrame {
  preset: SolverPreset;
  strength: number;
  solve: Solve;
  /** The exact path φ_t(START), t from 0 to 1. */
  exact: {x: number; y: number}[];
  /** Present in the cost view. */
  curves?: CostCurve[];
}

/** The frame, computed on the page: one solve (≤ 512 evaluations at default settings), plus the cost curves. */
export function computeFrame(o: OdeSolversOptions, s: OdeSolversState): OdeSolversFrame {
  const run = solve({
    preset: o.preset,
    strength: o.strength,
    method: s.method,
    steps: s.steps,
    rtol: 10 ** s.rtol,
    atol: 10 ** s.atol
  });
  const exact = Array.from({length: 181}, (_, i) => {
    const [x, y] = turningFlow(o.preset, o.strength, START, i / 180);
    return {x, y};
  });
  return {
    preset: o.preset,
    strength: o.strength,
    solve: run,
    exact,
    ...(s.view === "cost" && {curves: cachedCurves(o.preset, o.strength)})
  };
}

const LABEL: Record<Method, string> = {
  euler: "Euler",
  midpoint: "midpoint",
  heun: "Heun",
  rk4: "RK4",
  dopri5: "Dopri5"
};

function fmt(v: number): string {
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toPrecision(3);
}

/** The solver's direct label: its name and step size h (Dopri5 chooses its own steps). */
function methodLabel(r: Solve): string {
  return r.method === "dopri5" ? "Dopri5" : `${LABEL[r.method]} h = ${fmt(1 / (r.steps.length - 1))}`;
}

/** The two readout lines: the method's setting and step counts, then NFE and the global error. */
export function readoutLines(f: OdeSolversFrame): [string, string] {
  const r = f.solve;
  if (r.method === "dopri5") {
    return [
      `Dopri5: ${r.steps.length - 1} accepted steps, ${r.rejected.length} rejected ✕`,
      `NFE = ${r.nfe}, error |x₁ − φ₁(x₀)| = ${fmt(r.error)}`
    ];
  }
  const n = r.steps.length - 1;
  return [
    `${LABEL[r.method]}, N = ${n} steps, h = ${fmt(1 / n)}`,
    `NFE = ${r.nfe} (${r.nfe / n} per step), error = ${fmt(r.error)}`
  ];
}

/**
 * Solvers compared on one problem (slide D3.6): the swirl u_t(x) = k(1 + 2t)(−x₂, x₁) turns faster and faster, and its
 * exact path from x₀ = (2, 0) is an arc of a circle (a thin line ending in a ring). The plane view draws the solver's
 * path through its step ends (dots), every other evaluation of u as a small ring (the midpoint's half-step probe,
 * RK4's stages), dopri5's rejected attempts as red crosses, and the final error in red, the two styles named in a key; readouts
 * print the NFE counted on the field and the error.
 * The cost view plots error against NFE for every method on log-log axes (slopes −1, −2, −2, −4, −5).
 */
export const odeSolvers: DemoSpec<typeof options, typeof state, OdeSolversFrame> = {
  id: "ode-solvers",
  description: "Euler, midpoint, Heun, RK4 and adaptive Dopri5 on one field: step dots, rejected steps, NFE and error",
  options,
  state,
  controls: ["method", "steps", "rtol", "atol"],
  examples: [
    {name: "rk4, 4 steps", state: {method: "rk4", steps: "4"}},
    {name: "dopri5", state: {method: "dopri5", rtol: "-5", atol: "-6"}},
    {name: "cost", state: {view: "cost", method: "rk4"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const main = s.view === "cost" && f.curves ? costFigure(f) : planeFigure(f);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [a, b] = readoutLines(f);
    readout.append(a, document.createElement("br"), b);
    root.append(readout, main);
    return root;
  },
  describe(frame, o, s) {
    return describeFrame(frame ?? computeFrame(o, s));
  }
};

function planeFigure(f: OdeSolversFrame) {
  const [x0, x1, y0, y1] = FIELD_EXTENT;
  const r = f.solve;
  const stepKeys = new Set(r.steps.map((e) => `${e.t},${e.x},${e.y}`));
  const probes = r.evaluations.filter((e) => !stepKeys.has(`${e.t},${e.x},${e.y}`));
  const end = r.steps[r.steps.length - 1]!;
  const exactEnd = f.exact[f.exact.length - 1]!;
  return figure({
    label: `${LABEL[r.method]} on the ${f.preset} field: steps, evaluations and the exact path`,
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
      arrowField(fieldGrid(presetField(f.preset, f.strength), 0.5, 13), {
        kind: "muted",
        opacity: 0.4,
        strokeWidth: 1.5
      }),
      exactPath(f.exact, {clip: false}),
      Plot.dot(probes, {x: "x", y: "y", r: 3, stroke: svgColor("model"), strokeWidth: 1.5, fill: "none"}),
      stepPath(r.steps, {r: 4.5, clip: false}),
      Plot.dot(r.rejected, {x: "x", y: "y", r: 7, symbol: "times", stroke: svgColor("error"), strokeWidth: 3}),
      Plot.link([{}], {
        x1: end.x,
        y1: end.y,
        x2: exactEnd.x,
        y2: exactEnd.y,
        stroke: svgColor("error"),
        strokeWidth: 3
      }),
      Plot.dot([r.steps[0]!], {x: "x", y: "y", r: 6, fill: svgColor("source"), stroke: svgColor("bg")}),
      pathKey(methodLabel(r), {avoid: [...f.exact, ...r.evaluations, ...r.rejected]})
    ]
  });
}

function costFigure(f: OdeSolversFrame) {
  const rows = f.curves!.flatMap((c) => c.points.map((p) => ({...p, method: c.method})));
  const finite = rows.filter((p) => p.error > 0);
  const current = f.solve;
  // Midpoint and Heun nearly coincide: one label for both.
  const labels = f
    .curves!.filter((c) => c.method !== "heun")
    .map((c) => ({...c.points[c.points.length - 1]!, method: c.method}));
  return figure({
    label: "error against the number of evaluations for each solver, log-log",
    description: describeFrame(f),
    size: [560, 400],
    marginTop: 10,
    marginRight: 150,
    marginBottom: 56,
    marginLeft: 96,
    x: {type: "log", label: "NFE", labelOffset: 44},
    y: {
      type: "log",
      label: "error",
      labelOffset: 84,
      ticks: 4,
      tickFormat: (v: number) => `1e${Math.round(Math.log10(v))}`
    },
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.line(finite, {
        x: "nfe",
        y: "error",
        z: "method",
        stroke: (d: {method: Method}) => (d.method === current.method ? svgColor("model") : svgColor("muted")),
        strokeWidth: (d: {method: Method}) => (d.method === current.method ? 3 : 1.8),
        marker: "circle-stroke"
      }),
      Plot.text(
        labels.filter((d) => d.error > 0),
        {
          x: "nfe",
          y: "error",
          text: (d: {method: Method}) => (d.method === "midpoint" ? "midpoint, Heun" : LABEL[d.method]),
          dx: 8,
          textAnchor: "start",
          fill: (d: {method: Method}) => (d.method === current.method ? svgColor("model") : palette.ink),
          fontSize: 20
        }
      ),
      current.error > 0
        ? Plot.dot([{nfe: current.nfe, error: current.error}], {
            x: "nfe",
            y: "error",
            r: 8,
            stroke: svgColor("model"),
            strokeWidth: 3,
            fill: "none"
          })
        : null
    ]
  });
}

function describeFrame(f: OdeSolversFrame): string {
  const [a, b] = readoutLines(f);
  const base =
    `Field ${presetText[f.preset]} with k = ${f.strength}, start x₀ = (${START.join(", ")}); the exact path is a thin ` +
    `brown line ending in a ring, keyed "exact"; the solver's path is purple with a dot at every step, keyed ` +
    `"${methodLabel(f.solve)}", its other evaluations purple rings. ${a}. ${b}.`;
  if (!f.curves) return base;
  return (
    base +
    " Error against NFE, log-log: " +
    f.curves
      .map((c) => `${LABEL[c.method]} from ${fmt(c.points[0]!.error)} to ${fmt(c.points[c.points.length - 1]!.error)}`)
      .join("; ") +
    "."
  );
}

export default odeSolvers;
