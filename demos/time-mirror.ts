import * as Plot from "@observablehq/plot";
import {number, type Values} from "../engine/options/schema.ts";
import {iCfmPath} from "../engine/paths/cfm.ts";
import {figure} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  t: number(0.3, "our time t (0 noise, 1 data); the diffusion clock shows s = 1 − t", {min: 0, max: 1, step: 0.01})
};
export type TimeMirrorState = Values<typeof state>;

/** The 1D data distribution N(m, v) the path carries N(0, 1) to. */
export const DATA_MEAN = 2;
export const DATA_VAR = 0.09;

/** The series' straight path: x_t = α_t x₁ + σ_t x₀ with the engine's coefficients (a multiplies x₀, b multiplies x₁). */
const path = iCfmPath(0);

/** α_t (weight of the data) and σ_t (weight of the noise) at our time t. */
export function weights(t: number): {alpha: number; sigma: number} {
  const c = path.coefficients(t);
  return {alpha: c.b, sigma: c.a};
}

/** The path's marginal at our time t: x_t = α_t x₁ + σ_t x₀ is Gaussian with this mean and standard deviation. */
export function marginal(t: number): {mean: number; sd: number} {
  const {alpha, sigma} = weights(t);
  return {mean: alpha * DATA_MEAN, sd: Math.sqrt(sigma * sigma + alpha * alpha * DATA_VAR)};
}

/** A clock: ours (t, data at 1) or diffusion's (s = 1 − t, data at 0), and the names of its coefficients. */
interface Clock {
  name: string;
  symbol: "t" | "s";
  /** Our t at the clock's time u. */
  ours(u: number): number;
  alpha: string;
  sigma: string;
}

export const clocks: readonly Clock[] = [
  {name: "ours: time t", symbol: "t", ours: (u) => u, alpha: "αₜ", sigma: "σₜ"},
  {name: "diffusion: s = 1 − t", symbol: "s", ours: (u) => 1 - u, alpha: "aₛ", sigma: "bₛ"}
];

/** The readout of a clock at our time t: its own time and its two weights there. */
export function readout(clock: Clock, t: number): string {
  const u = clock.symbol === "t" ? t : 1 - t;
  const {alpha, sigma} = weights(t);
  return `${clock.symbol} = ${u.toFixed(2)}: ${clock.alpha} ${alpha.toFixed(2)}, ${clock.sigma} ${sigma.toFixed(2)}`;
}

const GRID = Array.from({length: 101}, (_, k) => k / 100);
const SIZE_PATH = [300, 230] as const;
const SIZE_WEIGHTS = [300, 200] as const;
const margins = {marginLeft: 44, marginRight: 12, marginTop: 34, marginBottom: 36};

function pathPanel(clock: Clock, t: number): Element {
  const u = clock.symbol === "t" ? t : 1 - t;
  const rows = GRID.map((v) => ({v, ...marginal(clock.ours(v))}));
  const here = marginal(t);
  const noiseAt = clock.ours(0) === 0 ? 0 : 1;
  return figure({
    label: `the Gaussian path drawn on the clock of ${clock.name}`,
    size: SIZE_PATH,
    ...margins,
    x: {domain: [0, 1], label: null, ticks: 3},
    y: {domain: [-2.6, 3.4], label: null, ticks: [-2, 0, 2]},
    marks: [
      Plot.areaY(rows, {
        x: "v",
        y1: (d) => d.mean - 2 * d.sd,
        y2: (d) => d.mean + 2 * d.sd,
        fill: palette.marginal,
        fillOpacity: 0.22
      }),
      Plot.line(rows, {x: "v", y: "mean", stroke: palette.marginal, strokeWidth: 2}),
      Plot.ruleX([u], {stroke: palette.ink, strokeOpacity: 0.6, strokeDasharray: "4 4"}),
      Plot.dot([{x: u, y: here.mean}], {x: "x", y: "y", r: 5, fill: palette.ink}),
      Plot.text(["noise"], {
        x: noiseAt,
        y: -2.4,
        fill: palette.source,
        textAnchor: noiseAt === 0 ? "start" : "end",
        fontSize: 20
      }),
      Plot.text(["data"], {
        x: 1 - noiseAt,
        y: 3.1,
        fill: palette.target,
        textAnchor: noiseAt === 0 ? "end" : "start",
        fontSize: 20
      }),
      Plot.text([clock.name], {frameAnchor: "top-left", dy: -26, fontSize: 20, fontWeight: 600})
    ]
  });
}

function weightsPanel(clock: Clock, t: number): Element {
  const u = clock.symbol === "t" ? t : 1 - t;
  const rows = GRID.map((v) => ({v, ...weights(clock.ours(v))}));
  return figure({
    label: `the weights ${clock.alpha} and ${clock.sigma} on the clock of ${clock.name}`,
    size: SIZE_WEIGHTS,
    ...margins,
    x: {domain: [0, 1], label: null, ticks: 3},
    y: {domain: [0, 1], label: null, ticks: [0, 1]},
    marks: [
      Plot.line(rows, {x: "v", y: "alpha", stroke: palette.target, strokeWidth: 3}),
      Plot.line(rows, {x: "v", y: "sigma", stroke: palette.source, strokeWidth: 3}),
      Plot.text([rows[80]!], {
        x: "v",
        y: "alpha",
        text: () => clock.alpha,
        fill: palette.target,
        dy: -14,
        fontSize: 20
      }),
      Plot.text([rows[80]!], {
        x: "v",
        y: "sigma",
        text: () => clock.sigma,
        fill: palette.source,
        dy: -14,
        fontSize: 20
      }),
      Plot.ruleX([u], {stroke: palette.ink, strokeOpacity: 0.6, strokeDasharray: "4 4"}),
      Plot.text([readout(clock, t)], {frameAnchor: "top-left", dy: -26, fontSize: 18})
    ]
  });
}

/**
 * The time convention (lecture D1.20): one Gaussian path, N(0, 1) at noise to N(2, 0.3²) at data along the straight
 * path x_t = α_t x₁ + σ_t x₀, drawn on our clock t and on the diffusion papers' clock s = 1 − t, with the weights α, σ
 * against each clock: the same curves mirrored. The slider moves one moment, shown on both clocks.
 */
export const timeMirror: DemoSpec<Record<string, never>, typeof state> = {
  id: "time-mirror",
  description: "one Gaussian path and its weights α, σ on our clock t and on the diffusion clock s = 1 − t",
  options: {},
  state,
  controls: ["t"],
  examples: [{name: "near the data", state: {t: "0.9"}}],
  snapshot: () => ({}),
  render(_frame, _options, {t}) {
    const root = document.createElement("div");
    root.className = "demo-panels panels-ltr panels-natural";
    for (const clock of clocks) {
      const column = document.createElement("div");
      column.className = "demo-stack";
      column.append(pathPanel(clock, t), weightsPanel(clock, t));
      root.append(column);
    }
    return root;
  },
  describe(_frame, _options, {t}) {
    const {mean, sd} = marginal(t);
    return (
      `A Gaussian path from noise N(0, 1) to data N(2, 0.3²), at our t = ${t.toFixed(2)}: mean ${mean.toFixed(2)}, ` +
      `standard deviation ${sd.toFixed(2)}. ${clocks.map((c) => readout(c, t)).join("; ")}.`
    );
  }
};

export default timeMirror;
