import * as Plot from "@observablehq/plot";
import {det2, planeMap, planeMapNames, type Matrix2, type PlaneMap} from "../engine/flows/plane-maps.ts";
import {choice, number, type Values} from "../engine/options/schema.ts";
import {figure, handles, type Grid} from "./layers/index.ts";
import {logDetRaster, logDetLegend} from "./layers/log-det.ts";
import {gridLines, warpedGrid} from "./layers/warped-grid.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {};

const state = {
  map: choice(planeMapNames, "planar bump", "the nonlinear map x = f(z)"),
  strength: number(1, "the map's strength k (0 is the identity)", {min: 0, max: 2, step: 0.05}),
  px: number(-0.3, "the probe point z, first coordinate (drag it)", {min: -2.5, max: 2.5, step: 0.05}),
  py: number(0.4, "the probe point z, second coordinate", {min: -2.5, max: 2.5, step: 0.05}),
  h: number(0.5, "side of the small square cell at z", {min: 0.05, max: 1.2, step: 0.05})
};

/** State of `jacobian-probe`. */
export type JacobianProbeState = Values<typeof state>;

/** Both panels show the plane [−3, 3]². */
export const EXTENT = [-3, 3, -3, 3] as const;
/** Cells per side of the log|det J| raster on the x side. */
export const RASTER = 64;
/** Points per side of the square's outline, mapped one by one so its image curves. */
const OUTLINE = 40;

/** What the figure shows for one map and probe. */
export interface JacobianProbeFrame {
  f: PlaneMap;
  /** det J_f(f⁻¹(x)) at the x-side raster's cell centres. */
  det: Grid;
  /** The straight grid and its image. */
  grid: ReturnType<typeof gridLines>;
  warped: ReturnType<typeof gridLines>;
  /** The probe: z, x = f(z), J_f(z), det J_f(z). */
  z: [number, number];
  x: [number, number];
  jacobian: Matrix2;
  detJ: number;
  /** The square cell at z (counter-clockwise outline), its image f(cell) and the parallelogram f(z) + J·(cell − z). */
  cell: [number, number][];
  image: [number, number][];
  linear: [number, number][];
  /** area(f(cell)) / area(cell), the outline's shoelace area over h². */
  areaRatio: number;
}

/** The outline of the square of side h centred at z, counter-clockwise, OUTLINE points per side. */
export function squareOutline(z: readonly [number, number], h: number): [number, number][] {
  const corners: [number, number][] = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1]
  ];
  const out: [number, number][] = [];
  for (let side = 0; side < 4; side++) {
    const [a, b] = [corners[side]!, corners[(side + 1) % 4]!];
    for (let i = 0; i < OUTLINE; i++) {
      const u = i / OUTLINE;
      out.push([z[0] + (h / 2) * (a[0] + u * (b[0] - a[0])), z[1] + (h / 2) * (a[1] + u * (b[1] - a[1]))]);
    }
  }
  return out;
}

/** The signed shoelace area of a closed polygon. */
export function polygonArea(points: readonly (readonly [number, number])[]): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) {
    const [a, b] = [points[i]!, points[(i + 1) % points.length]!];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** The area ratio area(f(cell)) / area(cell) for the square of side h at z. */
export function cellAreaRatio(f: PlaneMap, z: readonly [number, number], h: number): number {
  return polygonArea(squareOutline(z, h).map(([a, b]) => f.map(a, b))) / (h * h);
}

/** det J_f at the preimage of every cell centre of the x-side raster. */
export function detRaster(f: PlaneMap, size = RASTER): Grid {
  const [x0, x1, y0, y1] = EXTENT;
  const values = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const z = f.inverse(x0 + ((i + 0.5) * (x1 - x0)) / size, y0 + ((j + 0.5) * (y1 - y0)) / size);
      values[j * size + i] = f.det(z[0], z[1]);
    }
  }
  return {nx: size, ny: size, extent: EXTENT, values};
}

/** The frame for a state (everything closed form, on the page). */
export function jacobianProbeFrame(s: JacobianProbeState): JacobianProbeFrame {
  const f = planeMap(s.map, s.strength);
  const grid = gridLines(EXTENT, 13, 61);
  const warped = {...grid, values: new Float64Array(grid.values.length)};
  for (let i = 0; i < grid.values.length; i += 2) {
    const [a, b] = f.map(grid.values[i]!, grid.values[i + 1]!);
    warped.values[i] = a;
    warped.values[i + 1] = b;
  }
  const z: [number, number] = [s.px, s.py];
  const x = f.map(z[0], z[1]);
  const jacobian = f.jacobian(z[0], z[1]);
  const cell = squareOutline(z, s.h);
  const image = cell.map(([a, b]) => f.map(a, b));
  const linear = cell.map(([a, b]): [number, number] => {
    const [d1, d2] = [a - z[0], b - z[1]];
    return [x[0] + jacobian[0] * d1 + jacobian[1] * d2, x[1] + jacobian[2] * d1 + jacobian[3] * d2];
  });
  return {
    f,
    det: detRaster(f),
    grid,
    warped,
    z,
    x,
    jacobian,
    detJ: det2(jacobian),
    cell,
    image,
    linear,
    areaRatio: polygonArea(image) / (s.h * s.h)
  };
}

const fmt = (v: number, digits = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(digits);

/** The readout lines: J and det J at z, and the measured area ratio of the cell. */
export function readoutLines(f: JacobianProbeFrame, h: number): [string, string] {
  const [a, b, c, d] = f.jacobian.map((v) => fmt(v));
  return [
    `J_f(z) = [${a}  ${b} ; ${c}  ${d}] · det J_f(z) = ${fmt(f.detJ, 3)}`,
    `area(f(cell)) / area(cell) = ${fmt(f.areaRatio, 3)} (side ${h.toFixed(2)})`
  ];
}

/** A mark clipped to the frame (the warped grid leaves the plane where the map pushes it out). */
function clipped(mark: Plot.Markish): Plot.Markish {
  return Object.assign(mark as object, {clip: "frame"}) as Plot.Markish;
}

const closed = (points: [number, number][]) => [...points, points[0]!];

function zPanel(f: JacobianProbeFrame, s: JacobianProbeState, description: string) {
  return figure({
    label: "the noise side z: a straight grid and a small square cell at z",
    description,
    size: [300, 300],
    equal: true,
    marginLeft: 44,
    marginBottom: 36,
    marginTop: 30,
    marginRight: 8,
    x: {domain: [EXTENT[0], EXTENT[1]], label: null, ticks: 3},
    y: {domain: [EXTENT[2], EXTENT[3]], label: null, ticks: 3},
    marks: [
      warpedGrid(f.grid),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.line(closed(f.cell), {
        x: "0",
        y: "1",
        stroke: palette.source,
        fill: palette.source,
        fillOpacity: 0.25,
        strokeWidth: 2.5
      }),
      Plot.text(["z side"], {frameAnchor: "top-left", dy: -26, fill: palette.source, fontWeight: 600}),
      handles([{name: "probe", x: s.px, y: s.py, color: "source", label: "the probe point z"}], {r: 8})
    ]
  });
}

function xPanel(f: JacobianProbeFrame) {
  return figure({
    label: "the data side x: the warped grid over log|det J_f|, the cell's image and its linear approximation",
    size: [300, 300],
    equal: true,
    marginLeft: 44,
    marginBottom: 36,
    marginTop: 30,
    marginRight: 8,
    x: {domain: [EXTENT[0], EXTENT[1]], label: null, ticks: 3},
    y: {domain: [EXTENT[2], EXTENT[3]], label: null, ticks: 3},
    marks: [
      logDetRaster(f.det, {limit: 1.5}),
      clipped(warpedGrid(f.warped)),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.line(closed(f.image), {
        x: "0",
        y: "1",
        stroke: palette.model,
        fill: palette.model,
        fillOpacity: 0.3,
        strokeWidth: 2.5
      }),
      Plot.line(closed(f.linear), {
        clip: true,
        x: "0",
        y: "1",
        stroke: palette.ink,
        strokeWidth: 2,
        strokeDasharray: "6 4"
      }),
      Plot.dot([f.x], {x: "0", y: "1", r: 4, fill: palette.model}),
      Plot.text(["x side"], {frameAnchor: "top-left", dy: -26, fill: palette.model, fontWeight: 600})
    ]
  });
}

/**
 * The Jacobian as a local linear map (lecture D2.4): a nonlinear map of the plane (planar bump, swirl or coupling,
 * engine/flows/plane-maps.ts) drawn as a straight grid on the z side and its warped image on the x side over the
 * map's log|det J_f| (red and "+" grow area, blue and "−" shrink it). A draggable point z carries a small square: its exact image f(cell)
 * (purple, the outline mapped point by point) and the parallelogram J_f(z)·cell (dashed), with J_f(z), det J_f(z)
 * and the measured area ratio printed. All closed form, on the page.
 */
export const jacobianProbe: DemoSpec<typeof options, typeof state, JacobianProbeFrame> = {
  id: "jacobian-probe",
  description: "the Jacobian as a local linear map: a small cell, its curved image and the parallelogram J_f(z)·cell",
  options,
  state,
  controls: ["map", "strength", "h"],
  drag: {probe: ["px", "py"]},
  examples: [
    {name: "swirl, flat log-det", state: {map: "swirl", px: "0.5", py: "0.3"}},
    {name: "coupling, big cell", state: {map: "coupling", px: "1", py: "-0.5", h: "1"}},
    {name: "planar bump, tiny cell", state: {h: "0.1", strength: "2"}}
  ],
  snapshot: (_o, s) => jacobianProbeFrame(s),
  render(frame, _o, s) {
    const f = frame ?? jacobianProbeFrame(s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [first, second] = readoutLines(f, s.h);
    readout.append(first, document.createElement("br"), second);
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural panels-ltr";
    const left = zPanel(f, s, describeFrame(f, s));
    panels.append(left, xPanel(f));
    const legend = document.createElement("p");
    legend.className = "readout";
    legend.textContent =
      "purple: f(cell) · dashed: J_f(z)·cell · + (red): area grows · − (blue): area shrinks · line: log|det J_f| = 0";
    root.append(readout, panels, legend);
    return Object.assign(root, {scale: (name: string) => left.scale(name as "x")});
  },
  describe(frame, _o, s) {
    return describeFrame(frame ?? jacobianProbeFrame(s), s);
  }
};

function describeFrame(f: JacobianProbeFrame, s: JacobianProbeState): string {
  const [first, second] = readoutLines(f, s.h);
  return (
    `The map ${s.map} (strength ${s.strength}) as a straight grid on the z side and its image on the x side, over ` +
    `log|det J_f| (${logDetLegend}). A square cell of side ${s.h} at z = (${fmt(s.px)}, ${fmt(s.py)}) and its ` +
    `image at x = (${fmt(f.x[0])}, ${fmt(f.x[1])}), with the parallelogram of the linear approximation. ${first}; ${second}.`
  );
}

export default jacobianProbe;
