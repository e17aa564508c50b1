import * as Plot from "@observablehq/plot";
import {planeMap, pushedLogDensity, type ChangeOfVariables} from "../engine/flows/plane-maps.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {densityTwoWaysOptions} from "../engine/tasks/density-two-ways-options.ts";
import {DENSITY_EXTENT, densityTwoWaysFrame, type DensityTwoWaysFrame} from "../engine/tasks/density-two-ways.ts";
import {densityRaster, figure, handles, type Grid} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The task's options but the grid, which the figure fixes. */
const {map, strength, n, bandwidth, seed} = densityTwoWaysOptions;
const options = {map, strength, n, bandwidth, seed};
/** Pixels per side of both densities. */
export const GRID = 64;

const state = {
  hx: number(0.6, "the probed point x, first coordinate (drag it on the formula panel)", {
    min: -3.9,
    max: 3.9,
    step: 0.05
  }),
  hy: number(0.2, "the probed point x, second coordinate", {min: -3.9, max: 3.9, step: 0.05})
};

type Options = Values<typeof options>;
/** State of `density-two-ways`. */
export type DensityTwoWaysState = Values<typeof state>;

const fmt = (v: number, digits = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(digits);

/** The change of variables at the probed x (computed on the page: one inverse). */
export function probe(o: Options, s: DensityTwoWaysState): ChangeOfVariables {
  return pushedLogDensity(planeMap(o.map, o.strength), s.hx, s.hy);
}

/** The pixel of the grid under x, and the two densities there. */
export function pixelAt(f: DensityTwoWaysFrame, x: number, y: number): {formula: number; kde: number} {
  const [x0, x1, y0, y1] = f.extent;
  const i = Math.min(f.grid - 1, Math.max(0, Math.floor(((x - x0!) * f.grid) / (x1! - x0!))));
  const j = Math.min(f.grid - 1, Math.max(0, Math.floor(((y - y0!) * f.grid) / (y1! - y0!))));
  return {formula: f.formula[j * f.grid + i]!, kde: f.kde[j * f.grid + i]!};
}

/** The readout's two lines: the sample count and the largest gap; the two densities at the probed pixel. */
export function readoutLines(f: DensityTwoWaysFrame, o: Options, s: DensityTwoWaysState): [string, string] {
  const at = pixelAt(f, s.hx, s.hy);
  return [
    `KDE of ${f.count.toLocaleString("en-US")} samples · largest |a − b| = ${f.maxDifference.toFixed(4)} ` +
      `(peak ${Math.max(...f.formula).toFixed(3)})`,
    `at x: (b) ${at.formula.toFixed(4)} · (a) ${at.kde.toFixed(4)} · mass of (b) ${f.mass.toFixed(3)}`
  ];
}

function asGrid(f: DensityTwoWaysFrame, values: Float64Array): Grid {
  return {nx: f.grid, ny: f.grid, extent: DENSITY_EXTENT, values};
}

const PANEL: readonly [number, number] = [196, 216];

function panel(title: string, marks: Plot.Markish[], description?: string) {
  return figure({
    label: title,
    ...(description ? {description} : {}),
    size: PANEL,
    equal: true,
    marginTop: 30,
    marginBottom: 4,
    marginLeft: 4,
    marginRight: 4,
    x: {domain: [DENSITY_EXTENT[0], DENSITY_EXTENT[1]], axis: null},
    y: {domain: [DENSITY_EXTENT[2], DENSITY_EXTENT[3]], axis: null},
    marks: [
      ...marks,
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.text([title], {frameAnchor: "top", dy: -20, fill: palette.ink, fontWeight: 600})
    ]
  });
}

/** The stacked bar of the formula at x: log p_Z(z) from 0, then −log|det J_f(z)| from there, landing on log p_X(x). */
function logBar(c: ChangeOfVariables) {
  const {logPz, minusLogDet, logPx} = c;
  const lo = Math.min(-8, logPx - 0.5, logPz - 0.5);
  const hi = Math.max(1, logPx + 0.5, logPz + 0.5);
  return figure({
    label: "log p_X(x) as a sum of two terms",
    size: [600, 100],
    marginTop: 4,
    marginBottom: 30,
    marginLeft: 262,
    marginRight: 12,
    x: {domain: [lo, hi], ticks: 6, label: null},
    y: {axis: null, domain: [0, 3]},
    marks: [
      Plot.rectX([0], {x1: 0, x2: logPz, y1: 2.1, y2: 2.9, fill: palette.source, fillOpacity: 0.6}),
      Plot.rectX([0], {x1: logPz, x2: logPx, y1: 1.1, y2: 1.9, fill: palette.error, fillOpacity: 0.55}),
      Plot.rectX([0], {x1: 0, x2: logPx, y1: 0.1, y2: 0.9, fill: palette.model, fillOpacity: 0.6}),
      Plot.ruleX([0], {stroke: palette.ink}),
      Plot.text([`log p_Z(z) = ${fmt(logPz)}`], {
        frameAnchor: "left",
        y: 2.5,
        textAnchor: "end",
        dx: -8,
        fill: palette.source
      }),
      Plot.text([`−log|det J| = ${fmt(minusLogDet)}`], {
        frameAnchor: "left",
        y: 1.5,
        textAnchor: "end",
        dx: -8,
        fill: palette.error
      }),
      Plot.text([`log p_X(x) = ${fmt(logPx)}`], {
        frameAnchor: "left",
        y: 0.5,
        textAnchor: "end",
        dx: -8,
        fill: palette.model,
        fontWeight: 600
      })
    ]
  });
}

/**
 * The change of variables in two dimensions, checked (lecture D2.5): the density of x = f(z), z ~ N(0, I), for a
 * named nonlinear map (engine/flows/plane-maps.ts), (a) estimated by a Gaussian KDE of n pushed samples and (b)
 * computed per pixel by the formula p_Z(f⁻¹(x))/|det J_f(f⁻¹(x))|, side by side with |a − b|; the worker task
 * density-two-ways streams the KDE as the samples arrive. A draggable probe x prints the formula as a stacked bar:
 * log p_Z(z) + (−log|det J_f(z)|) = log p_X(x).
 */
export const densityTwoWays: DemoSpec<typeof options, typeof state, DensityTwoWaysFrame> = {
  id: "density-two-ways",
  description:
    "the density of a pushed Gaussian two ways: a KDE of pushed samples against the change-of-variables formula",
  options,
  state,
  controls: ["map", "n", "bandwidth"],
  drag: {probe: ["hx", "hy"]},
  examples: [
    {name: "swirl", options: {map: "swirl"}, state: {hx: "0.8", hy: "-0.4"}},
    {name: "coupling, few samples", options: {map: "coupling", n: "2000"}},
    {name: "planar bump, wide bandwidth", options: {bandwidth: "0.5", n: "50000"}}
  ],
  task: (o) => ({task: "density-two-ways", options: {...o, grid: GRID}}),
  snapshot: (o) => densityTwoWaysFrame({...o, grid: GRID}),
  render(frame, o, s) {
    const c = probe(o, s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural panels-ltr";
    const probeMark = handles([{name: "probe", x: s.hx, y: s.hy, color: "ink", label: "the probed point x"}], {r: 8});
    let first;
    if (frame) {
      const [a, b] = readoutLines(frame, o, s);
      readout.append(a, document.createElement("br"), b);
      const peak = Math.max(...frame.formula);
      const difference = Float64Array.from(frame.kde, (v, i) => Math.abs(v - frame.formula[i]!));
      first = panel(
        "(b) formula",
        [densityRaster(asGrid(frame, frame.formula), {color: "model", max: peak}), probeMark],
        describeFrame(frame, o, s, c)
      );
      panels.append(
        first,
        panel("(a) KDE", [densityRaster(asGrid(frame, frame.kde), {color: "model", max: peak})]),
        panel("|a − b|", [densityRaster(asGrid(frame, difference), {color: "error", max: peak})])
      );
    } else {
      readout.append("sampling…");
      first = panel("(b) formula", [probeMark]);
      panels.append(first);
    }
    root.append(readout, panels, logBar(c));
    return Object.assign(root, {scale: (name: string) => first.scale(name as "x")});
  },
  describe(frame, o, s) {
    return frame ? describeFrame(frame, o, s, probe(o, s)) : "The density of a pushed Gaussian, computing.";
  }
};

function describeFrame(f: DensityTwoWaysFrame, o: Options, s: DensityTwoWaysState, c: ChangeOfVariables): string {
  const [a, b] = readoutLines(f, o, s);
  return (
    `The density of f(z), z ~ N(0, I), for the ${o.map} map (strength ${o.strength}) on [−4, 4]², by the change of ` +
    `variables formula, by a kernel density estimate of pushed samples, and their absolute difference, all on one ` +
    `scale. ${a}. ${b}. At the probe, z = f⁻¹(x) = (${fmt(c.z[0])}, ${fmt(c.z[1])}) and log p_Z(z) = ${fmt(c.logPz, 3)} ` +
    `plus −log|det J_f(z)| = ${fmt(c.minusLogDet, 3)} gives log p_X(x) = ${fmt(c.logPx, 3)}.`
  );
}

export default densityTwoWays;
