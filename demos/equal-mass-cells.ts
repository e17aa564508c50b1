import * as Plot from "@observablehq/plot";
import {choice, integer, number, type Values} from "../engine/options/schema.ts";
import {normalCdf, normalPdf, normalQuantile} from "../engine/stats/normal.ts";
import {figure} from "./layers/figure.ts";
import {handles} from "./layers/handles.ts";
import {pushFigure} from "./layers/push-bands.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  bins: integer(
    8,
    "equal-mass bins per axis; with the two grey tails each bin holds 1/(bins + 2), each cell its square",
    {
      min: 2,
      max: 12
    }
  ),
  panels: choice(["1d+2d", "2d"], "1d+2d", "the 1D bins beside the 2D cells, or the 2D cells alone")
};

const state = {
  map: choice(["bend", "stretch"], "bend", "the 2D map: a bending map, or the 1D stretch applied to each axis"),
  k: number(1, "strength k of the maps (0: the identity)", {min: 0, max: 1.5, step: 0.05}),
  x1: number(0.6, "the probe's first coordinate x₁ (drag it)", {min: -8, max: 8, step: 0.05}),
  x2: number(0.4, "the probe's second coordinate x₂ (drag it)", {min: -8, max: 8, step: 0.05})
};

/** Options of `equal-mass-cells`. */
export type CellsOptions = Values<typeof options>;
/** State of `equal-mass-cells`. */
export type CellsState = Values<typeof state>;

/** An invertible map of the plane, z → x, with its exact inverse and the determinant of its Jacobian. */
export interface CellMap {
  forward(z1: number, z2: number): [number, number];
  inverse(x1: number, x2: number): [number, number];
  /** det J_f(z), exact. */
  det(z1: number, z2: number): number;
}

/** The 1D stretch s(z) = sinh(kz)/k (the identity at k = 0): s′(z) = cosh(kz) ≥ 1, so it only ever widens. */
export function stretch1d(k: number) {
  return {
    forward: (z: number) => (k > 0 ? Math.sinh(k * z) / k : z),
    inverse: (x: number) => (k > 0 ? Math.asinh(k * x) / k : x),
    derivative: (z: number) => Math.cosh(k * z)
  };
}

/** The 1D stretch on each axis: x = (s(z₁), s(z₂)), det J = s′(z₁) s′(z₂) (the 1D picture, extruded). */
export function stretchMap(k: number): CellMap {
  const s = stretch1d(k);
  return {
    forward: (z1, z2) => [s.forward(z1), s.forward(z2)],
    inverse: (x1, x2) => [s.inverse(x1), s.inverse(x2)],
    det: (z1, z2) => s.derivative(z1) * s.derivative(z2)
  };
}

/**
 * A bending map made of two affine couplings: y = (z₁, z₂ e^{α(z₁)} + μ(z₁)), then x = (y₁ e^{β(y₂)} + ν(y₂), y₂),
 * with α = ½k tanh, μ(t) = 0.4k(t² − 1), β = −0.35k tanh, ν = 0.4k sin. det J = e^{α(z₁)} e^{β(y₂)} > 0.
 */
export function bendMap(k: number): CellMap {
  const alpha = (t: number) => 0.5 * k * Math.tanh(t);
  const mu = (t: number) => 0.4 * k * (t * t - 1);
  const beta = (t: number) => -0.35 * k * Math.tanh(t);
  const nu = (t: number) => 0.4 * k * Math.sin(t);
  return {
    forward(z1, z2) {
      const y2 = z2 * Math.exp(alpha(z1)) + mu(z1);
      return [z1 * Math.exp(beta(y2)) + nu(y2), y2];
    },
    inverse(x1, x2) {
      const z1 = (x1 - nu(x2)) * Math.exp(-beta(x2));
      return [z1, (x2 - mu(z1)) * Math.exp(-alpha(z1))];
    },
    det(z1, z2) {
      const y2 = z2 * Math.exp(alpha(z1)) + mu(z1);
      return Math.exp(alpha(z1) + beta(y2));
    }
  };
}

/** The map a state names. */
export function cellMapOf(s: Pick<CellsState, "map" | "k">): CellMap {
  return s.map === "stretch" ? stretchMap(s.k) : bendMap(s.k);
}

/** Bin edges z_0 < … < z_bins at the normal quantiles (i + 1)/(bins + 2): every bin holds 1/(bins + 2). */
export function equalMassEdges(bins: number): Float64Array {
  return new Float64Array(bins + 1).map((_, i) => normalQuantile((i + 1) / (bins + 2)));
}

/** Area of a closed polygon given as flat [x, y, x, y, …] (shoelace formula; the sign dropped). */
export function shoelace(points: ArrayLike<number>): number {
  const m = points.length / 2;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    sum += points[2 * i]! * points[2 * j + 1]! - points[2 * j]! * points[2 * i + 1]!;
  }
  return Math.abs(sum) / 2;
}

/** Points per side of a cell's outline (the curved image of a side is a polyline of this many segments). */
export const SIDE = 12;

/** The outline of the rectangle [a₁, b₁] × [a₂, b₂] counterclockwise, `side` segments a side: [4·side, 2]. */
export function rectangleOutline(a1: number, b1: number, a2: number, b2: number, side = SIDE): Float64Array {
  const out = new Float64Array(8 * side);
  for (let k = 0; k < side; k++) {
    const t = k / side;
    const put = (m: number, x: number, y: number) => {
      out[2 * (m * side + k)] = x;
      out[2 * (m * side + k) + 1] = y;
    };
    put(0, a1 + t * (b1 - a1), a2);
    put(1, b1, a2 + t * (b2 - a2));
    put(2, b1 - t * (b1 - a1), b2);
    put(3, a1, b2 - t * (b2 - a2));
  }
  return out;
}

/** A polyline pushed through a map, point by point. */
export function pushOutline(map: CellMap, outline: Float64Array): Float64Array {
  const out = new Float64Array(outline.length);
  for (let i = 0; i < outline.length; i += 2) {
    const [x1, x2] = map.forward(outline[i]!, outline[i + 1]!);
    out[i] = x1;
    out[i + 1] = x2;
  }
  return out;
}

/** One cell of the grid: its place, its probability, its area before and after the map. */
export interface Cell {
  i: number;
  j: number;
  /** P(z in the cell) = (Φ(b₁) − Φ(a₁))(Φ(b₂) − Φ(a₂)). */
  mass: number;
  zOutline: Float64Array;
  xOutline: Float64Array;
  zArea: number;
  /** Shoelace area of the mapped outline. */
  xArea: number;
}

/** What the figure shows. */
export interface CellsFrame {
  edges: Float64Array;
  /** bins² cells, row j (z₂) by column i (z₁): cells[j·bins + i]. */
  cells: Cell[];
  /** The x panel's square view [x₁ min, x₁ max, x₂ min, x₂ max]. */
  xView: [number, number, number, number];
  /** The z panel's half-width. */
  zHalf: number;
  /** The largest average density mass/area over both panels (one tint scale for both). */
  densityMax: number;
  /** The probe in x, its preimage z and the cell holding z (−1 in the grey tails). */
  probe: {x: [number, number]; z: [number, number]; cell: number};
  /** The 1D picture (the stretch s on one axis). */
  oneD: {
    edges: Float64Array;
    view: [number, number];
    baseZ: Float64Array;
    baseP: Float64Array;
    pushedX: Float64Array;
    pushedP: Float64Array;
    images: {x: Float64Array; p: Float64Array}[];
  };
}

let last: {key: string; frame: Omit<CellsFrame, "probe">} | undefined;

/** Everything the demo shows, on the page: bins² outlines of 4·SIDE points each, and a few 1D curves. */
export function cellsFrame(o: CellsOptions, s: CellsState): CellsFrame {
  const key = JSON.stringify([o.bins, s.map, s.k]);
  if (last?.key !== key) last = {key, frame: mapFrame(o, s)};
  const f = last.frame;
  const map = cellMapOf(s);
  const [v0, v1, w0, w1] = f.xView;
  const x: [number, number] = [Math.min(v1, Math.max(v0, s.x1)), Math.min(w1, Math.max(w0, s.x2))];
  const z = map.inverse(x[0], x[1]);
  const e = f.edges;
  const bin = (t: number) => {
    for (let i = 0; i < o.bins; i++) if (t >= e[i]! && t < e[i + 1]!) return i;
    return -1;
  };
  const i = bin(z[0]);
  const j = bin(z[1]);
  return {...f, probe: {x, z, cell: i < 0 || j < 0 ? -1 : j * o.bins + i}};
}

function mapFrame(o: CellsOptions, s: CellsState): Omit<CellsFrame, "probe"> {
  const map = cellMapOf(s);
  const edges = equalMassEdges(o.bins);
  const cells: Cell[] = [];
  let lo1 = Infinity;
  let hi1 = -Infinity;
  let lo2 = Infinity;
  let hi2 = -Infinity;
  let densityMax = 0;
  for (let j = 0; j < o.bins; j++) {
    for (let i = 0; i < o.bins; i++) {
      const [a1, b1, a2, b2] = [edges[i]!, edges[i + 1]!, edges[j]!, edges[j + 1]!];
      const zOutline = rectangleOutline(a1, b1, a2, b2);
      const xOutline = pushOutline(map, zOutline);
      for (let k = 0; k < xOutline.length; k += 2) {
        lo1 = Math.min(lo1, xOutline[k]!);
        hi1 = Math.max(hi1, xOutline[k]!);
        lo2 = Math.min(lo2, xOutline[k + 1]!);
        hi2 = Math.max(hi2, xOutline[k + 1]!);
      }
      const mass = (normalCdf(b1) - normalCdf(a1)) * (normalCdf(b2) - normalCdf(a2));
      const cell = {i, j, mass, zOutline, xOutline, zArea: (b1 - a1) * (b2 - a2), xArea: shoelace(xOutline)};
      densityMax = Math.max(densityMax, mass / cell.zArea, mass / cell.xArea);
      cells.push(cell);
    }
  }
  // A square x view around the image of the block of cells.
  const half = (Math.max(hi1 - lo1, hi2 - lo2) / 2) * 1.08;
  const c1 = (lo1 + hi1) / 2;
  const c2 = (lo2 + hi2) / 2;
  const zHalf = edges[o.bins]! * 1.08;

  // The 1D picture: the stretch s on one axis, its bins' images as density curves.
  const s1 = stretch1d(s.k);
  const zMax = 2.6;
  const reach = Math.max(zMax, s1.forward(zMax));
  const view: [number, number] = [-reach, reach];
  const GRID = 241;
  const baseZ = new Float64Array(GRID).map((_, n) => view[0] + ((view[1] - view[0]) * n) / (GRID - 1));
  const baseP = baseZ.map(normalPdf);
  const density1d = (t: number) => normalPdf(s1.inverse(t)) / s1.derivative(s1.inverse(t));
  const pushedX = baseZ.slice();
  const pushedP = pushedX.map(density1d);
  const images = Array.from({length: o.bins}, (_, n) => {
    const [xa, xb] = [s1.forward(edges[n]!), s1.forward(edges[n + 1]!)];
    const xs = new Float64Array(31).map((_, m) => xa + ((xb - xa) * m) / 30);
    return {x: xs, p: xs.map(density1d)};
  });
  return {
    edges,
    cells,
    xView: [c1 - half, c1 + half, c2 - half, c2 + half],
    zHalf,
    densityMax,
    oneD: {edges, view, baseZ, baseP, pushedX, pushedP, images}
  };
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);

/** The readout: the probed cell's mass, its area before and after, and the average density before and after. */
export function readoutLines(f: CellsFrame, o: CellsOptions): [string, string] {
  const count = (o.bins + 2) ** 2;
  if (f.probe.cell < 0) {
    return [
      `the probe's z = (${fmt(f.probe.z[0])}, ${fmt(f.probe.z[1])}) is in the grey tails`,
      `every cell holds 1/${count} = ${(1 / count).toFixed(4)} of the probability`
    ];
  }
  const c = f.cells[f.probe.cell]!;
  const ratio = c.xArea / c.zArea;
  return [
    `cell (${c.i + 1}, ${c.j + 1}): mass 1/${count} = ${c.mass.toFixed(4)} · area ${c.zArea.toFixed(3)} → ` +
      `${c.xArea.toFixed(3)} (×${ratio.toFixed(2)})`,
    `mass / area: ${(c.mass / c.zArea).toFixed(3)} → ${(c.mass / c.xArea).toFixed(3)} = ` +
      `${(c.mass / c.zArea).toFixed(3)} × 1/${ratio.toFixed(2)}`
  ];
}

function mapLabel(s: CellsState): string {
  return s.map === "stretch" ? `x = (s(z₁), s(z₂)), k = ${s.k.toFixed(2)}` : `a bending map, k = ${s.k.toFixed(2)}`;
}

function describeFrame(f: CellsFrame, o: CellsOptions, s: CellsState): string {
  const [a, b] = readoutLines(f, o);
  const areas = f.cells.map((c) => c.xArea);
  return (
    `${o.bins}×${o.bins} cells of N(0, I), each holding the same probability, pushed through ${mapLabel(s)}; ` +
    `image areas from ${Math.min(...areas).toFixed(3)} to ${Math.max(...areas).toFixed(3)}, each cell tinted by ` +
    `mass / area. ${a}. ${b}.`
  );
}

/** Panel size and margins (no axes: a title above each panel). */
const PANEL: readonly [number, number] = [300, 340];
const MARGINS = {marginTop: 40, marginRight: 6, marginBottom: 6, marginLeft: 6};

/** One cell outline per mark (each with its own tint). */
function cellMarks(f: CellsFrame, side: "z" | "x", color: string): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  const n = 4 * SIDE + 1;
  f.cells.forEach((c, k) => {
    const pts = side === "z" ? c.zOutline : c.xOutline;
    const area = side === "z" ? c.zArea : c.xArea;
    const at = (m: number) => m % (4 * SIDE);
    const probed = k === f.probe.cell;
    marks.push(
      Plot.line(
        Array.from({length: n}, (_, m) => at(m)),
        {
          x: (m: number) => pts[2 * m],
          y: (m: number) => pts[2 * m + 1],
          fill: color,
          fillOpacity: (0.85 * c.mass) / area / f.densityMax,
          stroke: probed ? palette.ink : palette.bg,
          strokeWidth: probed ? 3.5 : 1.2
        }
      )
    );
  });
  // The probed cell's outline again on top, so its neighbours do not cover it.
  const c = f.cells[f.probe.cell];
  if (c) {
    const pts = side === "z" ? c.zOutline : c.xOutline;
    marks.push(
      Plot.line(
        Array.from({length: n}, (_, m) => m % (4 * SIDE)),
        {x: (m: number) => pts[2 * m], y: (m: number) => pts[2 * m + 1], stroke: palette.ink, strokeWidth: 3.5}
      )
    );
  }
  return marks;
}

function zPanel(f: CellsFrame, o: CellsOptions) {
  const h = f.zHalf;
  return figure({
    label: `noise z ~ N(0, I) in ${o.bins}×${o.bins} equal-mass cells`,
    size: PANEL,
    equal: true,
    ...MARGINS,
    x: {domain: [-h, h], axis: null},
    y: {domain: [-h, h], axis: null},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.4}),
      ...cellMarks(f, "z", palette.source),
      Plot.dot([f.probe.z], {x: (p: number[]) => p[0], y: (p: number[]) => p[1], r: 4, fill: palette.ink}),
      Plot.text(["noise z"], {frameAnchor: "top", dy: -24, fontSize: 22})
    ]
  });
}

function xPanel(f: CellsFrame, o: CellsOptions, s: CellsState) {
  const [a, b, c, d] = f.xView;
  return figure({
    label: `the cells pushed through ${mapLabel(s)}`,
    description: describeFrame(f, o, s),
    size: PANEL,
    equal: true,
    ...MARGINS,
    x: {domain: [a, b], axis: null},
    y: {domain: [c, d], axis: null},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.4}),
      ...cellMarks(f, "x", palette.model),
      handles([{name: "probe", x: f.probe.x[0], y: f.probe.x[1], label: "the probe x"}], {r: 9}),
      Plot.text([s.map === "stretch" ? "x = (s(z₁), s(z₂))" : "x = f(z)"], {frameAnchor: "top", dy: -24, fontSize: 22})
    ]
  });
}

function oneDPanel(f: CellsFrame, s: CellsState) {
  const d = f.oneD;
  return pushFigure({
    view: d.view,
    yMax: normalPdf(0) * 1.08,
    base: {z: d.baseZ, p: d.baseP},
    pushed: {x: d.pushedX, p: d.pushedP},
    edges: d.edges,
    images: d.images,
    forward: stretch1d(s.k).forward,
    label: `1D: N(0, 1) in equal-mass bins pushed through s(z) = sinh(kz)/k, k = ${s.k.toFixed(2)}`,
    description: "the bins of the z-axis (bottom) carried to the x-axis (top): wider bins are lower, equal areas",
    size: [420, 340]
  });
}

/**
 * From 1D to 2D (deck 2, D2.2): N(0, 1)'s equal-mass bins pushed through a 1D stretch (wider bins get lower), beside
 * N(0, I)'s equal-mass cells (edges at normal quantiles) pushed through a 2D map: each cell keeps its probability but
 * becomes a curved quadrilateral of another area (shoelace on its mapped outline), so its average density mass/area
 * changes by one over the area ratio. The probe picks a cell; everything is computed on the page.
 */
export const equalMassCells: DemoSpec<typeof options, typeof state, CellsFrame> = {
  id: "equal-mass-cells",
  description:
    "equal-mass cells of N(0, I) pushed through a 2D map: same mass, new area, so density = mass / area changes",
  options,
  state,
  controls: ["map", "k"],
  drag: {probe: ["x1", "x2"]},
  examples: [
    {name: "stretch on each axis", state: {map: "stretch", k: "1", x1: "1.5", x2: "0.3"}},
    {name: "bend, 2D only", options: {panels: "2d"}, state: {map: "bend", k: "1.3", x1: "-1", x2: "1"}}
  ],
  snapshot: (o, s) => cellsFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? cellsFrame(o, s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [a, b] = readoutLines(f, o);
    readout.append(a, document.createElement("br"), b);
    const panels = document.createElement("div");
    // .demo-panels lays its children out right to left: the x panel comes first in the document, so that it is the
    // figure the runtime drags the probe through (the first SVG), and is shown last.
    panels.className = "demo-panels panels-natural";
    const x = xPanel(f, o, s);
    panels.append(x, zPanel(f, o));
    if (o.panels === "1d+2d") panels.append(oneDPanel(f, s));
    root.append(readout, panels);
    // The probe is dragged through the x panel's scales (the runtime reads them from the root).
    return Object.assign(root, {scale: (name: string) => x.scale(name as "x")});
  },
  describe(frame, o, s) {
    return describeFrame(frame ?? cellsFrame(o, s), o, s);
  }
};

export default equalMassCells;
