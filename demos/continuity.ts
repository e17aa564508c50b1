import * as Plot from "@observablehq/plot";
import {choice, number, type Values} from "../engine/options/schema.ts";
import {density, gaussianAt, linearOf, linearPresets, type LinearPreset} from "./box-flux.ts";
import {FIELD_EXTENT, presetOption, presetText} from "./fields/presets.ts";
import {svgColor} from "./layers/conventions.ts";
import {arrowField, densityRaster, figure, type Grid} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

/** The 1D flows: steady traffic on the circle, and u = a x spreading or squeezing a Gaussian. */
export const flows1d = ["squeeze", "stretch", "traffic"] as const;
export type Flow1D = (typeof flows1d)[number];

const options = {};

const state = {
  view: choice(["1d", "2d"], "1d", "1D: density, velocity, flux and ∂ₜp; 2D: flux arrows p u over the density"),
  flow: choice(flows1d, "squeeze", "the 1D velocity: u = −a x, u = a x, or steady traffic u = c / p"),
  field: presetOption<LinearPreset>("spiral", "the 2D velocity field u(x) = A x", linearPresets),
  t: number(0.2, "time t", {min: 0, max: 1, step: 0.01})
};

export type ContinuityState = Values<typeof state>;

/** Rate a of u = ±a x, and p_0 = N(M0, S0²) in 1D. */
export const RATE = 0.8;
export const M0 = 0.8;
export const S0 = 0.6;
/** Steady traffic: p(x) = (1 + 0.5 sin x)/2π on [0, 2π), u = c/p with c = 1/2π, so u = 1/(1 + 0.5 sin x). */
export const TRAFFIC_FLUX = 1 / (2 * Math.PI);

/** A 1D flow: density p(x, t), velocity u(x, t), and ∂ₜp in closed form; its x range. */
export interface Flow1DModel {
  domain: [number, number];
  p(x: number, t: number): number;
  u(x: number, t: number): number;
  /** (∂ₜp)(x, t) from the closed form of p (not from the continuity equation). */
  dpdt(x: number, t: number): number;
}

const gauss = (x: number, m: number, s: number) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

export function flow1d(flow: Flow1D): Flow1DModel {
  if (flow === "traffic") {
    const p = (x: number) => (1 + 0.5 * Math.sin(x)) / (2 * Math.PI);
    return {domain: [0, 2 * Math.PI], p, u: (x) => TRAFFIC_FLUX / p(x), dpdt: () => 0};
  }
  const a = flow === "stretch" ? RATE : -RATE;
  // x_t = x_0 e^{at}: p_t = N(M0 e^{at}, S0² e^{2at}); ∂ₜp = a p ((x − μ)μ/s² + (x − μ)²/s² − 1)
  const at = (t: number) => ({m: M0 * Math.exp(a * t), s: S0 * Math.exp(a * t)});
  return {
    domain: [-3, 3],
    p: (x, t) => gauss(x, at(t).m, at(t).s),
    u: (x) => a * x,
    dpdt(x, t) {
      const {m, s} = at(t);
      const z = (x - m) / s;
      return a * gauss(x, m, s) * ((z * m) / s + z * z - 1);
    }
  };
}

/** −∂ₓ(p u) by a central difference of the flux j = p u (step 1e-4). */
export function minusFluxSlope(model: Flow1DModel, x: number, t: number, h = 1e-4): number {
  const j = (y: number) => model.p(y, t) * model.u(y, t);
  return -(j(x + h) - j(x - h)) / (2 * h);
}

/** One row per sample point of the 1D view. */
export interface Row1D {
  x: number;
  p: number;
  u: number;
  j: number;
  /** −∂ₓ(p u), by finite differences of the flux. */
  fd: number;
  /** ∂ₜp from the closed form. */
  exact: number;
}

export interface ContinuityFrame {
  rows: Row1D[];
  domain: [number, number];
  /** The largest |FD − exact| over the rows, and the largest |∂ₜp|. */
  mismatch: number;
  peak: number;
  /** 2D: density grid and flux grid j = p u. */
  grid: Grid;
  flux: Grid;
}

const N1 = 181;
const N2 = 72;
const NARROW = 13;

export function computeContinuity(s: ContinuityState): ContinuityFrame {
  const model = flow1d(s.flow);
  const [a, b] = model.domain;
  const rows: Row1D[] = [];
  let mismatch = 0;
  let peak = 0;
  for (let i = 0; i < N1; i++) {
    const x = a + ((b - a) * i) / (N1 - 1);
    const p = model.p(x, s.t);
    const u = model.u(x, s.t);
    const row = {x, p, u, j: p * u, fd: minusFluxSlope(model, x, s.t), exact: model.dpdt(x, s.t)};
    mismatch = Math.max(mismatch, Math.abs(row.fd - row.exact));
    peak = Math.max(peak, Math.abs(row.exact));
    rows.push(row);
  }
  const field = linearOf(s.field, 1);
  const g = gaussianAt(field, s.t);
  const [x0, x1, y0, y1] = FIELD_EXTENT;
  const values = new Float64Array(N2 * N2);
  for (let j = 0; j < N2; j++) {
    const y = y0 + ((j + 0.5) * (y1 - y0)) / N2;
    for (let i = 0; i < N2; i++) values[j * N2 + i] = density(g, x0 + ((i + 0.5) * (x1 - x0)) / N2, y);
  }
  const [a11, a12, a21, a22] = field.a;
  const flux = new Float64Array(2 * NARROW * NARROW);
  for (let j = 0; j < NARROW; j++) {
    const y = y0 + ((j + 0.5) * (y1 - y0)) / NARROW;
    for (let i = 0; i < NARROW; i++) {
      const x = x0 + ((i + 0.5) * (x1 - x0)) / NARROW;
      const p = density(g, x, y);
      flux[2 * (j * NARROW + i)] = p * (a11 * x + a12 * y);
      flux[2 * (j * NARROW + i) + 1] = p * (a21 * x + a22 * y);
    }
  }
  return {
    rows,
    domain: model.domain,
    mismatch,
    peak,
    grid: {nx: N2, ny: N2, extent: FIELD_EXTENT, values},
    flux: {nx: NARROW, ny: NARROW, extent: FIELD_EXTENT, values: flux}
  };
}

const fmt = (v: number) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(0) : v.toFixed(3)).replace("-", "−");

const flowText: Record<Flow1D, string> = {
  squeeze: `u = −${RATE} x`,
  stretch: `u = ${RATE} x`,
  traffic: "steady traffic, u = c / p"
};

const WIDTH = 600;

/** One of the three stacked 1D panels. */
function panel(
  label: string,
  title: string,
  height: number,
  bottom: boolean,
  domain: [number, number],
  marks: Plot.Markish[]
) {
  return figure({
    label,
    size: [WIDTH, height],
    marginTop: 30,
    marginBottom: bottom ? 40 : 8,
    marginLeft: 76,
    x: {domain, label: null, axis: bottom ? "bottom" : null},
    y: {ticks: 3, label: null},
    marks: [
      Plot.ruleY([0], {stroke: palette.rule}),
      ...marks,
      Plot.text([title], {frameAnchor: "top-left", dy: -26, lineAnchor: "top", fill: palette.ink})
    ]
  });
}

function render1d(f: ContinuityFrame, s: ContinuityState): Element {
  const root = document.createElement("div");
  root.className = "demo-panels panels-stack";
  const strip = f.rows.slice(0, -1).map((r, i) => ({x1: r.x, x2: f.rows[i + 1]!.x, v: r.exact}));
  const scale = f.peak > 1e-12 ? f.peak : 1;
  const steady = s.flow === "traffic";
  const time = steady ? "" : `(x, ${s.t.toFixed(2)})`;
  const bars = Plot.rectY(
    f.rows.filter((_, i) => i % 6 === 3),
    {
      x1: (r: Row1D) => r.x - (f.domain[1] - f.domain[0]) / 90,
      x2: (r: Row1D) => r.x + (f.domain[1] - f.domain[0]) / 90,
      y1: 0,
      y2: "j",
      fill: svgColor("marginal"),
      fillOpacity: 0.75
    }
  );
  root.append(
    panel(
      "the density p(x, t) and the flux j = p u as bars",
      `p${time} (curve), flux j = p u (bars)`,
      150,
      false,
      f.domain,
      [
        Plot.areaY(f.rows, {x: "x", y: "p", fill: svgColor("source"), fillOpacity: 0.2}),
        bars,
        Plot.line(f.rows, {x: "x", y: "p", stroke: svgColor("source"), strokeWidth: 3})
      ]
    ),
    panel(
      "the velocity u(x)",
      steady ? `velocity u = c / p, flux p u = c = ${fmt(TRAFFIC_FLUX)}` : `velocity ${flowText[s.flow]}`,
      120,
      false,
      f.domain,
      [Plot.line(f.rows, {x: "x", y: "u", stroke: palette.ink, strokeWidth: 2.5})]
    ),
    panel(
      "the rate of change of the density at each fixed x, as a coloured strip and two curves",
      steady ? "∂ₜp = −∂ₓ(p u) = 0 everywhere" : `∂ₜp = −∂ₓ(p u): max gap ${fmt(f.mismatch)}`,
      180,
      true,
      f.domain,
      [
        Plot.rect(strip, {
          x1: "x1",
          x2: "x2",
          y1: -scale * 1.15,
          y2: -scale * 0.95,
          fill: (d: {v: number}) => svgColor(d.v >= 0 ? "source" : "error"),
          fillOpacity: (d: {v: number}) => Math.min(1, Math.abs(d.v) / scale)
        }),
        Plot.line(f.rows, {x: "x", y: "fd", stroke: palette.ink, strokeWidth: 3}),
        Plot.dot(
          f.rows.filter((_, i) => i % 9 === 0),
          {x: "x", y: "exact", r: 4.5, stroke: svgColor("marginal"), strokeWidth: 2, fill: "none"}
        )
      ]
    )
  );
  return root;
}

function render2d(f: ContinuityFrame, s: ContinuityState): Element {
  return figure({
    label: "flux arrows p u over the density",
    description: describeFrame(f, s),
    size: [600, 460],
    equal: true,
    marginTop: 36,
    marginBottom: 40,
    marginLeft: 48,
    x: {domain: [FIELD_EXTENT[0], FIELD_EXTENT[1]], label: null},
    y: {domain: [FIELD_EXTENT[2], FIELD_EXTENT[3]], label: null},
    marks: [
      densityRaster(f.grid, {color: "source", opacity: 0.75}),
      arrowField(f.flux, {kind: "marginal", strokeWidth: 2.5, minimum: 0.05}),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.text([`flux j = p u,  ${presetText[s.field]},  t = ${s.t.toFixed(2)}`], {
        frameAnchor: "top-left",
        dy: -32,
        lineAnchor: "top",
        fill: palette.ink
      })
    ]
  });
}

/**
 * The continuity equation (lecture D3.10). 1D: a density p(x, t), a velocity u(x) and the flux j = p u as bars, and
 * ∂ₜp = −∂ₓ(p u) as a coloured strip (blue: p grows, red: p falls) with two curves, −∂ₓj by finite differences of
 * the flux and the exact ∂ₜp of the closed form, on top of each other; steady traffic (constant flux, so ∂ₜp = 0
 * although u varies). 2D: flux arrows p u over a Gaussian carried by a linear preset. Closed form, on the page.
 */
export const continuity: DemoSpec<typeof options, typeof state, ContinuityFrame> = {
  id: "continuity",
  description: "the continuity equation: density, velocity, flux p u and ∂ₜp = −∇·(p u), in 1D and 2D",
  options,
  state,
  controls: ["view", "flow", "field", "t"],
  player: true,
  examples: [
    {name: "steady traffic", state: {flow: "traffic"}},
    {name: "2D spiral", state: {view: "2d", field: "spiral", t: "0.3"}}
  ],
  snapshot: (_o, s) => computeContinuity(s),
  render(frame, _o, s) {
    const f = frame ?? computeContinuity(s);
    const el = s.view === "1d" ? render1d(f, s) : render2d(f, s);
    if (s.view === "1d") {
      el.setAttribute("role", "img");
      el.setAttribute("aria-label", describeFrame(f, s));
    }
    return el;
  },
  advance: playClock(5),
  describe(frame, _o, s) {
    return describeFrame(frame ?? computeContinuity(s), s);
  }
};

function describeFrame(f: ContinuityFrame, s: ContinuityState): string {
  if (s.view === "2d")
    return (
      `Flux arrows j = p u over a Gaussian density carried by ${presetText[s.field]}, at t = ${s.t.toFixed(2)}: ` +
      "the arrows are long where there is both probability and speed."
    );
  if (s.flow === "traffic")
    return (
      "Steady traffic on a circle: the density (1 + 0.5 sin x)/2π, the velocity u = c/p, fast where the density is " +
      `low, and a constant flux p u = ${fmt(TRAFFIC_FLUX)}: ∂ₜp = −∂ₓ(p u) = 0 at every point.`
    );
  return (
    `A Gaussian density moved by ${flowText[s.flow]} at t = ${s.t.toFixed(2)}: flux bars p u and the rate ∂ₜp at each ` +
    `fixed x; −∂ₓ(p u) by finite differences and the exact ∂ₜp differ by at most ${fmt(f.mismatch)} ` +
    `(largest |∂ₜp| ${fmt(f.peak)}).`
  );
}

export default continuity;
