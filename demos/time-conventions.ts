import * as Plot from "@observablehq/plot";
import {gaussianMixture} from "../engine/data/gaussian-mixture.ts";
import {standardNormal} from "../engine/data/registry.ts";
import {marginalField} from "../engine/fm/marginal.ts";
import {integrate} from "../engine/ode/integrate.ts";
import {choice, number, type Values} from "../engine/options/schema.ts";
import {lipmanPath} from "../engine/paths/cfm.ts";
import {vpDiffusionPath} from "../engine/paths/diffusion.ts";
import type {ProbabilityPath} from "../engine/paths/path.ts";
import {endSymbol} from "./layers/conventions.ts";
import {figure} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The conventions of lecture §0.1, by the name the control shows. */
export const conventionNames = ["ours", "sd3", "ddpm", "openpi", "ffjord-code"] as const;
export type Convention = (typeof conventionNames)[number];

const state = {
  convention: choice(
    conventionNames,
    "ours",
    "whose time axis: ours (Lipman, torchcfm), SD3, DDPM, openpi/π0, FFJORD's code"
  ),
  t: number(0.6, "a moment of the flow, in our time t (0 noise, 1 data)", {min: 0, max: 0.99, step: 0.01})
};

/** State of `time-conventions`. */
export type TimeConventionsState = Values<typeof state>;

/** FFJORD's toy script integrates over [0, T] with T = --time_length, 0.5 by default (and trained). */
export const FFJORD_T = 0.5;
/** DDPM's number of steps. */
export const DDPM_STEPS = 1000;

/** How one source writes time: its variable, its range, where data sits, and the map from our t. */
export interface Axis {
  /** The variable's name as the source writes it. */
  symbol: string;
  /** Axis label: the variable and where noise and data are. */
  label: string;
  /** The source's own time at our t. */
  of(t: number): number;
  /** [noise end, data end] of its time, and the axis domain (always drawn increasing left to right). */
  noise: number;
  data: number;
  /** d(their time)/dt: +1 when it runs with ours, negative when reversed (their velocity is ours divided by it). */
  rate: number;
}

export const axes: Readonly<Record<Convention, Axis>> = {
  ours: {
    symbol: "t",
    label: "t (ours, Lipman, torchcfm, RF): 0 noise → 1 data",
    of: (t) => t,
    noise: 0,
    data: 1,
    rate: 1
  },
  sd3: {symbol: "s", label: "s (SD3): 0 data → 1 noise", of: (t) => 1 - t, noise: 1, data: 0, rate: -1},
  ddpm: {
    symbol: "k",
    label: `k (DDPM step): 0 data → ${DDPM_STEPS} noise`,
    of: (t) => DDPM_STEPS * (1 - t),
    noise: DDPM_STEPS,
    data: 0,
    rate: -DDPM_STEPS
  },
  openpi: {
    symbol: "s",
    label: "s (openpi/π0 time): 0 actions → 1 noise",
    of: (t) => 1 - t,
    noise: 1,
    data: 0,
    rate: -1
  },
  "ffjord-code": {
    symbol: "t_code",
    label: `t_code (FFJORD's code, T = ${FFJORD_T}): 0 data → T noise`,
    of: (t) => FFJORD_T * (1 - t),
    noise: FFJORD_T,
    data: 0,
    rate: -FFJORD_T
  }
};

/** A two-mode 1D target (modes at ±1.5, std 0.3) written as a 2D mixture on the line y = 0, where its field stays. */
const target = gaussianMixture({
  name: "two-modes",
  means: [
    [-1.5, 0],
    [1.5, 0]
  ],
  cov: 0.09
});

/** Where the drawn particles start: quantiles of N(0, 1). */
const STARTS = [-1.9, -1.2, -0.6, -0.15, 0.3, 0.8, 1.4, 2.1];
const STEPS = 100;
const T_END = 0.99;

/** DDPM's path is its own VP schedule (ᾱ_k = α_t²); every other convention here uses the straight CondOT path. */
export function pathOf(convention: Convention): ProbabilityPath {
  return convention === "ddpm" ? vpDiffusionPath() : lipmanPath(0);
}

/** Marginal trajectories in our time: `times` [STEPS + 1] and `x` [STEPS + 1][STARTS] (first coordinate). */
export interface TimeConventionsFrame {
  times: number[];
  x: Float64Array[];
  /** α_t² of the path at every saved time (DDPM's ᾱ_k at k = 1000(1 − t)). */
  alphaSquared: number[];
}

const cache = new Map<string, TimeConventionsFrame>();

/** Integrates the closed-form marginal field of the convention's path (RK4, 100 steps to t = 0.99), once per path. */
export function computeFrame(convention: Convention): TimeConventionsFrame {
  const path = pathOf(convention);
  const cached = cache.get(path.name);
  if (cached) return cached;
  const field = marginalField(path, standardNormal, target);
  const n = STARTS.length;
  const y0 = new Float64Array(2 * n);
  // VP starts from its exact t = 0 marginal, which is N(0, I) to 3 decimals; CondOT from N(0, I) exactly.
  STARTS.forEach((x, i) => (y0[2 * i] = x));
  const saveAt = Array.from({length: STEPS + 1}, (_, k) => (k * T_END) / STEPS);
  const {trajectory} = integrate((out, y, t) => field.velocity(out, y, n, t), y0, {
    t1: T_END,
    steps: STEPS,
    saveAt
  });
  const frame: TimeConventionsFrame = {
    times: trajectory!.t,
    x: trajectory!.y.map((y) => Float64Array.from({length: n}, (_, i) => y[2 * i]!)),
    alphaSquared: trajectory!.t.map((t) => path.coefficients(t).b ** 2)
  };
  cache.set(path.name, frame);
  return frame;
}

/** The frame's row nearest to our time t. */
function rowOf(frame: TimeConventionsFrame, t: number): number {
  return Math.min(STEPS, Math.max(0, Math.round((t / T_END) * STEPS)));
}

/** The readout: their time at our t, and how to convert velocities and schedules. */
export function readout(frame: TimeConventionsFrame, {convention, t}: TimeConventionsState): string[] {
  const axis = axes[convention];
  const their = axis.of(t);
  const value = convention === "ddpm" ? their.toFixed(0) : their.toFixed(2);
  const lines = [`t = ${t.toFixed(2)}  ↔  ${axis.symbol} = ${value}`];
  if (convention === "ours") lines.push("velocity: dx/dt = uₜ(x)");
  else if (convention === "ddpm") {
    lines.push(`ᾱ_k = αₜ² = ${frame.alphaSquared[rowOf(frame, t)]!.toFixed(3)}`);
  } else {
    const rate = axis.rate === -1 ? "−u" : `−u / ${-axis.rate}`;
    lines.push(`velocity: dx/d${axis.symbol} = ${rate}`);
  }
  return lines;
}

/**
 * One flow drawn on the time axis of a chosen source: marginal trajectories of a two-mode 1D target (closed-form
 * field, integrated on the page), plotted against that source's own time variable, so the same curves run left to
 * right for ours and mirrored for SD3, DDPM, openpi/π0 and FFJORD's code. The readout converts the marked moment.
 */
export const timeConventions: DemoSpec<Record<string, never>, typeof state, TimeConventionsFrame> = {
  id: "time-conventions",
  description: "the same flow drawn on the time axis of ours, SD3, DDPM, openpi/π0 and FFJORD's code",
  options: {},
  state,
  controls: ["convention", "t"],
  examples: [
    {name: "sd3", state: {convention: "sd3"}},
    {name: "ddpm", state: {convention: "ddpm", t: "0.3"}}
  ],
  snapshot: (_options, {convention}) => computeFrame(convention),
  render(frame, _options, s) {
    const f = frame ?? computeFrame(s.convention);
    const axis = axes[s.convention];
    const lo = Math.min(axis.noise, axis.data);
    const hi = Math.max(axis.noise, axis.data);
    const n = STARTS.length;
    const rows = f.times.map((t, k) => ({k, x: axis.of(t)}));
    const lines = Array.from({length: n}, (_, i) => rows.map(({k, x}) => ({x, y: f.x[k]![i]!, i})));
    const row = rowOf(f, s.t);
    const here = Array.from({length: n}, (_, i) => ({x: axis.of(s.t), y: f.x[row]![i]!}));
    return figure({
      label: `a flow in the time variable of ${s.convention}`,
      description: describeFrame(f, s),
      size: [600, 440],
      marginTop: 64,
      x: {domain: [lo, hi], label: axis.label, labelOffset: 52},
      y: {domain: [-2.6, 2.6], label: "x", ticks: 5},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        Plot.line(lines.flat(), {x: "x", y: "y", z: "i", stroke: palette.marginal, strokeWidth: 2}),
        Plot.dot(
          lines.map((l) => l[0]!),
          {x: "x", y: "y", r: 6, fill: palette.source, symbol: endSymbol.source}
        ),
        Plot.dot(
          lines.map((l) => l[l.length - 1]!),
          {x: "x", y: "y", r: 7, fill: palette.target, symbol: endSymbol.target}
        ),
        Plot.ruleX([axis.of(s.t)], {stroke: palette.ink, strokeOpacity: 0.5, strokeDasharray: "4 4"}),
        Plot.dot(here, {x: "x", y: "y", r: 4, fill: palette.ink}),
        Plot.text([axis.noise], {
          x: (d: number) => d,
          frameAnchor: "bottom",
          dy: -10,
          text: () => "noise",
          fill: palette.source
        }),
        Plot.text([axis.data], {
          x: (d: number) => d,
          frameAnchor: "bottom",
          dy: -10,
          text: () => "data",
          fill: palette.target
        }),
        Plot.text([readout(f, s).join("\n")], {frameAnchor: "top-left", dy: -58, lineAnchor: "top", lineHeight: 1.2})
      ]
    });
  },
  renderKeys: ["convention", "t"],
  describe(frame, _options, s) {
    return describeFrame(frame ?? computeFrame(s.convention), s);
  }
};

function describeFrame(f: TimeConventionsFrame, s: TimeConventionsState): string {
  return (
    `Eight marginal trajectories from noise to a two-mode target, plotted against ${axes[s.convention].label}. ` +
    readout(f, s).join("; ") +
    "."
  );
}

export default timeConventions;
