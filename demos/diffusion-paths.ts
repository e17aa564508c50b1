import * as Plot from "@observablehq/plot";
import {number, type Values} from "../engine/options/schema.ts";
import {diffusionPathsOptions, type DiffusionPathsOptions} from "../engine/tasks/diffusion-paths-options.ts";
import {diffusionPathsJob, type DiffusionPathsFrame} from "../engine/tasks/diffusion-paths.ts";
import {figure, particles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  t: number(0.5, "time along the paths: 0 is noise, 1 is data", {min: 0, max: 1, step: 0.01})
};

export type DiffusionPathsState = Values<typeof state>;

const NAMES = ["VE", "VP", "OT"] as const;
/** Where the speed curves are labelled (VP: at its peak). */
const LABEL_T = [0.12, NaN, 0.35];
/** A static view (print, speaker previews) computes a smaller run on the page. */
const STILL = {n: 60, steps: 100};
const PANEL: readonly [number, number] = [250, 250];
const SPEED: readonly [number, number] = [370, 250];
const margins = {marginLeft: 8, marginRight: 8, marginTop: 34, marginBottom: 8};

/** Row r of path p's kept trajectories at time t (linear between kept rows), as [keep, 2]. */
export function pointsAt(f: DiffusionPathsFrame, p: number, t: number): Float64Array {
  const rowDt = (f.every * f.tEnd) / f.steps;
  const last = Math.floor(f.taken / f.every);
  const s = Math.min(Math.max(t, 0) / rowDt, last);
  const j = Math.min(Math.floor(s), last);
  const frac = s - j;
  const stride = f.keep * 2;
  const base = p * f.rows * stride;
  const out = new Float64Array(stride);
  for (let i = 0; i < stride; i++) {
    const a = f.trajectories[base + j * stride + i]!;
    const b = j < last ? f.trajectories[base + (j + 1) * stride + i]! : a;
    out[i] = a + frac * (b - a);
  }
  return out;
}

/** E‖u_t(x_t)‖² of path p at the grid time nearest t (NaN before it is computed). */
export function speedAt(f: DiffusionPathsFrame, p: number, t: number): number {
  const k = Math.min(f.steps, Math.round((Math.min(t, f.tEnd) / f.tEnd) * f.steps));
  return f.speed[p * (f.steps + 1) + k]!;
}

/**
 * Diffusion paths as flow matching: the VE, VP and OT (CondOT) paths to the same three-mode target, each carried by
 * its closed-form marginal field in the engine worker, side by side with a t cursor, and their mean squared speed
 * E‖u_t(x_t)‖² against t (VP's late rush); the W2 of each path's ends to data, and VP's a₁ at t = 0, are computed.
 */
export const diffusionPaths: DemoSpec<typeof diffusionPathsOptions, typeof state, DiffusionPathsFrame> = {
  id: "diffusion-paths",
  description: "VE, VP and OT paths to one Gaussian mixture by their closed-form marginal fields, and their speed",
  options: diffusionPathsOptions,
  state,
  controls: ["betaMin", "betaMax", "sigmaMax", "veStart", "t"],
  examples: [
    {name: "ve from N(0, I)", options: {veStart: "standard"}, state: {t: "0.3"}},
    {name: "gentle vp", options: {betaMax: "8"}, state: {t: "0.8"}}
  ],
  task: (options) => ({task: "diffusion-paths", options}),
  snapshot(options) {
    return runToEnd({...options, n: Math.min(options.n, STILL.n), steps: Math.min(options.steps, STILL.steps)});
  },
  render(frame, o, {t}) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.textContent = frame ? readoutOf(frame, o) : "starting…";
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural";
    if (frame) {
      // .demo-panels shows its children right to left.
      panels.append(speedPanel(frame, t), ...[2, 1, 0].map((p) => pathPanel(frame, p, t, o)));
    }
    root.append(readout, panels);
    return root;
  },
  describe(frame, o, {t}) {
    if (!frame) return "VE, VP and OT paths to a three-mode Gaussian mixture: computing";
    const speeds = NAMES.map((name, p) => `${name} ${speedAt(frame, p, t).toPrecision(3)}`).join(", ");
    return `VE, VP and OT paths to a three-mode mixture at t = ${t.toFixed(2)}; mean squared speed ${speeds}; ${readoutOf(frame, o)}`;
  }
};

function readoutOf(f: DiffusionPathsFrame, o: DiffusionPathsOptions): string {
  const a1 = `at t = 0, VP's mean is a₁x₁ with a₁ = ${f.vpAlpha0.toPrecision(2)}`;
  const ve =
    o.veStart === "standard" ? "VE is started from N(0, I) (wrong)" : `VE's std is σ_max = ${f.sigma0[0]!.toFixed(1)}`;
  const end = f.w2 ? `W2 of the ends to data, floor ${f.w2Floor!.toFixed(2)}` : `step ${f.taken} of ${f.steps}`;
  return `Not N(0, I): ${a1}; ${ve} · ${end}`;
}

function pathPanel(f: DiffusionPathsFrame, p: number, t: number, o: DiffusionPathsOptions): Element {
  const stride = f.keep * 2;
  const base = p * f.rows * stride;
  const last = Math.floor(f.taken / f.every);
  // The box: the OT/VP one, grown to hold VE's far start.
  let half = 3.4;
  for (let i = 0; i < stride; i++) half = Math.max(half, Math.abs(f.trajectories[base + i]!) * 1.05);
  const lines: [number, number, number][] = [];
  for (let i = 0; i < f.keep; i++) {
    for (let j = 0; j <= last; j++) {
      const k = base + j * stride + 2 * i;
      lines.push([f.trajectories[k]!, f.trajectories[k + 1]!, i]);
    }
  }
  const now = pointsAt(f, p, t);
  const title = f.w2 ? `${NAMES[p]}   W2 ${f.w2[p]!.toFixed(2)}` : NAMES[p]!;
  return figure({
    label: `${NAMES[p]} path: marginal trajectories of ${f.keep} particles${p === 0 && o.veStart === "standard" ? " started from N(0, I)" : ""}`,
    size: PANEL,
    ...margins,
    equal: true,
    x: {domain: [-half, half], label: null, ticks: 0},
    y: {domain: [-half, half], label: null, ticks: 0},
    marks: [
      Plot.frame({stroke: palette.rule}),
      particles(f.target, {color: "target", symbol: "diamond", r: 1.6, opacity: 0.35}),
      Plot.line(lines, {x: "0", y: "1", z: "2", stroke: palette.marginal, strokeWidth: 1, strokeOpacity: 0.45}),
      particles(now, {color: "marginal", r: 3, opacity: 0.9}),
      Plot.text([title], {frameAnchor: "top-left", dy: -26, fontSize: 20, fontWeight: 600})
    ]
  });
}

function speedPanel(f: DiffusionPathsFrame, t: number): Element {
  const colors = [palette.muted, palette.marginal, palette.ink];
  const marks = NAMES.flatMap((name, p) => {
    const line: [number, number][] = [];
    // Direct labels (no legend): VE early, OT at t ≈ 0.35, VP at its peak, where the curves are apart.
    let top: [number, number] = [NaN, 0];
    for (let k = 0; k <= f.taken; k++) {
      const v = f.speed[p * (f.steps + 1) + k]!;
      if (!(v > 0)) continue;
      const tk = (k * f.tEnd) / f.steps;
      line.push([tk, v]);
      const closer = Number.isNaN(top[0]) || Math.abs(tk - LABEL_T[p]!) < Math.abs(top[0] - LABEL_T[p]!);
      if (p === 1 ? v >= top[1] : closer) top = [tk, v];
    }
    return [
      Plot.line(line, {stroke: colors[p], strokeWidth: 3, clip: true}),
      Number.isNaN(top[0])
        ? null
        : Plot.text([top], {text: () => name, fill: colors[p], dy: -16, fontSize: 20, fontWeight: 600})
    ];
  });
  return figure({
    label: "mean squared speed E‖u_t(x_t)‖² against t for VE, VP and OT",
    size: SPEED,
    marginTop: 34,
    marginRight: 16,
    marginLeft: 70,
    marginBottom: 50,
    x: {domain: [0, 1], label: "t", ticks: 3},
    y: {type: "log", domain: [1e-3, 1e3], label: null, ticks: 3, tickFormat: (v: number) => `1e${Math.log10(v)}`},
    marks: [
      Plot.ruleX([t], {stroke: palette.muted, strokeWidth: 1.5}),
      ...marks,
      Plot.text(["mean squared speed E‖u_t(x_t)‖²"], {frameAnchor: "top-left", dx: -60, dy: -26, fontSize: 20})
    ]
  });
}

/** Runs the diffusion-paths task to its end on the page. */
function runToEnd(options: DiffusionPathsOptions): DiffusionPathsFrame {
  const job = diffusionPathsJob(options);
  let last: DiffusionPathsFrame | undefined;
  for (;;) {
    const slice = job.run(1000);
    last = slice.frame ?? last;
    if (slice.done && last) return last;
    if (slice.done) throw new Error("diffusion-paths: the task ended without a frame");
  }
}

export default diffusionPaths;
