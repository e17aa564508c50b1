import * as Plot from "@observablehq/plot";
import {drawProbes, type ProbeKind} from "../engine/cnf/divergence.ts";
import {choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {fieldGrid, FIELD_EXTENT, presetField, presetOption, presetText} from "./fields/presets.ts";
import {arrowField} from "./layers/arrows.ts";
import {svgColor} from "./layers/conventions.ts";
import {figure} from "./layers/figure.ts";
import {handles} from "./layers/handles.ts";
import {binsOf, histogram} from "./layers/histogram.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The most probes a viewer can ask for. */
export const MAX_M = 1000;

/** The presets of lecture §11.2 item 7: S = 0, S = kI, a noisy linear one and a nonlinear one. */
export const hutchinsonPresets = ["rotation", "source", "shear", "two-well"] as const;

const options = {
  seed: seed(7)
};

// The field and the probe are state, not options: a slide's fragments switch them (rotation, then u = kx, …), and the
// frame is cheap enough to recompute on every change.
const state = {
  preset: presetOption("shear", "the field u whose divergence is estimated", hutchinsonPresets),
  strength: number(1, "the field's strength k", {min: 0.2, max: 2, step: 0.1}),
  probe: choice(["gaussian", "rademacher"], "gaussian", "the probe ε: standard normal or random signs ±1"),
  x1: number(0.8, "first coordinate of the point x", {min: -3, max: 3, step: 0.05}),
  x2: number(0.5, "second coordinate of the point x", {min: -3, max: 3, step: 0.05}),
  m: integer(100, "M, the number of probes ε averaged", {min: 1, max: MAX_M})
};

export type HutchinsonOptions = Values<typeof options>;
export type HutchinsonState = Values<typeof state>;

export interface HutchinsonFrame {
  /** The point x and the Jacobian J = ∂u/∂x there, row-major [J11, J12, J21, J22]. */
  x: [number, number];
  jacobian: Float64Array;
  /** ∇·u(x) = tr J. */
  exact: number;
  /** The draws εᵢᵀ J εᵢ, i = 1 … M. */
  draws: Float64Array;
  /** Running mean and its standard error after each draw (SE NaN for one draw). */
  mean: Float64Array;
  se: Float64Array;
  /** Empirical variance of the M draws (with M − 1). */
  variance: number;
  /** The two variance formulas: 2‖S‖_F² (Gaussian) and 2(‖S‖_F² − Σ S_ii²) (Rademacher), S = (J + Jᵀ)/2. */
  gaussianVariance: number;
  rademacherVariance: number;
  probe: ProbeKind;
}

/** J = ∂u/∂x at x by two Jacobian-vector products with the unit vectors. */
export function jacobianAt(field: ReturnType<typeof presetField>, x: readonly [number, number]): Float64Array {
  const point = Float64Array.of(x[0], x[1]);
  const c1 = new Float64Array(2);
  const c2 = new Float64Array(2);
  field.jvp(c1, point, Float64Array.of(1, 0), 1, 0);
  field.jvp(c2, point, Float64Array.of(0, 1), 1, 0);
  // Column k of J is J e_k.
  return Float64Array.of(c1[0]!, c2[0]!, c1[1]!, c2[1]!);
}

/** The variances of εᵀJε: Gaussian ε gives 2‖S‖_F², Rademacher ε gives 2(‖S‖_F² − Σ S_ii²), S = (J + Jᵀ)/2. */
export function hutchinsonVariances(j: ArrayLike<number>): {gaussian: number; rademacher: number} {
  const off = (j[1]! + j[2]!) / 2;
  const diagonal = j[0]! ** 2 + j[3]! ** 2;
  const frobenius = diagonal + 2 * off * off;
  return {gaussian: 2 * frobenius, rademacher: 2 * (frobenius - diagonal)};
}

/** Running mean and standard error (Welford), after each of the values. */
export function running(values: ArrayLike<number>): {mean: Float64Array; se: Float64Array; variance: number} {
  const n = values.length;
  const mean = new Float64Array(n);
  const se = new Float64Array(n);
  let m = 0;
  let m2 = 0;
  for (let k = 1; k <= n; k++) {
    const v = values[k - 1]!;
    const d = v - m;
    m += d / k;
    m2 += d * (v - m);
    mean[k - 1] = m;
    se[k - 1] = k > 1 ? Math.sqrt(m2 / (k - 1) / k) : NaN;
  }
  return {mean, se, variance: n > 1 ? m2 / (n - 1) : NaN};
}

/** The frame: J at x, M probes from the seed, their draws and running mean; well under a millisecond. */
export function computeFrame(o: HutchinsonOptions, s: HutchinsonState): HutchinsonFrame {
  const field = presetField(s.preset, s.strength);
  const x: [number, number] = [s.x1, s.x2];
  const j = jacobianAt(field, x);
  const m = Math.max(1, Math.min(MAX_M, Math.round(s.m)));
  // The same probes for every M: the first M of MAX_M draws, so the slider reveals more of one sequence.
  const eps = drawProbes(MAX_M, 2, s.probe, rng(o.seed)).subarray(0, 2 * m);
  const draws = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const [a, b] = [eps[2 * i]!, eps[2 * i + 1]!];
    draws[i] = a * (j[0]! * a + j[1]! * b) + b * (j[2]! * a + j[3]! * b);
  }
  const r = running(draws);
  const v = hutchinsonVariances(j);
  return {
    x,
    jacobian: j,
    exact: j[0]! + j[3]!,
    draws,
    mean: r.mean,
    se: r.se,
    variance: r.variance,
    gaussianVariance: v.gaussian,
    rademacherVariance: v.rademacher,
    probe: s.probe
  };
}

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 1e-12 ? "0" : v.toFixed(2)) : "–");

/** The two readout lines: the estimate against the exact divergence, and the variances. */
export function readoutLines(f: HutchinsonFrame): [string, string] {
  const m = f.draws.length;
  const band = 2 * f.se[m - 1]!;
  const first =
    `∇·u(x) = ${fmt(f.exact)} · mean of ${m}: ${fmt(f.mean[m - 1]!)}` +
    (Number.isFinite(band) ? ` ± ${fmt(band)} (2 SE)` : "");
  const formula = f.probe === "gaussian" ? f.gaussianVariance : f.rademacherVariance;
  const second =
    `Var: formula ${fmt(formula)}, measured ${fmt(f.variance)} ` +
    `(Gaussian ${fmt(f.gaussianVariance)}, Rademacher ${fmt(f.rademacherVariance)})`;
  return [first, second];
}

/** The y range of the draws panels: the draws and the exact value, with room. */
function valueRange(f: HutchinsonFrame): [number, number] {
  let lo = f.exact;
  let hi = f.exact;
  for (const v of f.draws) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const pad = Math.max(0.15 * (hi - lo), 0.5);
  return [lo - pad, hi + pad];
}

function fieldPanel(f: HutchinsonFrame, o: HutchinsonState): ReturnType<typeof figure> {
  const field = presetField(o.preset, o.strength);
  return figure({
    label: `the field ${presetText[o.preset]} with the point x`,
    size: [220, 220],
    equal: true,
    marginTop: 6,
    marginRight: 6,
    marginBottom: 6,
    marginLeft: 6,
    x: {domain: [FIELD_EXTENT[0], FIELD_EXTENT[1]], axis: null},
    y: {domain: [FIELD_EXTENT[2], FIELD_EXTENT[3]], axis: null},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      arrowField(fieldGrid(field, 0, 11), {kind: "marginal", color: "muted", strokeWidth: 1.8}),
      handles([{name: "x", x: f.x[0], y: f.x[1], label: "the point x", color: "error"}], {r: 10})
    ]
  });
}

function histogramPanel(f: HutchinsonFrame, range: [number, number]): ReturnType<typeof figure> {
  const m = f.draws.length;
  const b = binsOf(f.draws, {domain: range, bins: 24});
  const top = Math.max(...b.y, 0.1);
  return figure({
    label: "histogram of the draws εᵀJε with the exact divergence",
    size: [340, 220],
    marginTop: 10,
    marginRight: 12,
    marginBottom: 50,
    marginLeft: 12,
    x: {domain: range, label: "εᵀJε", labelOffset: 42, ticks: 4},
    y: {domain: [0, top * 1.15], axis: null},
    marks: [
      histogram(f.draws, {domain: range, bins: 24, color: "error"}),
      Plot.ruleX([f.exact], {stroke: svgColor("ink"), strokeWidth: 2.5, strokeDasharray: "7 5"}),
      Plot.ruleX([f.mean[m - 1]!], {stroke: svgColor("model"), strokeWidth: 3}),
      Plot.text([`M = ${m}`], {frameAnchor: "top-left", dx: 6, dy: 4, fontSize: 20, fill: svgColor("muted")})
    ]
  });
}

function runningPanel(f: HutchinsonFrame, range: [number, number]): ReturnType<typeof figure> {
  const m = f.draws.length;
  const index = Array.from({length: m}, (_, i) => i);
  const band = index.filter((i) => Number.isFinite(f.se[i]!));
  return figure({
    label: "the draws and their running mean with a ±2 SE band against the number of probes",
    size: [600, 150],
    marginTop: 8,
    marginBottom: 46,
    marginLeft: 64,
    marginRight: 16,
    clip: true,
    x: {domain: [0.5, Math.max(m, 2) + 0.5], label: "probe i", labelOffset: 40, ticks: 5},
    y: {domain: range, label: "value", labelOffset: 52, ticks: 3},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.dot(index, {
        x: (i: number) => i + 1,
        y: (i: number) => f.draws[i],
        r: m <= 50 ? 4 : 2.5,
        fill: svgColor("error"),
        fillOpacity: 0.5
      }),
      Plot.areaY(band, {
        x: (i: number) => i + 1,
        y1: (i: number) => f.mean[i]! - 2 * f.se[i]!,
        y2: (i: number) => f.mean[i]! + 2 * f.se[i]!,
        fill: svgColor("model"),
        fillOpacity: 0.2
      }),
      Plot.ruleY([f.exact], {stroke: svgColor("ink"), strokeWidth: 2, strokeDasharray: "7 5"}),
      Plot.line(index, {
        x: (i: number) => i + 1,
        y: (i: number) => f.mean[i],
        stroke: svgColor("model"),
        strokeWidth: 2.5
      })
    ]
  });
}

/**
 * D3.19: Hutchinson's estimator of ∇·u(x) = tr J at a draggable point x of a preset field. M probes ε (Gaussian or
 * Rademacher, seeded) give the draws εᵀJε (red dots and histogram), whose running mean (purple, ±2 SE band)
 * approaches the exact divergence (dashed); the readout sets the measured variance beside both formulas.
 * On the page: two Jacobian-vector products and M quadratic forms.
 */
export const hutchinson: DemoSpec<typeof options, typeof state, HutchinsonFrame> = {
  id: "hutchinson",
  description:
    "Hutchinson's estimate εᵀJε of the divergence at a point: draws, running mean ± 2 SE, both variance formulas",
  options,
  state,
  controls: ["preset", "probe", "m", "seed"],
  drag: {x: ["x1", "x2"]},
  examples: [
    {name: "rotation, every draw zero", state: {preset: "rotation"}},
    {name: "source, rademacher exact", state: {preset: "source", probe: "rademacher", m: "20"}},
    {name: "two-well, 1000 probes", state: {preset: "two-well", m: "1000", x1: "0.3", x2: "-1"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const range = valueRange(f);
    const [first, second] = readoutLines(f);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.append(first, document.createElement("br"), second);
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    const main = fieldPanel(f, s);
    row.append(main, histogramPanel(f, range));
    const strip = document.createElement("div");
    strip.append(runningPanel(f, range));
    root.append(readout, row, strip);
    // The point is dragged through the field panel's scales (the runtime reads them from the root it rendered).
    return Object.assign(root, {scale: (name: string) => main.scale(name as "x")});
  },
  describe(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const [first, second] = readoutLines(f);
    return `Hutchinson's estimator for ${presetText[s.preset]} at x = (${fmt(f.x[0])}, ${fmt(f.x[1])}): ${first}; ${second}`;
  }
};

export default hutchinson;
