import * as Plot from "@observablehq/plot";
import {fixedPointInverse} from "../engine/flows/fixed-point.ts";
import {choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {figure, handles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import {residualBranch} from "./residual/branch.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  branch: choice(["mlp", "double"], "mlp", "the residual branch: D2.18's c·ũ, or u(z) = 2z (f(z) = 3z, L = 2)"),
  depth: integer(2, "hidden layers of the branch's MLP (width 32), as on the residual-block slide", {min: 1, max: 3}),
  seed: seed(2, "seed of the branch's weights (as on the residual-block slide)")
};

/** The most iterations drawn. */
export const MAX_ITERATIONS = 40;
const state = {
  c: number(0.9, "L, the branch's Lipschitz constant (u = L·ũ/max‖J_ũ‖₂ measured on [−10, 10]²)", {
    min: 0.1,
    max: 0.98,
    step: 0.01
  }),
  x1: number(2.5, "the data point x, first coordinate (drag it)", {min: -3, max: 3, step: 0.05}),
  x2: number(-2.5, "the data point x, second coordinate (drag it)", {min: -3, max: 3, step: 0.05}),
  iterations: number(12, "fixed-point iterations z ← x − u(z)", {min: 1, max: MAX_ITERATIONS, step: 1})
};

/** Options of `fixed-point`. */
export type FixedPointDemoOptions = Values<typeof options>;
/** State of `fixed-point`. */
export type FixedPointDemoState = Values<typeof state>;

/** The plane drawn, [−PLANE, PLANE]²: x stays in [−3, 3]², and z* = f⁻¹(x) can lie about twice as far out. */
export const PLANE = 7;
/** An error this large (or a non-finite iterate) stops the iteration: it diverges. */
export const DIVERGED = 1e6;
/** Errors below this are at rounding level: the measured rate ignores them. */
const FLOOR = 1e-13;

/** The branch u as `fixedPointInverse` wants it, with its Lipschitz constant L. */
export function branchOf(o: FixedPointDemoOptions, c: number) {
  if (o.branch === "double") {
    return {lipschitz: 2, u: (out: Float64Array, z: Float64Array) => out.set(z.map((v) => 2 * v))};
  }
  const b = residualBranch(o.seed, o.depth);
  // c is L itself: ũ's steepest slope over the wide box [−10, 10]² (where the iterates stay) is divided out.
  const k = c / b.wideSlope();
  return {lipschitz: c, u: (out: Float64Array, z: Float64Array) => out.set(b.evaluate(z).map((v) => k * v))};
}

/** What the two panels show. */
export interface FixedPointFrame {
  branch: "mlp" | "double";
  x: [number, number];
  /** L: c for the MLP branch, 2 for u(z) = 2z. */
  lipschitz: number;
  /** z⁽⁰⁾ = x, z⁽¹⁾, … as the engine's fixedPointInverse returns them (cut where the iteration diverged). */
  iterates: Float64Array[];
  /** The solution z* = f⁻¹(x) (fixed point to 1e-15, or x/3 for u = 2z). */
  star: [number, number];
  /** ‖z⁽ⁿ⁾ − z*‖ for every drawn iterate. */
  errors: number[];
  /** L^n/(1 − L)·‖u(x)‖ for n = 0 … MAX_ITERATIONS when L < 1 (Banach's bound), else empty. */
  bounds: number[];
  diverged: boolean;
  /** The measured rate: the mean of log(e_n / e_{n−1}) over the last (up to 5) steps above rounding level. */
  measuredRate: number;
  /** log ρ(J_u(z*)), the asymptotic rate. */
  logRho: number;
}

/** Spectral radius of a 2×2 matrix [a, b; c, d]. */
export function spectralRadius2(a: number, b: number, c: number, d: number): number {
  const half = (a + d) / 2;
  const disc = half * half - (a * d - b * c);
  if (disc < 0) return Math.sqrt(a * d - b * c);
  return Math.abs(half) + Math.sqrt(disc);
}

/** The frame: up to 40 iterations of one point (and up to a few thousand for z*), on the page. */
export function computeFrame(o: FixedPointDemoOptions, s: FixedPointDemoState): FixedPointFrame {
  const x = Float64Array.of(s.x1, s.x2);
  const {u, lipschitz} = branchOf(o, s.c);
  const n = Math.round(s.iterations);
  const run = fixedPointInverse(u, x, {atol: 0, rtol: 0, maxIterations: n, keepIterates: true});
  let star: [number, number];
  let logRho: number;
  if (o.branch === "double") {
    star = [s.x1 / 3, s.x2 / 3];
    logRho = Math.log(2);
  } else {
    const solved = fixedPointInverse(u, x, {atol: 1e-15, rtol: 1e-15, maxIterations: 5000});
    star = [solved.z[0]!, solved.z[1]!];
    const b = residualBranch(o.seed, o.depth);
    const k = s.c / b.wideSlope();
    const j = b.evaluateWithJacobian(Float64Array.from(star)).jacobians;
    logRho = Math.log(spectralRadius2(k * j[0]!, k * j[1]!, k * j[2]!, k * j[3]!));
  }
  const iterates: Float64Array[] = [];
  const errors: number[] = [];
  let diverged = false;
  for (const z of run.iterates!) {
    const e = Math.hypot(z[0]! - star[0], z[1]! - star[1]);
    if (!(e < DIVERGED)) {
      diverged = true;
      break;
    }
    iterates.push(z);
    errors.push(e);
  }
  // ‖u(x)‖ = ‖z⁽¹⁾ − z⁽⁰⁾‖.
  const ux = new Float64Array(2);
  u(ux, x);
  const first = Math.hypot(ux[0]!, ux[1]!);
  // The bound for every n up to the slider's end, so the dashed line shows where it is heading.
  const bounds =
    lipschitz < 1 ? Array.from({length: MAX_ITERATIONS + 1}, (_, k) => (lipschitz ** k / (1 - lipschitz)) * first) : [];
  const ratios: number[] = [];
  for (let k = errors.length - 1; k >= 1 && ratios.length < 5; k--) {
    if (errors[k]! > FLOOR && errors[k - 1]! > FLOOR) ratios.push(Math.log(errors[k]! / errors[k - 1]!));
  }
  const measuredRate = ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : NaN;
  return {
    branch: o.branch,
    x: [s.x1, s.x2],
    lipschitz,
    iterates,
    star,
    errors,
    bounds,
    diverged: diverged || (o.branch === "double" && errors.at(-1)! > errors[0]!),
    measuredRate,
    logRho
  };
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);
const sci = (v: number) => v.toExponential(1).replace("e-", "e−").replace("e+", "e");
/** "= 1.4e−8", or "< 1e−15" at rounding level. */
const errorText = (v: number) => (v < 1e-15 ? "< 1e−15" : `= ${sci(v)}`);

/** The readout: the error against the bound, and the measured rate against log L and log ρ(J_u(z*)). */
export function readoutLines(f: FixedPointFrame): [string, string] {
  const n = f.errors.length - 1;
  if (f.diverged) {
    return [
      `u(z) = 2z: f(z) = 3z is invertible (z* = x/3), but L = 2 > 1 and the iteration diverges`,
      `after ${n} steps ‖z⁽ⁿ⁾ − z*‖ = ${sci(f.errors[n]!)}: the error doubles each step${f.errors.length < MAX_ITERATIONS + 1 && f.errors[n]! * 2 >= DIVERGED ? " (stopped)" : ""}`
    ];
  }
  const rate = Number.isFinite(f.measuredRate) ? fmt(f.measuredRate) : "—";
  return [
    `n = ${n}: ‖z⁽ⁿ⁾ − z*‖ ${errorText(f.errors[n]!)} ≤ Banach bound ${sci(f.bounds[n]!)}`,
    `slope ${rate} per step · log L = ${fmt(Math.log(f.lipschitz))} · log ρ(J_u(z*)) = ${fmt(f.logRho)}`
  ];
}

function describeFrame(f: FixedPointFrame): string {
  const [a, b] = readoutLines(f);
  return (
    `Fixed-point inversion of x = z + u(z) at x = (${fmt(f.x[0])}, ${fmt(f.x[1])}): the iterates z⁽ⁿ⁺¹⁾ = x − u(z⁽ⁿ⁾) ` +
    `from z⁽⁰⁾ = x as a polyline towards z* = (${fmt(f.star[0], 3)}, ${fmt(f.star[1], 3)}), and the error against n on ` +
    `a log scale${f.bounds.length ? " with Banach's bound dashed" : ""}. ${a}. ${b}.`
  );
}

/**
 * D2.20 (FAQ 2): inverting the residual block of D2.18 by Banach's fixed-point iteration. Drag the data point x; the
 * engine's iterates z⁽ⁿ⁾ (fixedPointInverse) walk from x to z* = f⁻¹(x), and their error stays under the bound
 * Lⁿ/(1 − L)·‖u(x)‖; its slope is log ρ(J_u(z*)) in the end, steeper than log L. The u(z) = 2z branch diverges.
 */
export const fixedPoint: DemoSpec<typeof options, typeof state, FixedPointFrame> = {
  id: "fixed-point",
  description:
    "Inverting x = z + u(z) by z ← x − u(z): the 2D cobweb and its error under Banach's bound Lⁿ/(1 − L)·‖u(x)‖",
  options,
  state,
  controls: ["c", "iterations", "branch"],
  drag: {x: ["x1", "x2"]},
  examples: [
    {name: "L = 0.97, slow", state: {c: "0.97", iterations: "40"}},
    {name: "u(z) = 2z diverges", options: {branch: "double"}, state: {x1: "1", x2: "0.5", iterations: "12"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const description = describeFrame(f);
    const path = f.iterates.map((z, n) => ({n, x: z[0]!, y: z[1]!}));
    const plane = figure({
      label: "the fixed-point iterates in the plane",
      description,
      size: [320, 320],
      equal: true,
      marginLeft: 46,
      marginBottom: 34,
      marginTop: 12,
      marginRight: 8,
      clip: true,
      x: {domain: [-PLANE, PLANE], label: null, ticks: 3},
      y: {domain: [-PLANE, PLANE], label: null, ticks: 3},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        Plot.line(path, {x: "x", y: "y", stroke: palette.model, strokeWidth: 2}),
        Plot.dot(path, {x: "x", y: "y", fill: palette.model, r: 3.5}),
        Plot.dot([f.star], {
          x: (d: number[]) => d[0],
          y: (d: number[]) => d[1],
          r: 8,
          stroke: palette.source,
          strokeWidth: 3,
          fill: palette.bg
        }),
        Plot.text([f.star], {
          x: (d: number[]) => d[0],
          y: (d: number[]) => d[1],
          text: () => "z*",
          dx: 16,
          dy: 16,
          fill: palette.source,
          fontSize: 22
        }),
        Plot.dot([f.x], {
          x: (d: number[]) => d[0],
          y: (d: number[]) => d[1],
          symbol: "diamond2",
          r: 9,
          fill: palette.target
        }),
        handles([{name: "x", x: f.x[0], y: f.x[1], label: "the data point x", color: "target"}])
      ]
    });
    const errs = f.errors.map((e, n) => ({n, e: Math.max(e, 1e-17)}));
    const bounds = f.bounds.map((e, n) => ({n, e}));
    const top = Math.max(...errs.map((d) => d.e), bounds[0]?.e ?? 0, 1);
    const errorPlot = figure({
      label: "the error ‖z⁽ⁿ⁾ − z*‖ against n, log scale",
      description,
      size: [290, 320],
      marginLeft: 70,
      marginBottom: 52,
      marginTop: 12,
      marginRight: 10,
      x: {domain: [0, MAX_ITERATIONS], label: "n", ticks: 4},
      y: {
        type: "log",
        domain: [1e-16, top * 2],
        label: null,
        ticks: 4,
        tickFormat: (v: number) => `1e${Math.round(Math.log10(v))}`.replace("-", "−")
      },
      marks: [
        bounds.length
          ? Plot.line(bounds, {x: "n", y: "e", stroke: palette.ink, strokeWidth: 2, strokeDasharray: "7 5"})
          : null,
        Plot.line(errs, {x: "n", y: "e", stroke: palette.error, strokeWidth: 2.5}),
        Plot.dot(errs, {x: "n", y: "e", fill: palette.error, r: 3})
      ]
    });
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [a, b] = readoutLines(f);
    readout.append(a, document.createElement("br"), b);
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    row.append(plane, errorPlot);
    root.append(readout, row);
    // The data point is dragged through the plane's scales (the runtime reads them from the root).
    return Object.assign(root, {scale: (name: string) => plane.scale(name as "x")});
  },
  describe: (frame, o, s) => describeFrame(frame ?? computeFrame(o, s))
};

export default fixedPoint;
