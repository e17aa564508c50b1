import * as Plot from "@observablehq/plot";
import {lipmanPath} from "../engine/paths/cfm.ts";
import {veDiffusionPath, vpDiffusionPath} from "../engine/paths/diffusion.ts";
import type {ProbabilityPath} from "../engine/paths/path.ts";
import {cosinePath, logSnr, polynomialPath} from "../engine/paths/schedules.ts";
import {choice, number, type Values} from "../engine/options/schema.ts";
import {figure} from "./layers/index.ts";
import {dasharrayOf} from "./layers/conventions.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const scheduleNames = ["condot", "lipman", "cosine", "polynomial", "vp", "ve"] as const;
export type ScheduleName = (typeof scheduleNames)[number];

const options = {
  schedule: choice(scheduleNames, "condot", "the Gaussian path's schedule (α_t, σ_t)"),
  sigmaMin: number(0.1, "σ_min of Lipman's OT path (schedule lipman)", {min: 0, max: 0.5, step: 0.01}),
  degree: number(2, "the degree n of the polynomial schedule α_t = tⁿ", {min: 0.25, max: 5, step: 0.25}),
  betaMax: number(20, "β_max of the VP schedule (β_min = 0.1)", {min: 1, max: 40, step: 1}),
  sigmaMax: number(5, "σ_max of the VE schedule (σ_min = 0.01)", {min: 1, max: 20, step: 0.5})
};

const state = {
  t: number(0.5, "time along the path: 0 is noise, 1 is data", {min: 0, max: 1, step: 0.01})
};

export type SchedulesOptions = Values<typeof options>;
export type SchedulesState = Values<typeof state>;

/** The fixed pair whose conditional trajectory is drawn: a noise sample x₀ and a data point x₁. */
export const PAIR = {x0: [-1.1, 0.7], x1: [1.6, 1.3]} as const;
/** β_min of VP and σ_min of VE, fixed (the lecture's defaults). */
const VP_BETA_MIN = 0.1;
const VE_SIGMA_MIN = 0.01;
/** Samples of t for the curves, and the clip of the log-SNR axis (it is ±∞ at the ends of most schedules). */
const GRID = 200;
const LAMBDA_CLIP = 12;

/** The engine path of a schedule with its parameter. */
export function scheduleOf(o: SchedulesOptions): ProbabilityPath {
  switch (o.schedule) {
    case "condot":
      return lipmanPath(0);
    case "lipman":
      return lipmanPath(o.sigmaMin);
    case "cosine":
      return cosinePath();
    case "polynomial":
      return polynomialPath(o.degree);
    case "vp":
      return vpDiffusionPath({betaMin: VP_BETA_MIN, betaMax: o.betaMax});
    case "ve":
      return veDiffusionPath({sigmaMin: VE_SIGMA_MIN, sigmaMax: o.sigmaMax});
  }
}

/** Curves of one schedule on t = k / GRID: α_t, σ_t, λ_t = log(α_t²/σ_t²) and the pair's trajectory x_t. */
export interface SchedulesFrame {
  t: Float64Array;
  alpha: Float64Array;
  sigma: Float64Array;
  lambda: Float64Array;
  /** [GRID + 1, 2]: x_t = α_t x₁ + σ_t x₀ for the fixed pair. */
  path: Float64Array;
}

/** The schedule's numbers at one time: coefficients, log-SNR, the pair's x_t and its velocity α̇ x₁ + σ̇ x₀. */
export function scheduleAt(path: ProbabilityPath, t: number) {
  const c = path.coefficients(t);
  const alpha = c.b;
  const sigma = c.s;
  const dAlpha = c.db;
  const dSigma = c.dlogs * c.s;
  const [x0, x1] = [PAIR.x0, PAIR.x1];
  const x = [alpha * x1[0] + sigma * x0[0], alpha * x1[1] + sigma * x0[1]] as const;
  const u = [dAlpha * x1[0] + dSigma * x0[0], dAlpha * x1[1] + dSigma * x0[1]] as const;
  return {alpha, sigma, dAlpha, dSigma, lambda: logSnr(path, t), x, u};
}

/** Times where a schedule is evaluated: both ends are clamped into the path's finite range. */
const clampT = (path: ProbabilityPath, t: number) => Math.min(Math.max(t, 0), path.tMax);

/**
 * Gaussian paths as a design space: the signal and noise coefficients α_t and σ_t of a schedule, its log-SNR, and the
 * conditional trajectory x_t = α_t x₁ + σ_t x₀ of one fixed pair, all computed on the page with the engine's paths,
 * with a t cursor and the velocity α̇_t x₁ + σ̇_t x₀ at the cursor.
 */
export const schedules: DemoSpec<typeof options, typeof state, SchedulesFrame> = {
  id: "schedules",
  description: "α_t, σ_t and the log-SNR of a Gaussian path's schedule, and the conditional trajectory of one pair",
  options,
  state,
  controls: ["schedule", "sigmaMin", "degree", "betaMax", "sigmaMax", "t"],
  examples: [
    {name: "vp", options: {schedule: "vp"}, state: {t: "0.8"}},
    {name: "ve", options: {schedule: "ve", sigmaMax: "5"}, state: {t: "0.2"}},
    {name: "cosine", options: {schedule: "cosine"}, state: {t: "0.5"}}
  ],
  snapshot(o) {
    const path = scheduleOf(o);
    const frame: SchedulesFrame = {
      t: new Float64Array(GRID + 1),
      alpha: new Float64Array(GRID + 1),
      sigma: new Float64Array(GRID + 1),
      lambda: new Float64Array(GRID + 1),
      path: new Float64Array(2 * (GRID + 1))
    };
    for (let k = 0; k <= GRID; k++) {
      const t = k / GRID;
      const at = scheduleAt(path, clampT(path, t));
      frame.t[k] = t;
      frame.alpha[k] = at.alpha;
      frame.sigma[k] = at.sigma;
      frame.lambda[k] = Math.max(-LAMBDA_CLIP, Math.min(LAMBDA_CLIP, at.lambda));
      frame.path.set(at.x, 2 * k);
    }
    return frame;
  },
  render(frame, o, {t}) {
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural";
    if (!frame) return panels;
    const at = scheduleAt(scheduleOf(o), clampT(scheduleOf(o), t));
    // .demo-panels shows its children right to left: the trajectory is appended first so that it shows last.
    panels.append(trajectoryPanel(frame, at, t), snrPanel(frame, at, t), coefficientPanel(frame, at, t));
    return panels;
  },
  describe(frame, o, {t}) {
    const path = scheduleOf(o);
    const at = scheduleAt(path, clampT(path, t));
    const start = scheduleAt(path, 0);
    return (
      `the ${o.schedule} schedule at t = ${t.toFixed(2)}: α = ${at.alpha.toFixed(3)}, σ = ${at.sigma.toFixed(3)}, ` +
      `log-SNR ${fmt(at.lambda)}; the pair starts at (${start.x.map((v) => v.toFixed(2)).join(", ")}) ` +
      `and is at (${at.x.map((v) => v.toFixed(2)).join(", ")}) moving at speed ${Math.hypot(...at.u).toFixed(2)}` +
      (frame ? "" : " (not computed yet)")
    );
  }
};

type At = ReturnType<typeof scheduleAt>;

const PANEL: readonly [number, number] = [370, 270];
const small = {marginLeft: 64, marginRight: 40, marginTop: 40, marginBottom: 50};
/** Inner width over inner height of the trajectory panel (370 × 270 less its margins 24, 24, 40, 24 and insets). */
const TRAJECTORY_ASPECT = (370 - 48 - 12) / (270 - 64 - 12);
const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : v > 0 ? "+∞" : "−∞");

function series(x: Float64Array, y: Float64Array) {
  return Array.from(x, (v, k) => [v, y[k]!] as const);
}

function coefficientPanel(frame: SchedulesFrame, at: At, t: number): Element {
  let top = 1;
  for (const v of frame.sigma) top = Math.max(top, v);
  return figure({
    label: "the signal coefficient α_t and the noise coefficient σ_t against t",
    size: PANEL,
    ...small,
    x: {domain: [0, 1], label: "t", ticks: 3},
    y: {domain: [0, top * 1.05], label: null, ticks: 3},
    marks: [
      Plot.ruleX([t], {stroke: palette.muted, strokeWidth: 1.5}),
      Plot.line(series(frame.t, frame.alpha), {stroke: palette.target, strokeWidth: 3}),
      Plot.line(series(frame.t, frame.sigma), {stroke: palette.source, strokeWidth: 3}),
      // Direct labels at the curves' right ends (α ends at 1, σ at σ₁): no legend, no colour-only cue.
      Plot.text([[1, frame.alpha[GRID]!]], {
        text: () => "α",
        fill: palette.target,
        dx: 14,
        fontSize: 22,
        fontWeight: 600
      }),
      Plot.text([[1, frame.sigma[GRID]!]], {
        text: () => "σ",
        fill: palette.source,
        dx: 14,
        fontSize: 22,
        fontWeight: 600
      }),
      Plot.dot([[t, at.alpha]], {fill: palette.target, r: 6, symbol: "diamond2"}),
      Plot.dot([[t, at.sigma]], {fill: palette.source, r: 6}),
      Plot.text([`α = ${at.alpha.toFixed(2)}   σ = ${at.sigma.toFixed(2)}`], {
        frameAnchor: "top-left",
        dy: -34,
        fontSize: 22
      })
    ]
  });
}

function snrPanel(frame: SchedulesFrame, at: At, t: number): Element {
  return figure({
    label: "the log signal-to-noise ratio log(α_t²/σ_t²) against t",
    size: PANEL,
    ...small,
    x: {domain: [0, 1], label: "t", ticks: 3},
    y: {domain: [-LAMBDA_CLIP, LAMBDA_CLIP], label: null, ticks: 3},
    marks: [
      Plot.ruleY([0], {stroke: palette.rule}),
      Plot.ruleX([t], {stroke: palette.muted, strokeWidth: 1.5}),
      Plot.line(series(frame.t, frame.lambda), {stroke: palette.ink, strokeWidth: 3}),
      Plot.text([`log-SNR λ = ${fmt(at.lambda)}`], {frameAnchor: "top-left", dy: -34, fontSize: 22})
    ]
  });
}

function trajectoryPanel(frame: SchedulesFrame, at: At, t: number): Element {
  const pts = frame.path;
  const e = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < pts.length; i += 2) {
    e[0] = Math.min(e[0]!, pts[i]!);
    e[1] = Math.max(e[1]!, pts[i]!);
    e[2] = Math.min(e[2]!, pts[i + 1]!);
    e[3] = Math.max(e[3]!, pts[i + 1]!);
  }
  // A box around the trajectory with the panel's aspect, so that both axes have the same units and the panel keeps
  // the size of the other two.
  const [cx, cy] = [(e[0]! + e[1]!) / 2, (e[2]! + e[3]!) / 2];
  const halfY = Math.max(0.6 + 0.5 * (e[3]! - e[2]!), (0.6 + 0.5 * (e[1]! - e[0]!)) / TRAJECTORY_ASPECT);
  const halfX = TRAJECTORY_ASPECT * halfY;
  const tick = Array.from({length: 11}, (_, k) => [pts[2 * k * (GRID / 10)]!, pts[2 * k * (GRID / 10) + 1]!]);
  const start = [pts[0]!, pts[1]!];
  const end = [pts[2 * GRID]!, pts[2 * GRID + 1]!];
  const [ux, uy] = at.u;
  return figure({
    label: "the conditional trajectory of one pair (x₀, x₁), with dots every 0.1 in t",
    size: PANEL,
    ...small,
    marginLeft: 24,
    marginRight: 24,
    marginBottom: 24,
    equal: true,
    x: {domain: [cx - halfX, cx + halfX], label: null, ticks: 0},
    y: {domain: [cy - halfY, cy + halfY], label: null, ticks: 0},
    marks: [
      Plot.frame({stroke: palette.rule}),
      Plot.line(
        Array.from({length: GRID + 1}, (_, k) => [pts[2 * k]!, pts[2 * k + 1]!]),
        {
          stroke: palette.conditional,
          strokeWidth: 2.5,
          strokeDasharray: dasharrayOf("conditional")
        }
      ),
      Plot.dot(tick, {fill: palette.conditional, r: 3.5}),
      Plot.dot([start], {fill: palette.source, r: 8}),
      Plot.dot([end], {fill: palette.target, r: 8, symbol: "diamond2"}),
      // The velocity at the cursor, drawn as the displacement over the next 0.1 of time.
      Plot.arrow([[...at.x, at.x[0] + 0.1 * ux, at.x[1] + 0.1 * uy]], {
        x1: (d: number[]) => d[0],
        y1: (d: number[]) => d[1],
        x2: (d: number[]) => d[2],
        y2: (d: number[]) => d[3],
        stroke: palette.conditional,
        strokeWidth: 3,
        headLength: 10
      }),
      Plot.dot([at.x], {fill: palette.ink, r: 6}),
      Plot.text([`t = ${t.toFixed(2)}   speed ${Math.hypot(ux, uy).toFixed(2)}`], {
        frameAnchor: "top-left",
        dy: -34,
        fontSize: 22
      })
    ]
  });
}

export default schedules;
