import * as Plot from "@observablehq/plot";
import {gaussLegendre} from "../engine/data/quadrature.ts";
import {linearField, type LinearField} from "../engine/fields/linear.ts";
import {inv, type Mat2, type Vec2} from "../engine/fields/mat2.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {FIELD_EXTENT, fieldGrid, presetField, presetOption, presetText} from "./fields/presets.ts";
import {svgColor} from "./layers/conventions.ts";
import {arrowField, densityRaster, figure, handles, type Grid} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

/** The linear presets: their flow is e^{tA}, so a Gaussian stays Gaussian and everything below is closed form. */
export const linearPresets = ["spiral", "rotation", "sink", "source", "saddle", "shear"] as const;
export type LinearPreset = (typeof linearPresets)[number];

const options = {};

const state = {
  preset: presetOption<LinearPreset>("spiral", "the velocity field u(x) = A x that carries the density", linearPresets),
  strength: number(1, "the field's strength k", {min: 0.2, max: 2, step: 0.05}),
  bx: number(0, "centre of the box, x", {min: -2.5, max: 2.5, step: 0.05}),
  by: number(1.2, "centre of the box, y", {min: -2.5, max: 2.5, step: 0.05}),
  size: number(1.4, "side of the box", {min: 0.3, max: 3, step: 0.05}),
  t: number(0.3, "time: the density p_t is p_0 carried for a time t", {min: 0, max: 1, step: 0.01})
};

export type BoxFluxState = Values<typeof state>;

/** p_0 = N(MEAN0, COV0): a round bump right of the origin, so every preset moves it somewhere visible. */
export const MEAN0: Vec2 = [1.4, 0];
export const COV0: Mat2 = [0.36, 0, 0, 0.36];

/** A 2D Gaussian with its inverse covariance and normalizing constant, ready to evaluate. */
export interface Gaussian {
  mean: Vec2;
  cov: Mat2;
  prec: Mat2;
  norm: number;
}

/** An axis-aligned box [x0, x1] × [y0, y1]. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function boxOf(s: Pick<BoxFluxState, "bx" | "by" | "size">): Box {
  const h = s.size / 2;
  return {x0: s.bx - h, x1: s.bx + h, y0: s.by - h, y1: s.by + h};
}

/** The preset as a linear field (with its Gaussian push-forward). */
export function linearOf(preset: LinearPreset, strength: number): LinearField {
  const matrix = presetField(preset, strength).matrix;
  if (!matrix) throw new RangeError(`not a linear preset: ${preset}`);
  return linearField({a: matrix});
}

/** p_t = N(e^{tA} m_0, e^{tA} C_0 e^{tAᵀ}). */
export function gaussianAt(field: LinearField, t: number): Gaussian {
  const {mean, cov} = field.pushGaussian(MEAN0, COV0, t);
  const det = cov[0] * cov[3] - cov[1] * cov[2];
  return {mean, cov, prec: inv(cov), norm: 1 / (2 * Math.PI * Math.sqrt(det))};
}

/** N(x; mean, cov). */
export function density(g: Gaussian, x: number, y: number): number {
  const [dx, dy] = [x - g.mean[0], y - g.mean[1]];
  const [a, b, c, d] = g.prec;
  return g.norm * Math.exp(-0.5 * (dx * (a * dx + b * dy) + dy * (c * dx + d * dy)));
}

/** Gauss-Legendre rules by node count (the nodes are found once). */
const rules = new Map<number, ReturnType<typeof gaussLegendre>>();
function rule(n: number) {
  let r = rules.get(n);
  if (!r) rules.set(n, (r = gaussLegendre(n)));
  return r;
}
const SIDE_RULE = 48;

/**
 * Nodes per axis for the box: enough for the narrowest direction of the Gaussian (three per standard deviation
 * across the box's longer side), between 16 and 64.
 */
export function nodesFor(g: Gaussian, box: Box): number {
  const [a, b, , d] = g.cov;
  const smallest = Math.sqrt(Math.max((a + d) / 2 - Math.hypot((a - d) / 2, b), 1e-12));
  const side = Math.max(box.x1 - box.x0, box.y1 - box.y0);
  return Math.min(64, Math.max(16, Math.ceil((3 * side) / smallest)));
}

/** ∫_box f(x, y) dx dy by an n × n tensor Gauss-Legendre rule. */
function integrateBox(box: Box, n: number, f: (x: number, y: number) => number): number {
  const {x, w} = rule(n);
  const [hx, hy] = [(box.x1 - box.x0) / 2, (box.y1 - box.y0) / 2];
  const [cx, cy] = [(box.x1 + box.x0) / 2, (box.y1 + box.y0) / 2];
  let sum = 0;
  for (let j = 0; j < x.length; j++) {
    const yy = cy + hy * x[j]!;
    for (let i = 0; i < x.length; i++) sum += w[i]! * w[j]! * f(cx + hx * x[i]!, yy);
  }
  return sum * hx * hy;
}

/** M(t) = ∫_V p(x, t) dx, with n nodes per axis (default: enough for p_t). */
export function massInside(field: LinearField, box: Box, t: number, n?: number): number {
  const g = gaussianAt(field, t);
  return integrateBox(box, n ?? nodesFor(g, box), (x, y) => density(g, x, y));
}

/** dM/dt by the five-point central difference in t (error O(h⁴): about 1e-11 at h = 1e-3), one rule for all five. */
export function massRate(field: LinearField, box: Box, t: number, h = 1e-3): number {
  const n = nodesFor(gaussianAt(field, t), box);
  const m = (k: number) => massInside(field, box, t + k * h, n);
  return (m(-2) - 8 * m(-1) + 8 * m(1) - m(2)) / (12 * h);
}

/** The four sides as (start, end, outward normal). */
function sidesOf(box: Box): {a: Vec2; b: Vec2; n: Vec2}[] {
  return [
    {a: [box.x0, box.y0], b: [box.x1, box.y0], n: [0, -1]},
    {a: [box.x1, box.y0], b: [box.x1, box.y1], n: [1, 0]},
    {a: [box.x1, box.y1], b: [box.x0, box.y1], n: [0, 1]},
    {a: [box.x0, box.y1], b: [box.x0, box.y0], n: [-1, 0]}
  ];
}

/** ∮_∂V p u·n dS: the net rate at which probability leaves the box, by Gauss-Legendre along each side. */
export function outflux(field: LinearField, box: Box, t: number): number {
  const g = gaussianAt(field, t);
  const [a11, a12, a21, a22] = field.a;
  const {x, w} = rule(SIDE_RULE);
  let sum = 0;
  for (const side of sidesOf(box)) {
    const half = Math.hypot(side.b[0] - side.a[0], side.b[1] - side.a[1]) / 2;
    for (let i = 0; i < x.length; i++) {
      const s = (x[i]! + 1) / 2;
      const px = side.a[0] + s * (side.b[0] - side.a[0]);
      const py = side.a[1] + s * (side.b[1] - side.a[1]);
      const un = (a11 * px + a12 * py) * side.n[0] + (a21 * px + a22 * py) * side.n[1];
      sum += w[i]! * half * density(g, px, py) * un;
    }
  }
  return sum;
}

/** ∫_V ∇·(p u) dx = ∫_V (∇p·u + p tr A) dx, with ∇p = −p C⁻¹(x − m) (the divergence theorem's other side). */
export function divergenceIntegral(field: LinearField, box: Box, t: number): number {
  const g = gaussianAt(field, t);
  const [a11, a12, a21, a22] = field.a;
  const [p11, p12, p21, p22] = g.prec;
  return integrateBox(box, nodesFor(g, box), (x, y) => {
    const p = density(g, x, y);
    const [dx, dy] = [x - g.mean[0], y - g.mean[1]];
    const gx = -p * (p11 * dx + p12 * dy);
    const gy = -p * (p21 * dx + p22 * dy);
    return gx * (a11 * x + a12 * y) + gy * (a21 * x + a22 * y) + p * (a11 + a22);
  });
}

/** Everything the figure shows for one state. */
export interface BoxFluxFrame {
  grid: Grid;
  arrows: Grid;
  box: Box;
  mass: number;
  rate: number;
  outflux: number;
  /** Flux marks on the sides: the point and the normal flux p u·n there. */
  flux: {x: number; y: number; nx: number; ny: number; value: number}[];
}

const NGRID = 60;

export function computeBoxFlux(s: BoxFluxState): BoxFluxFrame {
  const field = linearOf(s.preset, s.strength);
  const g = gaussianAt(field, s.t);
  const [x0, x1, y0, y1] = FIELD_EXTENT;
  const values = new Float64Array(NGRID * NGRID);
  for (let j = 0; j < NGRID; j++) {
    const y = y0 + ((j + 0.5) * (y1 - y0)) / NGRID;
    for (let i = 0; i < NGRID; i++) values[j * NGRID + i] = density(g, x0 + ((i + 0.5) * (x1 - x0)) / NGRID, y);
  }
  const box = boxOf(s);
  const [a11, a12, a21, a22] = field.a;
  const flux: BoxFluxFrame["flux"] = [];
  for (const side of sidesOf(box)) {
    for (let k = 0; k < 5; k++) {
      const f = (k + 0.5) / 5;
      const px = side.a[0] + f * (side.b[0] - side.a[0]);
      const py = side.a[1] + f * (side.b[1] - side.a[1]);
      const un = (a11 * px + a12 * py) * side.n[0] + (a21 * px + a22 * py) * side.n[1];
      flux.push({x: px, y: py, nx: side.n[0], ny: side.n[1], value: density(g, px, py) * un});
    }
  }
  return {
    grid: {nx: NGRID, ny: NGRID, extent: FIELD_EXTENT, values},
    arrows: fieldGrid(field, s.t, 13),
    box,
    mass: massInside(field, box, s.t),
    rate: massRate(field, box, s.t),
    outflux: outflux(field, box, s.t),
    flux
  };
}

/** A signed readout number with 4 significant digits (scientific below 10⁻⁴). */
export function fmt(v: number): string {
  const text = Math.abs(v) < 1e-4 && v !== 0 ? v.toExponential(1) : v.toPrecision(4);
  return text.replace("-", "−");
}

/** The readout lines: mass, its rate, minus the outflux and their difference. */
export function readoutLines(f: BoxFluxFrame): [string, string] {
  return [
    `mass inside M = ${fmt(f.mass)}    dM/dt = ${fmt(f.rate)}`,
    `−∮ p u·n dS = ${fmt(-f.outflux)}    difference ${Math.abs(f.rate + f.outflux).toExponential(0)}`
  ];
}

const READOUT = 62;

/**
 * The box argument (lecture D3.9): a Gaussian p_0 carried by a linear preset field (p_t is exactly Gaussian), a
 * draggable box V, the mass M(t) inside it, its rate dM/dt by a central difference, and minus the net outflux
 * −∮ p u·n dS along the four sides: the two rates agree. Closed form and quadrature, computed on the page.
 */
export const boxFlux: DemoSpec<typeof options, typeof state, BoxFluxFrame> = {
  id: "box-flux",
  description: "a density carried by a field through a box: the mass inside changes exactly as fast as it flows out",
  options,
  state,
  controls: ["preset", "strength", "size", "t"],
  player: true,
  drag: {box: ["bx", "by"]},
  examples: [
    {name: "sink, box on the bump", state: {preset: "sink", bx: "1.2", by: "0", size: "1", t: "0.5"}},
    {name: "rotation", state: {preset: "rotation", bx: "0.6", by: "1", size: "1.2", t: "0.4"}}
  ],
  snapshot: (_o, s) => computeBoxFlux(s),
  render(frame, _o, s) {
    const f = frame ?? computeBoxFlux(s);
    const {box} = f;
    const maxFlux = Math.max(1e-12, ...f.flux.map((m) => Math.abs(m.value)));
    const arrowLength = 0.45 / maxFlux;
    const [first, second] = readoutLines(f);
    return figure({
      label: "a density carried by a velocity field, with a draggable box and the flux through its sides",
      description: describeFrame(f, s),
      size: [600, 460],
      equal: true,
      marginTop: READOUT,
      marginBottom: 40,
      marginLeft: 48,
      x: {domain: [FIELD_EXTENT[0], FIELD_EXTENT[1]], label: null},
      y: {domain: [FIELD_EXTENT[2], FIELD_EXTENT[3]], label: null},
      marks: [
        densityRaster(f.grid, {color: "source", opacity: 0.75}),
        arrowField(f.arrows, {kind: "muted", opacity: 0.55, strokeWidth: 1.5}),
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        Plot.rect([box], {x1: "x0", x2: "x1", y1: "y0", y2: "y1", fill: "none", stroke: palette.ink, strokeWidth: 2.5}),
        Plot.arrow(
          f.flux.filter((m) => Math.abs(m.value) > 0.03 * maxFlux),
          {
            x1: "x",
            y1: "y",
            x2: (m: BoxFluxFrame["flux"][number]) => m.x + m.nx * m.value * arrowLength,
            y2: (m: BoxFluxFrame["flux"][number]) => m.y + m.ny * m.value * arrowLength,
            stroke: (m: BoxFluxFrame["flux"][number]) => svgColor(m.value > 0 ? "error" : "marginal"),
            strokeWidth: 3,
            headLength: 9
          }
        ),
        handles([{name: "box", x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2, label: "centre of the box V"}]),
        Plot.text([first + "\n" + second], {
          frameAnchor: "top-left",
          dy: -READOUT + 4,
          lineAnchor: "top",
          lineHeight: 1.15,
          fill: palette.ink,
          pointerEvents: "none"
        }),
        Plot.text([`t = ${s.t.toFixed(2)}`], {
          frameAnchor: "bottom-left",
          dx: 8,
          dy: -8,
          fill: palette.ink,
          pointerEvents: "none"
        })
      ]
    });
  },
  advance: playClock(5),
  describe(frame, _o, s) {
    return describeFrame(frame ?? computeBoxFlux(s), s);
  }
};

function describeFrame(f: BoxFluxFrame, s: BoxFluxState): string {
  return (
    `A Gaussian density carried by the field ${presetText[s.preset]} (k = ${s.strength}), shown at t = ` +
    `${s.t.toFixed(2)} with a box of side ${s.size.toFixed(2)} centred at (${s.bx.toFixed(2)}, ${s.by.toFixed(2)}). ` +
    `Mass inside ${fmt(f.mass)}; its rate of change ${fmt(f.rate)}; minus the net outflux through the sides ` +
    `${fmt(-f.outflux)}. Arrows on the sides show the normal flux p u·n: red where probability leaves, brown where ` +
    `it enters.`
  );
}

export default boxFlux;
