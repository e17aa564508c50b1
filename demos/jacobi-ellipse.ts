import * as Plot from "@observablehq/plot";
import {linearField} from "../engine/fields/linear.ts";
import {det, mul, trace, transpose, type Mat2} from "../engine/fields/mat2.ts";
import {number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {FIELD_EXTENT, fieldGrid} from "./fields/presets.ts";
import {referenceWidth, svgColor} from "./layers/conventions.ts";
import {covarianceEllipses} from "./layers/ellipses.ts";
import {arrowField, figure, particles, type Grid} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

const options = {
  n: number(300, "samples of N(0, I) carried by the flow", {min: 0, max: 2000, step: 50}),
  seed: seed(0)
};

const entry = (value: number, name: string) =>
  number(value, `the entry ${name} of A`, {min: -1.5, max: 1.5, step: 0.05});
const state = {
  a11: entry(0.4, "a₁₁"),
  a12: entry(-1, "a₁₂"),
  a21: entry(0.8, "a₂₁"),
  a22: entry(0.1, "a₂₂"),
  t: number(1, "time t", {min: 0, max: 1, step: 0.01})
};

/** Options of `jacobi-ellipse`. */
export type JacobiOptions = Values<typeof options>;
/** State of `jacobi-ellipse`. */
export type JacobiState = Values<typeof state>;

/** Particles on the unit circle. */
export const CIRCLE = 720;

/** Everything the figure shows, for u(x) = A x at time t. */
export interface JacobiFrame {
  a: Mat2;
  t: number;
  /** J_t = e^{tA}, the flow's Jacobian (the same at every x_0 for a linear field). */
  jacobian: Mat2;
  /** det e^{tA}, from the matrix exponential. */
  det: number;
  /** e^{t tr A}. */
  expTrace: number;
  /** The unit circle's particles carried to time t, [CIRCLE, 2], and the area of their polygon (shoelace). */
  ring: Float64Array;
  polygonArea: number;
  /** Σ_t = e^{tA} Σ_0 e^{tAᵀ} with Σ_0 = I. */
  cov: Mat2;
  samples: Float64Array;
  arrows: Grid;
}

/** Area of a closed polygon [m, 2] (shoelace formula). */
export function polygonArea(points: Float64Array): number {
  const m = points.length / 2;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    sum += points[2 * i]! * points[2 * j + 1]! - points[2 * j]! * points[2 * i + 1]!;
  }
  return Math.abs(sum) / 2;
}

let base: {key: string; z: Float64Array} | undefined;

/** The frame (a matrix exponential and a few hundred points: on the page). */
export function jacobiFrame(o: JacobiOptions, s: JacobiState): JacobiFrame {
  const a: Mat2 = [s.a11, s.a12, s.a21, s.a22];
  const field = linearField({a});
  const circle = new Float64Array(2 * CIRCLE);
  for (let i = 0; i < CIRCLE; i++) {
    circle[2 * i] = Math.cos((2 * Math.PI * i) / CIRCLE);
    circle[2 * i + 1] = Math.sin((2 * Math.PI * i) / CIRCLE);
  }
  const ring = new Float64Array(2 * CIRCLE);
  field.flowMap(ring, circle, CIRCLE, 0, s.t);
  const key = `${o.n},${o.seed}`;
  if (base?.key !== key) {
    const r = rng(o.seed);
    base = {key, z: Float64Array.from({length: 2 * o.n}, () => r.normal())};
  }
  const samples = new Float64Array(2 * o.n);
  field.flowMap(samples, base.z, o.n, 0, s.t);
  const jacobian = field.flowOver(s.t).e;
  return {
    a,
    t: s.t,
    jacobian,
    det: det(jacobian),
    expTrace: Math.exp(s.t * trace(a)),
    ring,
    polygonArea: polygonArea(ring),
    cov: mul(jacobian, transpose(jacobian)),
    samples,
    arrows: fieldGrid(field, s.t, 13)
  };
}

/** The ring's direct label: e^{tA} with the exponent raised in Unicode (an SVG label cannot set TeX). */
export const RING_LABEL = "eᵗᴬ · circle";

/**
 * Where the two curves are labelled, as {x, y, side}: the ring at its highest or lowest point (whichever is farther
 * from the origin), the unit circle on the other side, each just outside its curve (side +1: above, −1: below), and
 * kept where a centred label fits inside the plane shown.
 */
export function labelSpots(ring: Float64Array): {ring: LabelSpot; circle: LabelSpot} {
  let best = 0;
  for (let i = 1; i < ring.length / 2; i++) if (Math.abs(ring[2 * i + 1]!) > Math.abs(ring[2 * best + 1]!)) best = i;
  const side: 1 | -1 = ring[2 * best + 1]! >= 0 ? 1 : -1;
  const [x0, x1, y0, y1] = FIELD_EXTENT;
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  return {
    ring: {x: clamp(ring[2 * best]!, x0 + 1.5, x1 - 1.5), y: clamp(ring[2 * best + 1]!, y0 + 0.4, y1 - 0.4), side},
    circle: {x: 0, y: -side, side: side > 0 ? -1 : 1}
  };
}

/** A label's point and side (+1: the text above the point, −1: below). */
export interface LabelSpot {
  x: number;
  y: number;
  side: 1 | -1;
}

/** The two direct labels ("unit circle", the ring's), so the reference and its image differ by name, not colour. */
function curveLabels(ring: Float64Array): Plot.Markish {
  const spots = labelSpots(ring);
  return [
    {...spots.circle, text: "unit circle", color: svgColor("ink")},
    {...spots.ring, text: RING_LABEL, color: palette.model}
  ].map((d) =>
    Plot.text([d], {
      x: "x",
      y: "y",
      text: "text",
      fill: d.color,
      stroke: svgColor("bg"),
      strokeWidth: 4,
      paintOrder: "stroke",
      fontSize: 18,
      fontWeight: 600,
      dy: -8 * d.side,
      lineAnchor: d.side > 0 ? "bottom" : "top"
    })
  );
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);

/** The two readout lines: the determinant against the exponential of the trace, and the ellipse's area. */
export function readoutLines(f: JacobiFrame): [string, string] {
  const tr = trace(f.a);
  return [
    `det exp(tA) = ${f.det.toFixed(4)} · exp(t tr A) = ${f.expTrace.toFixed(4)}`,
    `tr A = ${fmt(tr)} · ring area ${f.polygonArea.toFixed(4)} · π exp(t tr A) = ${(Math.PI * f.expTrace).toFixed(4)}`
  ];
}

function describeFrame(f: JacobiFrame): string {
  const [a, b] = readoutLines(f);
  return (
    `The unit circle (thin, labelled "unit circle") and ${f.samples.length / 2} samples of N(0, I) carried by ` +
    `u(x) = A x to a dashed shaded ring (labelled "${RING_LABEL}") and a cloud, with ` +
    `A = [[${fmt(f.a[0])}, ${fmt(f.a[1])}], [${fmt(f.a[2])}, ${fmt(f.a[3])}]]. ${a}. ${b}.`
  );
}

/**
 * Jacobi's formula on a linear field (deck 3, D3.14): u(x) = A x has the flow x_t = e^{tA} x_0, the Jacobian
 * J_t = e^{tA} and det e^{tA} = e^{t tr A}. A unit circle of particles becomes an ellipse of area π e^{t tr A}
 * (measured: the shoelace area of the carried particles); N(0, I) stays Gaussian with Σ_t = e^{tA} e^{tAᵀ}, whose
 * one-standard-deviation ellipse is that same ring.
 */
export const jacobiEllipse: DemoSpec<typeof options, typeof state, JacobiFrame> = {
  id: "jacobi-ellipse",
  description: "A unit circle carried by u = A x becomes an ellipse of area π e^{t tr A}: det e^{tA} = e^{t tr A}",
  options,
  state,
  controls: ["a11", "a12", "a21", "a22", "t"],
  player: true,
  examples: [
    {name: "rotation keeps the area", state: {a11: "0", a12: "-1", a21: "1", a22: "0", t: "1"}},
    {name: "shear and sink", state: {a11: "-0.5", a12: "1.2", a21: "0", a22: "-0.3", t: "0.8"}}
  ],
  snapshot: (o, s) => jacobiFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? jacobiFrame(o, s);
    const [e0, e1, f0, f1] = FIELD_EXTENT;
    const ring = Array.from({length: CIRCLE + 1}, (_, i) => i % CIRCLE);
    const plot = figure({
      label: "a unit circle and a Gaussian carried by u = A x",
      description: describeFrame(f),
      size: [400, 400],
      equal: true,
      marginLeft: 56,
      marginBottom: 40,
      clip: true,
      x: {domain: [e0, e1], label: null, ticks: 5},
      y: {domain: [f0, f1], label: null, ticks: 5},
      marks: [
        arrowField(f.arrows, {kind: "muted", opacity: 0.5, strokeWidth: 1.6}),
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        particles(f.samples, {color: "model", r: 2.5, opacity: 0.5}),
        covarianceEllipses([{mean: [0, 0], cov: [1, 0, 0, 1]}], {
          kind: "muted",
          levels: [1],
          strokeWidth: referenceWidth
        }),
        covarianceEllipses([{mean: [0, 0], cov: f.cov}], {kind: "marginal", levels: [1, 2], strokeWidth: 2.5}),
        Plot.line(ring, {
          x: (i: number) => f.ring[2 * i],
          y: (i: number) => f.ring[2 * i + 1],
          stroke: palette.model,
          strokeWidth: 2,
          strokeDasharray: "6 5",
          fill: palette.model,
          fillOpacity: 0.12
        }),
        curveLabels(f.ring)
      ]
    });
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [a, b] = readoutLines(f);
    readout.append(a, document.createElement("br"), b);
    root.append(readout, plot);
    return root;
  },
  advance: playClock(4),
  describe(frame, o, s) {
    return describeFrame(frame ?? jacobiFrame(o, s));
  }
};

export default jacobiEllipse;
