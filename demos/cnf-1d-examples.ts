import * as Plot from "@observablehq/plot";
import {integrate} from "../engine/ode/integrate.ts";
import {choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {svgColor} from "./layers/conventions.ts";
import {densityRaster, figure, histogram} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  n: integer(4000, "samples x₀ ~ N(0, 1) pushed by the exact flow into the histogram", {min: 100, max: 20000}),
  seed: seed(0)
};

const state = {
  example: choice(["constant", "scaling"], "constant", "the field: constant u = μ, or scaling u = a x"),
  mu: number(1.5, "the constant velocity μ of example (a)", {min: -2, max: 2, step: 0.05}),
  a: number(0.7, "the rate a of the scaling field u = a x of example (b)", {min: -1, max: 1, step: 0.05}),
  t: number(0.5, "time t", {min: 0, max: 1, step: 0.01}),
  x0: number(-0.8, "the marked particle's start x₀", {min: -2.5, max: 2.5, step: 0.05})
};

/** Options of `cnf-1d-examples`. */
export type Cnf1dOptions = Values<typeof options>;
/** State of `cnf-1d-examples`. */
export type Cnf1dState = Values<typeof state>;

/** The x range drawn, which is also the histogram's range. */
export const VIEW = [-6, 6] as const;
/** RK4 steps of the augmented ODE that carries the marked particle's log-density. */
export const ODE_STEPS = 40;

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(x; m, s²). */
export function logNormal(x: number, m: number, s: number): number {
  const z = (x - m) / s;
  return -0.5 * z * z - Math.log(s) - 0.5 * LOG_2PI;
}

/** One example: the field, its divergence, its exact flow map and the exact p_t = N(mean_t, sd_t²). */
export interface Example1D {
  velocity(x: number, t: number): number;
  divergence(x: number, t: number): number;
  flow(x0: number, t: number): number;
  mean(t: number): number;
  sd(t: number): number;
}

/** The example a state names: (a) u = μ, (b) u = a x. */
export function exampleOf(s: Pick<Cnf1dState, "example" | "mu" | "a">): Example1D {
  if (s.example === "constant") {
    const mu = s.mu;
    return {
      velocity: () => mu,
      divergence: () => 0,
      flow: (x0, t) => x0 + mu * t,
      mean: (t) => mu * t,
      sd: () => 1
    };
  }
  const a = s.a;
  return {
    velocity: (x) => a * x,
    divergence: () => a,
    flow: (x0, t) => Math.exp(a * t) * x0,
    mean: () => 0,
    sd: (t) => Math.exp(a * t)
  };
}

/** The marked particle's log-density at time t, two ways. */
export interface ParticleCheck {
  x0: number;
  /** x_t by the exact flow map. */
  xt: number;
  /** log p_t(x_t) from the closed form p_t = N(mean_t, sd_t²). */
  closed: number;
  /** log p₀(x₀). */
  logp0: number;
  /** ∫₀ᵗ (∇·u)(x_s) ds, from the augmented ODE. */
  integral: number;
  /** log p₀(x₀) − ∫₀ᵗ ∇·u ds: the ODE d/dt [x; ℓ] = [u; −∇·u] solved by RK4 from [x₀; log p₀(x₀)]. */
  ode: number;
  /** x_t from the same ODE solve (equals xt to the solver's accuracy). */
  odeXt: number;
}

/** log p_t(x_t) by the closed form, and by solving the instantaneous change of variables along the trajectory. */
export function checkParticle(ex: Example1D, x0: number, t: number): ParticleCheck {
  const logp0 = logNormal(x0, 0, 1);
  const xt = ex.flow(x0, t);
  const closed = logNormal(xt, ex.mean(t), ex.sd(t));
  const {y} = integrate(
    (out, yy, s) => {
      out[0] = ex.velocity(yy[0]!, s);
      out[1] = -ex.divergence(yy[0]!, s);
    },
    Float64Array.of(x0, logp0),
    {t0: 0, t1: t, solver: "rk4", steps: ODE_STEPS}
  );
  return {x0, xt, closed, logp0, integral: logp0 - y[1]!, ode: y[1]!, odeXt: y[0]!};
}

/** Everything the figure draws and prints, computed on the page (a few thousand closed-form evaluations). */
export interface Cnf1dFrame {
  example: Example1D;
  /** The n samples x₀ ~ N(0, 1), and their images x_t = φ_t(x₀). */
  x0s: Float64Array;
  pushed: Float64Array;
  check: ParticleCheck;
  /** p_s(x) on the (s, x) grid of the small panel: TIME_CELLS columns of s, X_CELLS rows of x. */
  overTime: {nx: number; ny: number; values: Float64Array};
  /** The particle's trajectory x_s on a grid of s. */
  path: {s: Float64Array; x: Float64Array};
}

const TIME_CELLS = 60;
const X_CELLS = 90;
const PATH_POINTS = 61;

let lastDraw: {key: string; x0s: Float64Array} | undefined;

let lastGrid: {key: string; values: Float64Array} | undefined;

/** p_s(x) on the (s, x) panel's cell centres (it does not depend on t, so a t slider reuses it). */
function timeGrid(ex: Example1D): Float64Array {
  const values = new Float64Array(TIME_CELLS * X_CELLS);
  const [lo, hi] = VIEW;
  for (let j = 0; j < X_CELLS; j++) {
    const x = lo + ((j + 0.5) * (hi - lo)) / X_CELLS;
    for (let i = 0; i < TIME_CELLS; i++) {
      const ts = (i + 0.5) / TIME_CELLS;
      values[j * TIME_CELLS + i] = Math.exp(logNormal(x, ex.mean(ts), ex.sd(ts)));
    }
  }
  return values;
}

/** The frame of a state: samples (redrawn only when n or the seed changes), the check, the (t, x) panel. */
export function computeFrame(o: Cnf1dOptions, s: Cnf1dState): Cnf1dFrame {
  const key = `${o.n} ${o.seed}`;
  if (lastDraw?.key !== key) {
    const r = rng(o.seed);
    const x0s = new Float64Array(o.n);
    for (let i = 0; i < o.n; i++) x0s[i] = r.normal();
    lastDraw = {key, x0s};
  }
  const {x0s} = lastDraw;
  const ex = exampleOf(s);
  const pushed = x0s.map((x) => ex.flow(x, s.t));
  const fieldKey = `${s.example} ${s.mu} ${s.a}`;
  if (lastGrid?.key !== fieldKey) lastGrid = {key: fieldKey, values: timeGrid(ex)};
  const values = lastGrid.values;
  const ps = new Float64Array(PATH_POINTS);
  const px = new Float64Array(PATH_POINTS);
  for (let k = 0; k < PATH_POINTS; k++) {
    ps[k] = k / (PATH_POINTS - 1);
    px[k] = ex.flow(s.x0, ps[k]!);
  }
  return {
    example: ex,
    x0s,
    pushed,
    check: checkParticle(ex, s.x0, s.t),
    overTime: {nx: TIME_CELLS, ny: X_CELLS, values},
    path: {s: ps, x: px}
  };
}

const fmt = (v: number, digits = 3) => (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits).replace("-", "−");

/** The field and p_t in words, for the readout. */
export function fieldLabel(s: Cnf1dState): string {
  return s.example === "constant"
    ? `u = μ = ${fmt(s.mu, 2)}: p_t = N(${fmt(s.mu * s.t, 2)}, 1)`
    : `u = a x, a = ${fmt(s.a, 2)}: p_t = N(0, ${fmt(Math.exp(s.a * s.t), 2)}²)`;
}

/** The two readout lines: the closed form and the ODE route, at the marked particle. */
export function readoutLines(f: Cnf1dFrame): [string, string] {
  const c = f.check;
  return [
    `x₀ ${fmt(c.x0, 2)} → x_t ${fmt(c.xt, 2)} · closed form: log p_t(x_t) = ${fmt(c.closed)}`,
    `ODE: log p₀(x₀) ${fmt(c.logp0)} − ∫₀ᵗ ∇·u ds ${fmt(c.integral)} = ${fmt(c.ode)}`
  ];
}

function describeFrame(f: Cnf1dFrame, o: Cnf1dOptions, s: Cnf1dState): string {
  const [a, b] = readoutLines(f);
  return (
    `At t = ${s.t.toFixed(2)}, ${o.n} samples of N(0, 1) pushed by the exact flow of the field ${fieldLabel(s)} ` +
    `form a histogram under the density p_t; the marked particle: ${a}; ${b} (RK4, ${ODE_STEPS} steps). ` +
    `Below, p_t(x) over time with the particle's path.`
  );
}

/** The density p_t over a histogram of pushed samples, with the marked particle x₀ → x_t. */
function densityFigure(f: Cnf1dFrame, o: Cnf1dOptions, s: Cnf1dState): Element {
  const ex = f.example;
  const pt = (x: number) => Math.exp(logNormal(x, ex.mean(s.t), ex.sd(s.t)));
  const p0 = (x: number) => Math.exp(logNormal(x, 0, 1));
  const peak = 1 / (Math.sqrt(2 * Math.PI) * Math.min(1, ex.sd(s.t)));
  const ymax = peak * 1.15;
  const c = f.check;
  const curve0 = sampleCurve(p0);
  return figure({
    label: `p_t over a histogram of ${o.n} pushed samples at t = ${s.t.toFixed(2)}`,
    description: describeFrame(f, o, s),
    size: [600, 250],
    marginTop: 30,
    marginBottom: 48,
    marginLeft: 70,
    x: {domain: [...VIEW], label: "x", labelOffset: 40},
    y: {domain: [0, ymax], label: "density", ticks: 3},
    marks: [
      Plot.line(curve0, {x: "x", y: "y", stroke: svgColor("source"), strokeWidth: 2, strokeDasharray: "5 4"}),
      histogram(f.pushed, {domain: VIEW, bins: 48, color: "model", curve: pt, curveColor: "marginal"}),
      Plot.ruleX([c.xt], {y1: 0, y2: pt(c.xt), stroke: palette.ink, strokeWidth: 2}),
      Plot.arrow([0], {
        x1: c.x0,
        x2: c.xt,
        y1: ymax * 0.06,
        y2: ymax * 0.06,
        stroke: palette.ink,
        strokeWidth: 2,
        headLength: Math.abs(c.xt - c.x0) > 0.15 ? 10 : 0
      }),
      Plot.dot([c.x0], {
        x: (v: number) => v,
        y: ymax * 0.06,
        r: 6,
        fill: palette.bg,
        stroke: palette.source,
        strokeWidth: 3
      }),
      Plot.dot([c.xt], {x: (v: number) => v, y: pt(c.xt), r: 6, fill: palette.model, stroke: palette.ink}),
      Plot.text(["p₀"], {x: 0, y: p0(0), dy: -14, fill: palette.source, fontWeight: 600}),
      Plot.text(["p_t"], {
        x: ex.mean(s.t),
        y: pt(ex.mean(s.t)),
        dy: -14,
        dx: 20,
        fill: palette.marginal,
        fontWeight: 600
      }),
      Plot.text([fieldLabel(s)], {
        frameAnchor: "top-right",
        dy: -26,
        lineAnchor: "top",
        fontSize: 19,
        fill: palette.ink,
        pointerEvents: "none"
      })
    ]
  });
}

/** p_s(x) over (s, x), the particle's path x_s, and a rule at the current t. */
function timeFigure(f: Cnf1dFrame, s: Cnf1dState): Element {
  const {nx, ny, values} = f.overTime;
  const grid = {nx, ny, extent: [0, 1, VIEW[0], VIEW[1]] as const, values};
  const upTo = f.path.s.findLastIndex((v) => v <= s.t + 1e-9);
  const idx = Array.from(f.path.s.keys());
  return figure({
    label: "p_t(x) over time, with the marked particle's path",
    size: [600, 150],
    marginTop: 8,
    marginBottom: 40,
    marginLeft: 70,
    x: {domain: [0, 1], label: "t", ticks: 5, labelOffset: 38},
    y: {domain: [-4, 4], label: "x", ticks: 3},
    marks: [
      densityRaster(grid, {color: "marginal", opacity: 0.7}),
      Plot.line(idx, {
        x: (k: number) => f.path.s[k],
        y: (k: number) => f.path.x[k],
        stroke: palette.muted,
        strokeWidth: 2
      }),
      Plot.line(
        idx.filter((k) => k <= upTo),
        {x: (k: number) => f.path.s[k], y: (k: number) => f.path.x[k], stroke: palette.model, strokeWidth: 3}
      ),
      Plot.ruleX([s.t], {stroke: palette.ink, strokeDasharray: "4 3"}),
      Plot.text(["p_t(x) over time"], {
        frameAnchor: "top-left",
        dx: 6,
        dy: 4,
        lineAnchor: "top",
        fontSize: 18,
        fill: palette.ink,
        pointerEvents: "none"
      }),
      Plot.dot([0], {x: s.t, y: f.check.xt, r: 6, fill: palette.model, stroke: palette.ink})
    ]
  });
}

function sampleCurve(g: (x: number) => number, n = 241): {x: number; y: number}[] {
  const [lo, hi] = VIEW;
  return Array.from({length: n}, (_, i) => {
    const x = lo + ((hi - lo) * i) / (n - 1);
    return {x, y: g(x)};
  });
}

/**
 * Two 1D worked examples of the instantaneous change of variables (deck 3, D3.15): the constant field u = μ
 * (p_t = N(μt, 1), ∇·u = 0) and the scaling field u = a x (p_t = N(0, e^{2at}), ∇·u = a). The density p_t by its
 * formula over a normalized histogram of N(0, 1) samples pushed by the exact flow; a marked particle x₀ → x_t with its
 * log p_t(x_t) by the closed form and by log p₀(x₀) − ∫₀ᵗ ∇·u ds solved along the trajectory (RK4); below, p_t(x)
 * over (t, x) with the particle's path. All on the page.
 */
export const cnf1dExamples: DemoSpec<typeof options, typeof state, Cnf1dFrame> = {
  id: "cnf-1d-examples",
  description:
    "two 1D flows (u = μ, u = a x): p_t by its formula over a histogram of pushed samples, and a particle's log p_t(x_t) two ways",
  options,
  state,
  controls: ["example", "mu", "a", "t"],
  examples: [
    {name: "scaling, expanding", state: {example: "scaling", a: "0.8", t: "1"}},
    {name: "scaling, contracting", state: {example: "scaling", a: "-0.9", t: "0.8", x0: "1.2"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [first, second] = readoutLines(f);
    readout.append(first, document.createElement("br"), second);
    root.append(readout, densityFigure(f, o, s), timeFigure(f, s));
    return root;
  },
  describe(frame, o, s) {
    return describeFrame(frame ?? computeFrame(o, s), o, s);
  }
};

export default cnf1dExamples;
