import * as Plot from "@observablehq/plot";
import {boolean, choice, number, type Values} from "../engine/options/schema.ts";
import {pairsOptions} from "../engine/tasks/pairs-options.ts";
import {conditionalDash, densityRaster, figure, particles} from "./layers/index.ts";
import {range} from "./layers/data.ts";
import {pairsBatch, type PairsBatch, presetExtent, presetField, varianceGrid} from "./pairs-frame.ts";
import type {Grid} from "./layers/data.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = pairsOptions;

const state = {
  pairing: choice(
    ["random", "ot"],
    "random",
    "pair lines: independent (random) pairs, or the exact OT matching of the batch"
  ),
  color: choice(["plain", "mode"], "plain", "colour the pair lines by the source mode they start from"),
  lines: boolean(true, "draw the pair lines x₀ → x₁"),
  marginal: boolean(false, "draw closed-form marginal trajectories, shaded by time, with crossings of their traces"),
  variance: boolean(false, "heatmap of tr Var[x₁ − x₀ | x_t = x] at time t"),
  t: number(0.5, "time t of the points x_t on the lines and of the heatmap", {min: 0, max: 1, step: 0.01})
};

/** Options of `pairs`. */
export type PairsOptions = Values<typeof options>;
/** State of `pairs`. */
export type PairsState = Values<typeof state>;

/** The batch (options only): the pairs task's frame, or the snapshot's in print and previews. */
export interface PairsFrame {
  batch: PairsBatch;
}

/** The variance grid at one time and its largest value (what the heatmap and its readout show). */
interface Variance {
  grid: Grid;
  max: number;
}

/** The figure fits the `layout-figure` column (≤ 600 × 460). */
const SIZE: readonly [number, number] = [600, 460];
/** Crossings labelled on the figure (more are counted in the readout). */
const LABELLED = 2;

let cachedBatch: {key: string; batch: PairsBatch} | undefined;

/** The batch on the page (print view and previews only; live, the worker computes it), kept while the options hold. */
function batchOf(o: PairsOptions): PairsBatch {
  const key = JSON.stringify(o);
  if (cachedBatch?.key !== key) cachedBatch = {key, batch: pairsBatch(o)};
  return cachedBatch.batch;
}

let cachedVariance: {key: string; variance: Variance} | undefined;

/**
 * tr Var[x₁ − x₀ | x_t = x] on the grid at the state's t: a closed form (40 × 35 cells, ~1 ms), computed on the page
 * from the options alone, so it follows t while the batch comes from the worker; kept while options and t hold.
 */
function varianceOf(o: PairsOptions, t: number): Variance {
  const key = JSON.stringify([o.preset, o.mu, o.sigma, t]);
  if (cachedVariance?.key !== key) {
    const grid = varianceGrid(presetField(o), presetExtent(o.preset, o.mu), t);
    let max = 0;
    for (const v of grid.values as Float64Array) max = Math.max(max, v);
    cachedVariance = {key, variance: {grid, max}};
  }
  return cachedVariance.variance;
}

/**
 * Couplings made visible (D4.14-D4.16): a batch of B points from a two-mode source and a two-mode target, joined by
 * straight pair lines, independently (I-CFM) or by the batch's exact OT matching (OT-CFM), with each pairing's mean
 * squared length. The lines can be coloured by their source mode; the closed-form marginal trajectories of the I-CFM
 * path between the two mixtures can be drawn with the places where two traces cross at different times, and the
 * conditional-target variance tr Var[x₁ − x₀ | x_t = x] shown as a heatmap at time t. The batch is the pairs task's
 * (the exact matching and the crossings take longer than a frame); the variance is a closed form on the page.
 */
export const pairs: DemoSpec<typeof options, typeof state, PairsFrame> = {
  id: "pairs",
  description: "random vs OT pairs of a batch, marginal trajectories that never meet, and the conditional variance",
  options,
  state,
  controls: ["pairing", "b", "t", "color", "marginal", "variance"],
  examples: [
    {name: "random pairs by source mode", state: {color: "mode", variance: "true", t: "0.5"}},
    {name: "OT pairs, B 128", options: {b: "128"}, state: {pairing: "ot"}},
    {name: "marginal traces cross", state: {lines: "false", marginal: "true"}}
  ],
  task: (o) => ({task: "pairs", options: o}),
  snapshot: (o) => ({batch: batchOf(o)}),
  render(frame, o, s) {
    const batch = frame?.batch;
    const [xmin, xmax, ymin, ymax] = presetExtent(o.preset, o.mu);
    const variance = s.variance ? varianceOf(o, s.t) : undefined;
    const marks: Plot.Markish[] = [Plot.frame({stroke: palette.muted, strokeOpacity: 0.4})];
    if (variance) marks.push(varianceRaster(variance));
    if (batch) {
      if (s.lines) marks.push(pairLines(batch, s));
      if (s.marginal) marks.push(marginalTraces(batch));
      marks.push(
        particles(batch.x0, {color: "source", r: 3.5, opacity: 0.9}),
        particles(batch.x1, {color: "target", symbol: "diamond", r: 3.5, opacity: 0.9})
      );
    }
    marks.push(
      Plot.text(readout(batch, variance, s), {frameAnchor: "top-left", dx: 8, dy: 6, fontSize: 20, lineAnchor: "top"})
    );
    return figure({
      label: `${o.b} source and target points with their ${s.pairing === "ot" ? "OT" : "random"} pairs`,
      description: describeFrame(frame, o, s),
      size: SIZE,
      equal: true,
      marginBottom: 30,
      marginLeft: 50,
      x: {domain: [xmin, xmax], label: null, ticks: 4},
      y: {domain: [ymin, ymax], label: null, ticks: 4},
      marks
    });
  },
  describe: (frame, o, s) => describeFrame(frame, o, s)
};

/**
 * How the pair lines are drawn: all dashed (conditional); coloured by source mode, the two groups differ by more than
 * colour too: the upper mode's lines thick, blue and dark, the lower mode's thin, grey and light, with x_t as filled
 * against hollow dots.
 */
export const pairStyles = {
  plain: {stroke: palette.conditional, strokeWidth: 1.6, strokeOpacity: 0.75, r: 3, filled: true},
  upper: {stroke: palette.source, strokeWidth: 2.4, strokeOpacity: 0.85, r: 3.2, filled: true},
  lower: {stroke: palette.muted, strokeWidth: 1.1, strokeOpacity: 0.65, r: 2.6, filled: false}
} as const;

/** What the readout says of the two groups (by the source mode they start from) when the lines are coloured by mode. */
export const modeKey = "thick blue: upper mode · thin grey: lower";

/** The pair lines x₀ → x₁ (conditional: dashed), and each pair's point x_t at the state's t; one mark per group. */
function pairLines(batch: PairsBatch, s: PairsState): Plot.Markish {
  const {b, x0, x1, perm, mode} = batch;
  const j = (i: number) => (s.pairing === "ot" ? perm[i]! : i);
  const index = range(b);
  const groups =
    s.color === "mode"
      ? [
          {style: pairStyles.upper, members: index.filter((i) => mode[i] === 1)},
          {style: pairStyles.lower, members: index.filter((i) => mode[i] !== 1)}
        ]
      : [{style: pairStyles.plain, members: index}];
  const xt = (i: number, c: 0 | 1) => (1 - s.t) * x0[2 * i + c]! + s.t * x1[2 * j(i) + c]!;
  // The lower (lighter) group first, so the upper one is drawn over it.
  return groups.reverse().map(({style, members}) => [
    Plot.link(members, {
      x1: (i: number) => x0[2 * i],
      y1: (i: number) => x0[2 * i + 1],
      x2: (i: number) => x1[2 * j(i)],
      y2: (i: number) => x1[2 * j(i) + 1],
      stroke: style.stroke,
      strokeWidth: style.strokeWidth,
      strokeOpacity: style.strokeOpacity,
      strokeDasharray: conditionalDash.join(" ")
    }),
    s.t > 0 && s.t < 1
      ? Plot.dot(members, {
          x: (i: number) => xt(i, 0),
          y: (i: number) => xt(i, 1),
          r: style.r,
          ...(style.filled
            ? {fill: style.stroke, stroke: null}
            : {fill: "none", stroke: style.stroke, strokeWidth: 1.5})
        })
      : null
  ]);
}

/**
 * The variance grid as one raster image (a few hundred cells: one SVG element, not one per cell), tinted with the error
 * colour, opacity ∝ value up to 0.6 at the maximum, cells as blocks.
 */
function varianceRaster({grid, max}: Variance): Plot.Markish {
  return densityRaster(grid, {color: "error", max, opacity: 0.6, smooth: false});
}

/**
 * Marginal trajectories (solid), drawn darker as t grows, and the first crossings of their traces, labelled. The
 * segments of one time step (one per trajectory, all of one opacity) are one path with gaps: 40 SVG elements, not 1200.
 */
function marginalTraces(batch: PairsBatch): Plot.Markish {
  const {traces, m, steps, crossings} = batch;
  // Per step k and trajectory i: its two ends, then a gap (NaN) before the next segment of that step.
  const points = range(steps * m * 3);
  const coordinate = (p: number, c: 0 | 1) => {
    const end = p % 3;
    if (end === 2) return NaN;
    const segment = Math.floor(p / 3);
    const i = segment % m;
    const k = Math.floor(segment / m) + end;
    return traces[2 * (k * m + i) + c];
  };
  const step = (p: number) => Math.floor(p / (3 * m));
  const labelled = spreadOut(crossings, LABELLED);
  return [
    Plot.line(points, {
      x: (p: number) => coordinate(p, 0),
      y: (p: number) => coordinate(p, 1),
      z: step,
      stroke: palette.marginal,
      strokeWidth: 2,
      strokeOpacity: (p: number) => 0.15 + (0.85 * (step(p) + 0.5)) / steps,
      strokeLinecap: "butt",
      curve: "linear"
    }),
    Plot.dot(labelled, {x: "x", y: "y", r: 7, stroke: palette.ink, strokeWidth: 2, fill: "none"}),
    Plot.text(labelled, {
      x: "x",
      y: "y",
      text: (c: {t0: number; t1: number}) => `t ${c.t0.toFixed(2)} / ${c.t1.toFixed(2)}`,
      dx: 10,
      textAnchor: "start",
      fontSize: 18,
      stroke: palette.bg,
      strokeWidth: 4,
      fill: palette.ink,
      paintOrder: "stroke"
    })
  ];
}

/** Up to `count` crossings whose time gap is the largest, at least a unit apart (so their labels do not collide). */
function spreadOut<C extends {x: number; y: number; t0: number; t1: number}>(all: readonly C[], count: number): C[] {
  const sorted = [...all].sort((a, b) => b.t1 - b.t0 - (a.t1 - a.t0));
  const out: C[] = [];
  for (const c of sorted) {
    if (out.length >= count) break;
    if (out.every((o) => Math.hypot(o.x - c.x, o.y - c.y) > 1)) out.push(c);
  }
  return out;
}

/** The numbers on the figure: the pairing's mean squared length, and what else is drawn. */
function readout(batch: PairsBatch | undefined, variance: Variance | undefined, s: PairsState): string[] {
  const lines: string[] = [];
  if (!batch) lines.push("drawing the batch…");
  else if (s.lines) {
    lines.push(
      s.pairing === "ot"
        ? `OT pairs: mean |x₁−x₀|² ${batch.costOt.toFixed(2)} · random ${batch.costRandom.toFixed(2)}`
        : `random pairs: mean |x₁−x₀|² ${batch.costRandom.toFixed(2)}`
    );
    if (s.color === "mode") lines.push(modeKey);
  }
  if (batch && s.marginal) {
    lines.push(`marginal traces cross ${batch.crossings.length}×, never at one t`);
    const {energy, displacement, straightness} = batch;
    lines.push(`ℰ ${energy.toFixed(2)} − E|Z₁−Z₀|² ${displacement.toFixed(2)} = S ${straightness.toFixed(2)}`);
  }
  if (variance) lines.push(`red: tr Var[x₁−x₀ | x_t] at t ${s.t.toFixed(2)}, max ${variance.max.toFixed(1)}`);
  return [lines.join("\n")];
}

function describeFrame(frame: PairsFrame | undefined, o: PairsOptions, s: PairsState): string {
  const batch = frame?.batch;
  const parts = [`${o.b} points from a two-mode source and a two-mode target (${o.preset}, μ = ${o.mu})`];
  if (!batch) parts.push("the batch is being drawn");
  else {
    parts.push(
      s.pairing === "ot"
        ? `paired by exact OT: mean squared length ${batch.costOt.toFixed(2)}, against ${batch.costRandom.toFixed(2)} for random pairs`
        : `paired at random: mean squared length ${batch.costRandom.toFixed(2)}`
    );
    if (s.lines && s.color === "mode") {
      parts.push("pair lines from the upper source mode drawn thick and blue, those from the lower mode thin and grey");
    }
  }
  if (batch && s.marginal) {
    parts.push(
      `${batch.m} marginal trajectories whose traces cross ${batch.crossings.length} times, path energy ` +
        `${batch.energy.toFixed(2)}, squared displacement ${batch.displacement.toFixed(2)}, ` +
        `straightness ${batch.straightness.toFixed(2)}`
    );
  }
  if (s.variance) {
    parts.push(`conditional-target variance at t = ${s.t.toFixed(2)} up to ${varianceOf(o, s.t).max.toFixed(2)}`);
  }
  return parts.join("; ");
}

export default pairs;
