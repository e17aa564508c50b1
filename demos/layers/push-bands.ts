import * as Plot from "@observablehq/plot";
import {palette} from "../runtime/palette.ts";
import {range} from "./data.ts";
import {figure} from "./figure.ts";
import {handles} from "./handles.ts";

/**
 * A 1D map drawn as mass moving between two axes on one horizontal scale (z and x share units, so areas compare):
 * the base density p_Z on the z-axis at the bottom with its equal-mass bins, a band of lines carrying each z to f(z)
 * (the map: lines fan out where it stretches, bunch where it squeezes, cross where it folds), and the pushed density
 * p_X on the x-axis at the top, both densities on one vertical scale. Used by the change-of-variables and folds demos.
 */
export interface PushScene {
  /** Horizontal domain shared by z and x. */
  view: readonly [number, number];
  /** Top of both density panels (density units). */
  yMax: number;
  /** The base density on a z grid. */
  base: {readonly z: ArrayLike<number>; readonly p: ArrayLike<number>};
  /** The pushed density on an x grid (NaN or Infinity values are left out). */
  pushed: {readonly x: ArrayLike<number>; readonly p: ArrayLike<number>};
  /** Edges z_0 < … < z_K of the K coloured bins (the two tails beyond them are grey). */
  edges: ArrayLike<number>;
  /** Each bin's image under p_X to colour in the top panel (monotone maps), as density curves; omit when folded. */
  images?: readonly {readonly x: ArrayLike<number>; readonly p: ArrayLike<number>}[];
  /** x = f(z), for the lines of the band. */
  forward(z: number): number;
  /** A histogram of pushed samples in the top panel, as bins (density units). */
  histogram?: {readonly x1: ArrayLike<number>; readonly x2: ArrayLike<number>; readonly y: ArrayLike<number>};
  /** A second pushed curve to compare with (e.g. a formula that is wrong), drawn dashed in the error colour. */
  wrong?: {readonly x: ArrayLike<number>; readonly p: ArrayLike<number>};
  /** |f'(z)| on the z grid, drawn in the band on its own scale (a rule marks |f'| = 1). */
  slope?: ArrayLike<number>;
  /** Positions on the x-axis marked as caustics (spikes of p_X where f' = 0). */
  caustics?: readonly number[];
  /** The probe: a point x with its preimages z (drawn with their lines), draggable as `probe`. */
  probe?: {readonly x: number; readonly preimages: readonly number[]};
  /** The figure's label and text alternative. */
  label: string;
  description: string;
  size: readonly [number, number];
}

/** Fractions of the density panels' height given to the gap and to the band between them. */
const GAP = 0.1;
const BAND = 0.85;

/** Where things sit vertically, in the figure's y units (density units for the two panels). */
export function pushLayout(yMax: number) {
  const bandLow = yMax * (1 + GAP);
  const bandHigh = bandLow + yMax * BAND;
  const top = bandHigh + yMax * GAP;
  return {bandLow, bandHigh, top, height: top + yMax};
}

/** The figure: one Plot (so that the probe handle can be dragged through its scales). */
export function pushFigure(s: PushScene): ReturnType<typeof Plot.plot> {
  const {bandLow, bandHigh, top, height} = pushLayout(s.yMax);
  const [lo, hi] = s.view;
  const edges = Array.from(s.edges);
  const k = edges.length - 1;
  const marks: Plot.Markish[] = [];

  // Bottom panel: the tails in grey, the bins in alternating shades of the source colour, the density on top.
  const region = (a: number, b: number) => {
    const xs: number[] = [];
    const ps: number[] = [];
    for (let i = 0; i < s.base.z.length; i++) {
      const z = s.base.z[i]!;
      if (z >= a && z <= b) {
        xs.push(z);
        ps.push(s.base.p[i]!);
      }
    }
    return {xs, ps};
  };
  const shade = (i: number) => (i % 2 === 0 ? 0.55 : 0.25);
  const bottom = (a: number, b: number, fill: string, opacity: number) => {
    const {xs, ps} = region(a, b);
    return Plot.areaY(range(xs.length), {x: (i) => xs[i], y: (i) => ps[i], fill, fillOpacity: opacity});
  };
  marks.push(bottom(lo, edges[0]!, palette.muted, 0.18), bottom(edges[k]!, hi, palette.muted, 0.18));
  for (let i = 0; i < k; i++) marks.push(bottom(edges[i]!, edges[i + 1]!, palette.source, shade(i)));
  marks.push(
    Plot.line(range(s.base.z.length), {
      x: (i) => s.base.z[i],
      y: (i) => s.base.p[i],
      stroke: palette.source,
      strokeWidth: 2.5
    }),
    Plot.ruleY([0], {stroke: palette.ink, strokeOpacity: 0.5})
  );

  // The band: lines from z to f(z), four per bin plus the edges; the probe's lines on top.
  const lines: {z: number; bin: number; edge: boolean}[] = [];
  for (let i = 0; i < k; i++) {
    lines.push({z: edges[i]!, bin: i, edge: true});
    for (let j = 1; j < 4; j++) lines.push({z: edges[i]! + ((edges[i + 1]! - edges[i]!) * j) / 4, bin: i, edge: false});
  }
  lines.push({z: edges[k]!, bin: k - 1, edge: true});
  const faded = s.slope !== undefined;
  marks.push(
    Plot.link(lines, {
      x1: (d) => d.z,
      y1: bandLow,
      x2: (d) => s.forward(d.z),
      y2: bandHigh,
      stroke: (d) => (d.edge ? palette.ink : palette.source),
      strokeOpacity: (d) => (faded ? 0.2 : d.edge ? 0.55 : 0.35),
      strokeWidth: (d) => (d.edge ? 1.5 : 1)
    })
  );

  if (s.slope) {
    // |f'(z)| in the band on its own scale: the band's height is 0 … max, a dotted rule marks 1.
    const slope = s.slope;
    let max = 1.5;
    for (let i = 0; i < slope.length; i++) if (Number.isFinite(slope[i]!)) max = Math.max(max, Math.min(slope[i]!, 6));
    const yOf = (v: number) => bandLow + ((bandHigh - bandLow) * Math.min(v, max)) / max;
    marks.push(
      Plot.ruleY([yOf(1)], {x1: lo, x2: hi, stroke: palette.muted, strokeDasharray: "2 4"}),
      Plot.text(["|f′| = 1"], {x: hi, y: yOf(1), textAnchor: "end", dy: -14, fill: palette.muted}),
      Plot.line(range(s.base.z.length), {
        x: (i) => s.base.z[i],
        y: (i) => yOf(slope[i]!),
        stroke: palette.ink,
        strokeWidth: 2.5
      }),
      Plot.text(["|f′(z)|"], {x: lo, y: (bandLow + bandHigh) / 2, textAnchor: "start", fontWeight: 600})
    );
  } else {
    marks.push(
      Plot.text(["f"], {x: lo, y: (bandLow + bandHigh) / 2, textAnchor: "start", fontStyle: "italic", fontWeight: 600})
    );
  }

  // Top panel, raised by `top`: the bins' images, the histogram, the pushed density.
  if (s.images) {
    s.images.forEach((img, i) => {
      marks.push(
        Plot.areaY(range(img.x.length), {
          x: (j) => img.x[j],
          y1: top,
          y2: (j) => top + Math.min(img.p[j]!, s.yMax),
          fill: palette.source,
          fillOpacity: shade(i)
        })
      );
    });
  }
  if (s.histogram) {
    const h = s.histogram;
    marks.push(
      Plot.rect(range(h.y.length), {
        x1: (i) => h.x1[i],
        x2: (i) => h.x2[i],
        y1: top,
        y2: (i) => top + Math.min(h.y[i]!, s.yMax),
        fill: palette.model,
        fillOpacity: 0.3,
        stroke: palette.model,
        strokeWidth: 1.2,
        inset: 0.5
      })
    );
  }
  const curve = (c: {readonly x: ArrayLike<number>; readonly p: ArrayLike<number>}) =>
    range(c.x.length).filter((i) => Number.isFinite(c.p[i]!));
  marks.push(
    Plot.line(curve(s.pushed), {
      x: (i) => s.pushed.x[i],
      y: (i) => top + Math.min(s.pushed.p[i]!, s.yMax * 1.02),
      stroke: palette.target,
      strokeWidth: 3
    })
  );
  if (s.wrong) {
    const w = s.wrong;
    marks.push(
      Plot.line(curve(w), {
        x: (i) => w.x[i],
        y: (i) => top + Math.min(w.p[i]!, s.yMax * 1.02),
        stroke: palette.error,
        strokeWidth: 2.5,
        strokeDasharray: "6 5"
      })
    );
  }
  for (const c of s.caustics ?? []) {
    marks.push(
      Plot.ruleX([c], {y1: top, y2: top + s.yMax, stroke: palette.error, strokeOpacity: 0.6, strokeDasharray: "3 3"})
    );
  }
  if (s.caustics?.length) {
    const first = s.caustics.reduce((a, b) => (Math.abs(a) <= Math.abs(b) ? a : b));
    marks.push(
      Plot.text(["caustic"], {
        x: first,
        y: top + s.yMax,
        dx: 6,
        textAnchor: "start",
        lineAnchor: "top",
        fill: palette.error
      })
    );
  }
  marks.push(Plot.ruleY([top], {stroke: palette.ink, strokeOpacity: 0.5}));

  // Density ticks on the left of both panels, and the panels' names.
  const ticks = niceTicks(s.yMax);
  const positions = [...ticks, ...ticks.map((t) => t + top)];
  marks.push(
    Plot.axisY(positions, {
      tickFormat: (v: number) => String(+(v >= top - 1e-9 ? v - top : v).toFixed(2)),
      label: null
    }),
    Plot.text(["p_Z(z)"], {
      x: lo,
      y: s.yMax,
      dx: 8,
      textAnchor: "start",
      lineAnchor: "top",
      fill: palette.source,
      fontWeight: 600
    }),
    Plot.text(["p_X(x)"], {
      x: lo,
      y: height,
      dx: 8,
      textAnchor: "start",
      lineAnchor: "top",
      fill: palette.target,
      fontWeight: 600
    }),
    Plot.axisX({anchor: "bottom", label: "z", labelAnchor: "right", labelArrow: "none", labelOffset: 44, ticks: 6}),
    Plot.axisX({anchor: "top", label: "x", labelAnchor: "right", labelArrow: "none", labelOffset: 40, ticks: 6})
  );

  if (s.probe) {
    const {x, preimages} = s.probe;
    marks.push(
      Plot.link(preimages, {x1: (z) => z, y1: bandLow, x2: x, y2: bandHigh, stroke: palette.ink, strokeWidth: 3}),
      Plot.ruleX(preimages, {y1: 0, y2: bandLow, stroke: palette.ink, strokeWidth: 2, strokeDasharray: "4 3"}),
      Plot.dot(preimages, {x: (z) => z, y: 0, r: 6, fill: palette.ink}),
      Plot.ruleX([x], {y1: bandHigh, y2: top + s.yMax, stroke: palette.ink, strokeWidth: 2, strokeDasharray: "4 3"}),
      handles([{name: "probe", x, y: top, label: "the point x"}], {r: 10})
    );
  }

  return figure({
    label: s.label,
    description: s.description,
    size: s.size,
    marginTop: 56,
    marginBottom: 50,
    marginLeft: 64,
    clip: true,
    x: {domain: [lo, hi]},
    y: {domain: [0, height], axis: null},
    marks
  });
}

/** Two or three round ticks in [0, max]. */
function niceTicks(max: number): number[] {
  const step = [0.1, 0.2, 0.25, 0.5, 1, 2].find((st) => max / st <= 3.2) ?? 5;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(+v.toFixed(6));
  return out;
}
