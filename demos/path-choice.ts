import * as Plot from "@observablehq/plot";
import {densitySwirl} from "../engine/fm/density-swirl.ts";
import {marginalField, type Mixture} from "../engine/fm/marginal.ts";
import {steppedFlow} from "../engine/fields/stepped-flow.ts";
import {boolean, choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {iCfmPath, vpCfmPath} from "../engine/paths/cfm.ts";
import {rng} from "../engine/random.ts";
import {svgColor} from "./layers/conventions.ts";
import {densityContours, figure, paintParticles, trajectories} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

const options = {
  a: number(4, "the source sits at (0, −a), the two target modes at (±10, a)", {min: 1, max: 8, step: 0.5}),
  n: integer(200, "particles", {min: 20, max: 4000}),
  seed: seed()
};

const state = {
  path: choice(["linear", "trigonometric"], "linear", "the interpolant x_t between x₀ and x₁"),
  swirl: number(0, "strength ω of the divergence-free swirl ω J ∇log p_t added to the field", {
    min: 0,
    max: 3,
    step: 0.25
  }),
  other: boolean(true, "draw the other path's trajectories in grey"),
  t: number(0, "time: 0 is the source, 1 the target", {min: 0, max: 1, step: 0.01})
};

type Options = Values<typeof options>;
type State = Values<typeof state>;

/** Paths drawn as lines (the particles are all painted), time steps of the RK4 solve, seconds a played flow takes. */
const LINES = 40;
const STEPS = 32;
const DURATION = 4;
/** The view for a given a (rotated from the blog's figure: the flow runs upwards). */
const extentOf = (a: number) => [-13.5, 13.5, -a - 3.5, a + 3.5] as const;
const GRID = [42, 36] as const;

export interface PathChoiceFrame {
  /** [STEPS + 1, n, 2] paths of the shown path (with the swirl), and the first LINES of the other path's. */
  paths: Float32Array;
  others: Float32Array;
  n: number;
  /** Kinetic energy ∫₀¹ E‖v_t(x_t)‖² dt of the shown flow and of the other path's (trapezoid rule over the steps). */
  energy: number;
  otherEnergy: number;
  /** p₀ and p₁ on the GRID over EXTENT (the same for both paths). */
  p0: Float64Array;
  p1: Float64Array;
}

/** The blog's endpoints, turned by 90°: N((0, −a), I) → ½ N((−10, a), I) + ½ N((10, a), I). */
export function endpoints(a: number): {source: Mixture; target: Mixture} {
  const eye = [1, 0, 0, 1];
  return {
    source: {weights: new Float64Array([1]), means: new Float64Array([0, -a]), covs: new Float64Array(eye)},
    target: {
      weights: new Float64Array([0.5, 0.5]),
      means: new Float64Array([-10, a, 10, a]),
      covs: new Float64Array([...eye, ...eye])
    }
  };
}

/** The marginal field of the linear (I-CFM, σ = 0) or trigonometric (VP-CFM, σ = 0) path between the endpoints. */
export function pathField(path: State["path"], a: number) {
  const {source, target} = endpoints(a);
  return marginalField(path === "linear" ? iCfmPath(0) : vpCfmPath(0), source, target);
}

/** n source points pushed along a path's marginal field (plus the swirl) by RK4: their paths and kinetic energy. */
export function flowOf(path: State["path"], o: Options, swirl: number) {
  const field = densitySwirl(pathField(path, o.a), swirl);
  const random = rng(o.seed);
  const x0 = new Float64Array(2 * o.n);
  for (let i = 0; i < o.n; i++) {
    x0[2 * i] = random.normal();
    x0[2 * i + 1] = random.normal() - o.a;
  }
  const flow = steppedFlow(field, x0, o.n, {solver: "rk4", steps: STEPS});
  flow.step(STEPS);
  // Kinetic energy: the field at each kept state, squared, averaged over particles, trapezoid over time.
  const v = new Float64Array(2 * o.n);
  let energy = 0;
  for (let k = 0; k <= STEPS; k++) {
    const x = Float64Array.from(flow.trajectories.subarray(2 * k * o.n, 2 * (k + 1) * o.n));
    field.velocity(v, x, o.n, Math.min(k / STEPS, 1));
    let sum = 0;
    for (let i = 0; i < 2 * o.n; i++) sum += v[i]! ** 2;
    energy += ((k === 0 || k === STEPS ? 0.5 : 1) * sum) / o.n / STEPS;
  }
  return {paths: flow.trajectories, energy};
}

function gridDensity(field: ReturnType<typeof pathField>, t: number, a: number): Float64Array {
  const [nx, ny] = GRID;
  const EXTENT = extentOf(a);
  const x = new Float64Array(2 * nx * ny);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      x[2 * (iy * nx + ix)] = EXTENT[0] + ((ix + 0.5) * (EXTENT[1] - EXTENT[0])) / nx;
      x[2 * (iy * nx + ix) + 1] = EXTENT[2] + ((iy + 0.5) * (EXTENT[3] - EXTENT[2])) / ny;
    }
  }
  const out = new Float64Array(nx * ny);
  field.logDensity(out, x, nx * ny, t);
  return out.map(Math.exp);
}

/** The first m of n paths [K + 1, n, 2] as [K + 1, m, 2]. */
function firstPaths(paths: Float32Array, n: number, m: number): Float32Array {
  const out = new Float32Array((STEPS + 1) * m * 2);
  for (let k = 0; k <= STEPS; k++) out.set(paths.subarray(2 * k * n, 2 * (k * n + m)), 2 * k * m);
  return out;
}

/** Where the particles are at time t (linear between the solver's steps). */
function particlesAt(frame: PathChoiceFrame, t: number, out: Float32Array): Float32Array {
  const s = Math.min(Math.max(t, 0), 1) * STEPS;
  const k = Math.min(Math.floor(s), STEPS - 1);
  const f = s - k;
  const row = 2 * frame.n;
  for (let i = 0; i < row; i++) {
    const a = frame.paths[k * row + i]!;
    out[i] = a + f * (frame.paths[(k + 1) * row + i]! - a);
  }
  return out;
}

let scratch = new Float32Array(0);

/** Direct labels of the two ends' contours (they differ by colour otherwise): p₀ under the source, p₁ over each mode. */
function endLabels(a: number): Plot.Markish {
  const {source, target} = endpoints(a);
  const rows = [
    {x: source.means[0]!, y: source.means[1]! - 2.4, text: "p₀", color: "source"},
    {x: target.means[0]!, y: target.means[1]! + 2.2, text: "p₁", color: "target"},
    {x: target.means[2]!, y: target.means[3]! + 2.2, text: "p₁", color: "target"}
  ];
  return Plot.text(rows, {
    x: "x",
    y: "y",
    text: "text",
    fill: (d: {color: string}) => svgColor(d.color),
    stroke: svgColor("bg"),
    strokeWidth: 4,
    paintOrder: "stroke",
    fontSize: 22,
    fontWeight: 600
  });
}

/** The last few computed flows and grids by their settings: toggling the path or the swirl back is instant. */
const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = make();
  cache.set(key, value);
  if (cache.size > 12) cache.delete(cache.keys().next().value!);
  return value;
}

/**
 * The catch of D4.3 (lecture; the MLG blog's Fig. 7 setup): many (p_t, u_t) join the same two ends. The linear path
 * x_t = (1 − t) x₀ + t x₁ and the trigonometric one x_t = cos(πt/2) x₀ + sin(πt/2) x₁ between N((0, −a), I) and two
 * modes at (±10, a) give different marginal paths and fields (closed form, engine/fm/marginal.ts), with their
 * particles' kinetic energy. A swirl ω J ∇log p_t keeps every p_t and changes the particles' paths: not unique twice.
 */
export const pathChoice: DemoSpec<typeof options, typeof state, PathChoiceFrame> = {
  id: "path-choice",
  description: "two paths (linear, trigonometric) and a density-preserving swirl between the same two ends",
  options,
  state,
  controls: ["path", "swirl", "a", "t"],
  player: true,
  snapshot(o, {path, swirl}) {
    const shown = cached(`${path} ${swirl} ${o.a} ${o.n} ${o.seed}`, () => flowOf(path, o, swirl));
    const otherPath = path === "linear" ? "trigonometric" : "linear";
    const other = cached(`${otherPath} 0 ${o.a} ${LINES} ${o.seed}`, () => flowOf(otherPath, {...o, n: LINES}, 0));
    // Both paths have the same ends, so p₀ and p₁ depend on a alone.
    const ends = cached(`ends ${o.a}`, () => {
      const field = pathField("linear", o.a);
      return {p0: gridDensity(field, 0, o.a), p1: gridDensity(field, 1, o.a)};
    });
    return {paths: shown.paths, others: other.paths, n: o.n, energy: shown.energy, otherEnergy: other.energy, ...ends};
  },
  renderKeys: ["path", "swirl", "other"],
  render(frame, o, {path, swirl, other}) {
    const EXTENT = extentOf(o.a);
    const grid = (values: Float64Array) => ({nx: GRID[0], ny: GRID[1], extent: EXTENT, values});
    const otherName = path === "linear" ? "trigonometric" : "linear";
    const readout = frame
      ? [
          `kinetic energy ∫E‖v‖²dt: ${path} ${frame.energy.toFixed(1)}` + (swirl > 0 ? ` (swirl ω = ${swirl})` : ""),
          other ? `grey: ${otherName} ${frame.otherEnergy.toFixed(1)}` : ""
        ].join("\n")
      : "";
    return figure({
      label: `marginal paths of the ${path} interpolant from one Gaussian to two, a = ${o.a}`,
      size: [600, 460],
      equal: true,
      marginTop: 64,
      marginLeft: 40,
      marginBottom: 36,
      x: {domain: [EXTENT[0], EXTENT[1]], label: null, ticks: 5},
      y: {domain: [EXTENT[2], EXTENT[3]], label: null, ticks: 5},
      marks: frame
        ? [
            densityContours(grid(frame.p0), {kind: "source", thresholds: 3}),
            densityContours(grid(frame.p1), {kind: "target", thresholds: 3}),
            endLabels(o.a),
            other
              ? trajectories(frame.others, LINES, {kind: "muted", ends: false, opacity: 0.5, strokeWidth: 1.2})
              : null,
            trajectories(firstPaths(frame.paths, frame.n, Math.min(LINES, frame.n)), Math.min(LINES, frame.n), {
              kind: "marginal",
              ends: false,
              opacity: 0.7,
              strokeWidth: 1.6
            }),
            Plot.text([readout], {frameAnchor: "top-left", dy: -58, fontSize: 22, lineAnchor: "top", lineHeight: 1.15})
          ]
        : []
    });
  },
  paint(layer, frame, _o, {t}) {
    if (!frame) return;
    if (scratch.length < 2 * frame.n) scratch = new Float32Array(2 * frame.n);
    paintParticles(layer, particlesAt(frame, t, scratch.subarray(0, 2 * frame.n)), {color: "source", r: 2.5});
  },
  advance: playClock(DURATION),
  describe(frame, o, {path, swirl, t}) {
    const what = `${o.n} particles at t = ${t.toFixed(2)} on the ${path} path from N((0, −${o.a}), I) to two modes at (±10, ${o.a}), whose contours are labelled p₀ and p₁`;
    if (!frame) return what;
    return `${what}${swirl > 0 ? `, with a swirl of strength ${swirl} that leaves every p_t unchanged` : ""}; kinetic energy ${frame.energy.toFixed(1)}, the other path ${frame.otherEnergy.toFixed(1)}`;
  },
  examples: [
    {name: "trigonometric path", state: {path: "trigonometric", t: "0.5"}},
    {name: "linear with a swirl", state: {swirl: "1.5", t: "0.5"}}
  ]
};

export default pathChoice;
