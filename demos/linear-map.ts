import * as Plot from "@observablehq/plot";
import {det, inv, mul, transpose, type Mat2} from "../engine/fields/mat2.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {densityRaster} from "./layers/density.ts";
import {figure} from "./layers/figure.ts";
import {handles} from "./layers/handles.ts";
import {shoelace} from "./equal-mass-cells.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  grid: number(80, "cells per side of the density heatmaps", {min: 20, max: 200, step: 10})
};

const entry = (value: number, name: string) =>
  number(value, `the entry ${name} of A (drag the column's handle)`, {min: -2.8, max: 2.8, step: 0.05});
const shift = (value: number, name: string) => number(value, `the shift ${name}`, {min: -2, max: 2, step: 0.05});
const state = {
  a11: entry(1.5, "a₁₁"),
  a21: entry(0, "a₂₁"),
  a12: entry(0, "a₁₂"),
  a22: entry(0.6, "a₂₂"),
  b1: shift(0, "b₁"),
  b2: shift(0, "b₂")
};

/** Options of `linear-map`. */
export type LinearOptions = Values<typeof options>;
/** State of `linear-map`. */
export type LinearState = Values<typeof state>;

/** |det A| below this: the plane is squeezed (nearly) onto a line and the readout warns instead of drawing a density. */
export const SINGULAR = 0.05;
/** The plane drawn on both sides. */
const HALF = 3;

/** The letter F inside the unit square, as three strokes [x, y] (it reads backwards once the map flips orientation). */
const GLYPH: readonly (readonly [number, number])[][] = [
  [
    [0.3, 0.15],
    [0.3, 0.85],
    [0.75, 0.85]
  ],
  [
    [0.3, 0.52],
    [0.62, 0.52]
  ]
];

/** N(x; b, AAᵀ) in closed form: exp(−½ (x − b)ᵀ Σ⁻¹ (x − b)) / (2π √det Σ), Σ = AAᵀ (A invertible). */
export function gaussianDensity(a: Mat2, b: readonly [number, number], x1: number, x2: number): number {
  return gaussianOf(a, b)(x1, x2);
}

/** The density of N(b, AAᵀ) as a function, Σ⁻¹ and the normaliser computed once. */
export function gaussianOf(a: Mat2, b: readonly [number, number]): (x1: number, x2: number) => number {
  const sigma = mul(a, transpose(a));
  const [p, q, r, t] = inv(sigma);
  const norm = 1 / (2 * Math.PI * Math.sqrt(det(sigma)));
  return (x1, x2) => {
    const d1 = x1 - b[0];
    const d2 = x2 - b[1];
    return norm * Math.exp(-0.5 * (d1 * (p * d1 + q * d2) + d2 * (r * d1 + t * d2)));
  };
}

/** What the figure shows. */
export interface LinearFrame {
  /** Row-major [a₁₁, a₁₂, a₂₁, a₂₂]: its columns are a₁ = (a₁₁, a₂₁) and a₂ = (a₁₂, a₂₂). */
  a: Mat2;
  b: [number, number];
  /** a₁₁a₂₂ − a₁₂a₂₁. */
  det: number;
  /** The image of the unit square: b, b + a₁, b + a₁ + a₂, b + a₂ (flat [x, y] × 4). */
  corners: Float64Array;
  /** Shoelace area of the drawn corners. */
  area: number;
  /** True when |det A| < SINGULAR: no density is drawn. */
  singular: boolean;
  /** N(b, AAᵀ) at the centres of the x panel's grid (undefined when singular), and N(0, I) on the z panel's. */
  density?: Float64Array;
  base: Float64Array;
}

const squared = (n: number, f: (x1: number, x2: number) => number) => {
  const out = new Float64Array(n * n);
  const h = (2 * HALF) / n;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) out[j * n + i] = f(-HALF + (i + 0.5) * h, -HALF + (j + 0.5) * h);
  return out;
};

let baseCache: {n: number; values: Float64Array} | undefined;

/** The frame, on the page: a 2×2 determinant, four corners and two grids of closed-form densities. */
export function linearFrame(o: LinearOptions, s: LinearState): LinearFrame {
  const a: Mat2 = [s.a11, s.a12, s.a21, s.a22];
  const b: [number, number] = [s.b1, s.b2];
  const d = s.a11 * s.a22 - s.a12 * s.a21;
  const corners = Float64Array.from([
    b[0],
    b[1],
    b[0] + s.a11,
    b[1] + s.a21,
    b[0] + s.a11 + s.a12,
    b[1] + s.a21 + s.a22,
    b[0] + s.a12,
    b[1] + s.a22
  ]);
  const singular = !(Math.abs(d) >= SINGULAR);
  const n = Math.round(o.grid);
  if (baseCache?.n !== n) {
    baseCache = {n, values: squared(n, (x1, x2) => Math.exp(-0.5 * (x1 * x1 + x2 * x2)) / (2 * Math.PI))};
  }
  return {
    a,
    b,
    det: d,
    corners,
    area: shoelace(corners),
    singular,
    ...(singular ? {} : {density: squared(n, gaussianOf(a, b))}),
    base: baseCache.values
  };
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);
const paren = (v: number) => (v < 0 ? `(${fmt(v)})` : fmt(v));

/** The readout: det A from its entries, the parallelogram's measured area, and the orientation or the warning. */
export function readoutLines(f: LinearFrame): [string, string] {
  const [p, q, r, t] = f.a;
  const first = `det A = ${paren(p)}·${paren(t)} − ${paren(q)}·${paren(r)} = ${fmt(f.det, 3)}`;
  const area = `parallelogram area (its corners) = ${f.area.toFixed(3)}`;
  if (f.singular) return [first, `${area}: det A ≈ 0, the plane collapses onto a line, no density`];
  return [first, `${area} · ${f.det < 0 ? "orientation flipped (det A < 0)" : "orientation kept"}`];
}

function describeFrame(f: LinearFrame): string {
  const [p, q, r, t] = f.a;
  const [one, two] = readoutLines(f);
  return (
    `The unit square of the noise plane and its image under x = A z + b, A = [[${fmt(p)}, ${fmt(q)}], [${fmt(r)}, ` +
    `${fmt(t)}]], b = (${fmt(f.b[0])}, ${fmt(f.b[1])}), over ${f.singular ? "no density" : "the density of N(b, AAᵀ)"}. ` +
    `${one}. ${two}.`
  );
}

const PANEL: readonly [number, number] = [306, 338];
const MARGINS = {marginTop: 34, marginRight: 4, marginBottom: 4, marginLeft: 4};

function panel(label: string, title: string, marks: Plot.Markish[], description?: string) {
  return figure({
    label,
    ...(description ? {description} : {}),
    size: PANEL,
    equal: true,
    ...MARGINS,
    x: {domain: [-HALF, HALF], axis: null},
    y: {domain: [-HALF, HALF], axis: null},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.4}),
      Plot.ruleX([0], {stroke: palette.rule}),
      Plot.ruleY([0], {stroke: palette.rule}),
      ...marks,
      Plot.text([title], {frameAnchor: "top", dy: -20, fontSize: 22})
    ]
  });
}

/** The four corners as a closed line, filled. */
function quad(corners: ArrayLike<number>, color: string, stroke: string): Plot.Markish {
  return Plot.line([0, 1, 2, 3, 0], {
    x: (k: number) => corners[2 * k],
    y: (k: number) => corners[2 * k + 1],
    fill: color,
    fillOpacity: 0.18,
    stroke,
    strokeWidth: 2.5
  });
}

/** The F glyph through a map of the plane. */
function glyph(map: (p: readonly [number, number]) => [number, number], color: string, width = 4): Plot.Markish[] {
  return GLYPH.map((stroke) =>
    Plot.line(
      stroke.map((p) => map(p)),
      {x: (p: number[]) => p[0], y: (p: number[]) => p[1], stroke: color, strokeWidth: width, strokeLinecap: "round"}
    )
  );
}

/** An arrow from the origin to p. */
function arrow(p: readonly [number, number], color: string): Plot.Markish {
  return Plot.arrow([p], {
    x1: 0,
    y1: 0,
    x2: (q: number[]) => q[0],
    y2: (q: number[]) => q[1],
    stroke: color,
    strokeWidth: 3,
    headLength: 12
  });
}

function grid(values: Float64Array, n: number) {
  return {nx: n, ny: n, extent: [-HALF, HALF, -HALF, HALF] as const, values};
}

/**
 * Linear maps and the determinant (deck 2, D2.3): x = A z + b. Drag the columns a₁ = A e₁ and a₂ = A e₂ (and b):
 * the unit square becomes the parallelogram spanned by them, whose area (shoelace on the drawn corners) equals
 * |det A| = |a₁₁a₂₂ − a₁₂a₂₁|; N(0, I) becomes N(b, AAᵀ) (its closed form as a heatmap); the F glyph reads backwards
 * when det A < 0; near det A = 0 the plane collapses onto a line and the readout warns (no density is drawn).
 */
export const linearMap: DemoSpec<typeof options, typeof state, LinearFrame> = {
  id: "linear-map",
  description:
    "drag the columns of A: the unit square becomes a parallelogram of area |det A|, N(0, I) becomes N(b, AAᵀ)",
  options,
  state,
  controls: ["b1", "b2"],
  drag: {col1: ["a11", "a21"], col2: ["a12", "a22"], shift: ["b1", "b2"]},
  examples: [
    {name: "shear", state: {a11: "1", a21: "0", a12: "1", a22: "1"}},
    {name: "reflection", state: {a11: "-1", a21: "0", a12: "0", a22: "1.4", b1: "0.5"}},
    {name: "near singular", state: {a11: "1.2", a21: "0.6", a12: "1.6", a22: "0.82"}}
  ],
  snapshot: (o, s) => linearFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? linearFrame(o, s);
    const n = Math.round(o.grid);
    const [p, q, r, t] = f.a;
    const map = (z: readonly [number, number]): [number, number] => [
      p * z[0] + q * z[1] + f.b[0],
      r * z[0] + t * z[1] + f.b[1]
    ];
    const noise = panel("noise z ~ N(0, I) and the unit square", "noise z", [
      densityRaster(grid(f.base, n), {color: "source", opacity: 0.55}),
      quad([0, 0, 1, 0, 1, 1, 0, 1], palette.source, palette.source),
      ...glyph((z) => [z[0], z[1]], palette.ink),
      arrow([1, 0], palette.ink),
      arrow([0, 1], palette.muted)
    ]);
    const data = panel(
      "x = A z + b: the parallelogram and N(b, AAᵀ)",
      "x = Az + b",
      [
        f.density ? densityRaster(grid(f.density, n), {color: "model", opacity: 0.55}) : null,
        quad(f.corners, f.singular ? palette.error : palette.model, f.singular ? palette.error : palette.model),
        ...glyph(map, f.singular ? palette.error : palette.ink),
        arrow([p, r], palette.ink),
        arrow([q, t], palette.muted),
        handles([
          {name: "col1", x: p, y: r, label: "column a₁ of A", tag: "a₁"},
          {name: "col2", x: q, y: t, label: "column a₂ of A", color: "muted", tag: "a₂"},
          {name: "shift", x: f.b[0], y: f.b[1], label: "the shift b", color: "accent", tag: "b"}
        ])
      ],
      describeFrame(f)
    );
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [one, two] = readoutLines(f);
    const warn = document.createElement("span");
    warn.textContent = two;
    if (f.singular) warn.style.color = palette.error;
    readout.append(one, document.createElement("br"), warn);
    const panels = document.createElement("div");
    // .demo-panels lays its children out right to left: the x panel is the first SVG (the one the handles are
    // dragged through) and is shown on the right.
    panels.className = "demo-panels panels-natural";
    panels.append(data, noise);
    root.append(readout, panels);
    return Object.assign(root, {scale: (name: string) => data.scale(name as "x")});
  },
  describe(frame, o, s) {
    return describeFrame(frame ?? linearFrame(o, s));
  }
};

export default linearMap;
