import * as Plot from "@observablehq/plot";
import {boolean, choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {figure, particles} from "./layers/index.ts";
import {range} from "./layers/data.ts";
import {pairsBatch, type PairsBatch, presetField, varianceGrid} from "./pairs-frame.ts";
import type {Grid} from "./layers/data.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  preset: choice(
    ["asymmetric", "symmetric"],
    "asymmetric",
    "the two-mode source and target: asymmetric (targets at different heights) or the symmetric one of Liu et al."
  ),
  mu: number(2, "distance μ of the modes from the axes", {min: 0.5, max: 3, step: 0.1}),
  b: integer(32, "batch size B: points drawn from each side", {min: 2, max: 256}),
  sigma: number(0.1, "σ of the I-CFM path (smooths both ends; used by the marginal flow and the variance)", {
    min: 0.02,
    max: 1,
    step: 0.01
  }),
  seed: seed(0)
};

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

/** The batch (options only) and the variance grid at the state's t when it is shown. */
export interface PairsFrame {
  batch: PairsBatch;
  variance?: Grid;
  /** Largest value of the variance grid. */
  varianceMax?: number;
}

/** The figure fits the `layout-figure` column (≤ 600 × 460). */
const SIZE: readonly [number, number] = [600, 460];
/** Crossings labelled on the figure (more are counted in the readout). */
const LABELLED = 2;

let cached: {key: string; batch: PairsBatch} | undefined;

/** The batch is recomputed only when the options change (a state change, e.g. t gliding, reuses it). */
function batchOf(o: PairsOptions): PairsBatch {
  const key = JSON.stringify(o);
  if (cached?.key !== key) cached = {key, batch: pairsBatch(o)};
  return cached.batch;
}

/**
 * Couplings made visible (D4.14-D4.16): a batch of B points from a two-mode source and a two-mode target, joined by
 * straight pair lines, independently (I-CFM) or by the batch's exact OT matching (OT-CFM), with each pairing's mean
 * squared length. The lines can be coloured by their source mode; the closed-form marginal trajectories of the I-CFM
 * path between the two mixtures can be drawn with the places where two traces cross at different times, and the
 * conditional-target variance tr Var[x₁ − x₀ | x_t = x] shown as a heatmap at time t. All on the page (< 20 ms).
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
  snapshot(o, s) {
    const batch = batchOf(o);
    if (!s.variance) return {batch};
    const variance = varianceGrid(presetField(o), batch.extent, s.t);
    let varianceMax = 0;
    for (const v of variance.values as Float64Array) varianceMax = Math.max(varianceMax, v);
    return {batch, variance, varianceMax};
  },
  render(frame, o, s) {
    const batch = frame?.batch ?? batchOf(o);
    const [xmin, xmax, ymin, ymax] = batch.extent;
    const marks: Plot.Markish[] = [Plot.frame({stroke: palette.muted, strokeOpacity: 0.4})];
    if (frame?.variance) marks.push(varianceCells(frame.variance, frame.varianceMax!));
    if (s.lines) marks.push(pairLines(batch, s));
    if (s.marginal) marks.push(marginalTraces(batch));
    marks.push(
      particles(batch.x0, {color: "source", r: 3.5, opacity: 0.9}),
      particles(batch.x1, {color: "target", symbol: "diamond", r: 3.5, opacity: 0.9}),
      Plot.text(readout(frame, batch, s), {frameAnchor: "top-left", dx: 8, dy: 6, fontSize: 20, lineAnchor: "top"})
    );
    return figure({
      label: `${batch.b} source and target points with their ${s.pairing === "ot" ? "OT" : "random"} pairs`,
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

/** The pair lines x₀ → x₁ (conditional: dashed), and each pair's point x_t at the state's t. */
function pairLines(batch: PairsBatch, s: PairsState): Plot.Markish {
  const {b, x0, x1, perm, mode} = batch;
  const j = (i: number) => (s.pairing === "ot" ? perm[i]! : i);
  const byMode = s.color === "mode";
  const stroke = (i: number) => (byMode ? (mode[i] === 1 ? palette.source : palette.muted) : palette.conditional);
  const index = range(b);
  const xt = (i: number, c: 0 | 1) => (1 - s.t) * x0[2 * i + c]! + s.t * x1[2 * j(i) + c]!;
  return [
    Plot.link(index, {
      x1: (i: number) => x0[2 * i],
      y1: (i: number) => x0[2 * i + 1],
      x2: (i: number) => x1[2 * j(i)],
      y2: (i: number) => x1[2 * j(i) + 1],
      stroke,
      strokeWidth: 1.6,
      strokeOpacity: 0.75,
      strokeDasharray: "7 5"
    }),
    s.t > 0 && s.t < 1
      ? Plot.dot(index, {x: (i: number) => xt(i, 0), y: (i: number) => xt(i, 1), r: 3, fill: stroke, stroke: null})
      : null
  ];
}

/**
 * The variance grid as SVG cells tinted with the error colour, opacity ∝ value (SVG, so the palette's CSS variable
 * works everywhere, the gallery's jsdom included; a raster would need the colour resolved on the page).
 */
function varianceCells(grid: Grid, max: number): Plot.Markish {
  const {nx, ny, extent, values} = grid;
  const [x0, x1, y0, y1] = extent;
  const w = (x1 - x0) / nx;
  const h = (y1 - y0) / ny;
  return Plot.rect(range(nx * ny), {
    x1: (k: number) => x0 + (k % nx) * w,
    x2: (k: number) => x0 + ((k % nx) + 1) * w,
    y1: (k: number) => y0 + Math.floor(k / nx) * h,
    y2: (k: number) => y0 + (Math.floor(k / nx) + 1) * h,
    fill: palette.error,
    fillOpacity: (k: number) => (max > 0 ? (0.6 * Math.max(0, values[k]!)) / max : 0),
    inset: 0
  });
}

/** Marginal trajectories (solid), drawn darker as t grows, and the first crossings of their traces, labelled. */
function marginalTraces(batch: PairsBatch): Plot.Markish {
  const {traces, m, steps, crossings} = batch;
  const segments = range(m * steps);
  const at = (s: number, end: 0 | 1, c: 0 | 1) => {
    const i = s % m;
    const k = Math.floor(s / m) + end;
    return traces[2 * (k * m + i) + c];
  };
  const labelled = spreadOut(crossings, LABELLED);
  return [
    Plot.link(segments, {
      x1: (s: number) => at(s, 0, 0),
      y1: (s: number) => at(s, 0, 1),
      x2: (s: number) => at(s, 1, 0),
      y2: (s: number) => at(s, 1, 1),
      stroke: palette.marginal,
      strokeWidth: 2,
      strokeOpacity: (s: number) => 0.15 + (0.85 * (Math.floor(s / m) + 0.5)) / steps
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
function readout(frame: PairsFrame | undefined, batch: PairsBatch, s: PairsState): string[] {
  const lines: string[] = [];
  if (s.lines) {
    lines.push(
      s.pairing === "ot"
        ? `OT pairs: mean |x₁−x₀|² ${batch.costOt.toFixed(2)} · random ${batch.costRandom.toFixed(2)}`
        : `random pairs: mean |x₁−x₀|² ${batch.costRandom.toFixed(2)}`
    );
  }
  if (s.marginal) {
    lines.push(`marginal traces cross ${batch.crossings.length}×, never at one t`);
    const {energy, displacement, straightness} = batch;
    lines.push(`ℰ ${energy.toFixed(2)} − E|Z₁−Z₀|² ${displacement.toFixed(2)} = S ${straightness.toFixed(2)}`);
  }
  if (frame?.varianceMax !== undefined)
    lines.push(`red: tr Var[x₁−x₀ | x_t] at t ${s.t.toFixed(2)}, max ${frame.varianceMax.toFixed(1)}`);
  return [lines.join("\n")];
}

function describeFrame(frame: PairsFrame | undefined, o: PairsOptions, s: PairsState): string {
  const batch = frame?.batch ?? batchOf(o);
  const parts = [
    `${batch.b} points from a two-mode source and a two-mode target (${o.preset}, μ = ${o.mu})`,
    s.pairing === "ot"
      ? `paired by exact OT: mean squared length ${batch.costOt.toFixed(2)}, against ${batch.costRandom.toFixed(2)} for random pairs`
      : `paired at random: mean squared length ${batch.costRandom.toFixed(2)}`
  ];
  if (s.marginal) {
    parts.push(
      `${batch.m} marginal trajectories whose traces cross ${batch.crossings.length} times, path energy ` +
        `${batch.energy.toFixed(2)}, squared displacement ${batch.displacement.toFixed(2)}, ` +
        `straightness ${batch.straightness.toFixed(2)}`
    );
  }
  if (frame?.varianceMax !== undefined) {
    parts.push(`conditional-target variance at t = ${s.t.toFixed(2)} up to ${frame.varianceMax.toFixed(2)}`);
  }
  return parts.join("; ");
}

export default pairs;
