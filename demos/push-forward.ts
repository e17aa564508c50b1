import * as Plot from "@observablehq/plot";
import {normalBase} from "../engine/cnf/base.ts";
import {pushedLogDensity} from "../engine/cnf/pushed-density.ts";
import {linearField} from "../engine/fields/linear.ts";
import {normalLogDensity} from "../engine/fields/normal.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {
  GRID_SIZE,
  P0_COV,
  P0_MEAN,
  pushForwardOptions,
  pushStrength,
  SLICES,
  STEPS_PER_UNIT,
  type PushForwardOptions
} from "../engine/tasks/push-forward-options.ts";
import {pushField, pushForwardSnapshot, type PushForwardFrame} from "../engine/tasks/push-forward.ts";
import {densityRaster} from "./layers/density.ts";
import {figure} from "./layers/figure.ts";
import {handles} from "./layers/handles.ts";
import {paintParticles} from "./layers/particles.ts";
import {warpedGrid} from "./layers/warped-grid.ts";
import {FIELD_EXTENT, presetText} from "./fields/presets.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = pushForwardOptions;

const state = {
  t: number(0, "time t of p_t = [φ_t]# p₀ (computed at t = 0, 0.05, …, 1)", {min: 0, max: 1, step: 1 / SLICES}),
  px: number(0.6, "the probe's x₁ (drag it)", {min: -3, max: 3, step: 0.05}),
  py: number(0.9, "the probe's x₂ (drag it)", {min: -3, max: 3, step: 0.05})
};

/** State of `push-forward`. */
export type PushForwardState = Values<typeof state>;

/** Radius of the probe's disk in which particles are counted. */
export const PROBE_RADIUS = 0.35;

/** The slice shown at time t. */
export const sliceOf = (t: number) => Math.min(SLICES, Math.max(0, Math.round(t * SLICES)));

/** p_t at the probe by the formula: closed form for a linear preset, else one backward solve on the page. */
export function probeDensity(o: Pick<PushForwardOptions, "preset">, t: number, x: number, y: number): number {
  const field = pushField(o);
  const out = new Float64Array(1);
  if (field.matrix) {
    const {mean, cov} = linearField({a: field.matrix}).pushGaussian(P0_MEAN, P0_COV, t);
    normalLogDensity(out, new Float64Array([x, y]), 1, mean, cov);
    return Math.exp(out[0]!);
  }
  const {logp} = pushedLogDensity(field, normalBase(P0_MEAN, P0_COV), new Float64Array([x, y]), 1, {
    t,
    stepsPerUnit: STEPS_PER_UNIT
  });
  return Math.exp(logp[0]!);
}

/** The particles' estimate of p_t at the probe: the share within PROBE_RADIUS over the disk's area. */
export function probeCount(f: PushForwardFrame, n: number, k: number, x: number, y: number) {
  let count = 0;
  const base = 2 * k * n;
  for (let i = 0; i < n; i++) {
    const dx = f.particles[base + 2 * i]! - x;
    const dy = f.particles[base + 2 * i + 1]! - y;
    if (dx * dx + dy * dy <= PROBE_RADIUS * PROBE_RADIUS) count++;
  }
  return {count, estimate: count / (n * Math.PI * PROBE_RADIUS * PROBE_RADIUS)};
}

/** The readout lines under the figure. */
export function readouts(f: PushForwardFrame | undefined, o: PushForwardOptions, s: PushForwardState): string[] {
  const k = sliceOf(s.t);
  const t = k / SLICES;
  if (!f || Number.isNaN(f.mass[k]!)) return [`computing p_t at t = ${t.toFixed(2)}…`, ""];
  const how = f.method === "closed form" ? "closed form" : "formula, each pixel solved back";
  const exact = probeDensity(o, t, s.px, s.py);
  const {estimate, count} = probeCount(f, o.n, k, s.px, s.py);
  return [
    `mass in view Σ p_t ΔA = ${f.mass[k]!.toFixed(3)} (${how})`,
    `probe: p_t = ${exact.toFixed(3)} (formula) · ${estimate.toFixed(3)} (${count} particles)`
  ];
}

/** The slice's density as a grid for the raster layer. */
function sliceGrid(f: PushForwardFrame, k: number) {
  const cells = GRID_SIZE * GRID_SIZE;
  return {
    nx: GRID_SIZE,
    ny: GRID_SIZE,
    extent: FIELD_EXTENT,
    values: Float64Array.from(f.density.subarray(k * cells, (k + 1) * cells))
  };
}

function sliceLines(f: PushForwardFrame, k: number) {
  const m = 2 * f.gridLines * f.gridPoints;
  return {values: f.grid.subarray(k * m, (k + 1) * m), lines: f.gridLines, points: f.gridPoints};
}

/**
 * A Gaussian p₀ carried by a preset field: p_t = [φ_t]# p₀ as a heatmap (closed form for the linear presets, the
 * formula p₀(φ_t⁻¹(x)) |det ∂φ_t⁻¹/∂x| solved back pixel by pixel in the worker for the others), the warped grid
 * over it, samples of p₀ pushed by φ_t on the canvas, and a probe where the formula meets a count of particles.
 */
export const pushForwardDemo: DemoSpec<typeof options, typeof state, PushForwardFrame> = {
  id: "push-forward",
  description: "a Gaussian carried by a preset field: the density p_t by its formula, the warped grid and particles",
  options,
  state,
  controls: ["preset", "t", "n"],
  drag: {probe: ["px", "py"]},
  renderKeys: ["t", "px", "py"],
  examples: [
    {name: "two-well at t 1", options: {preset: "two-well"}, state: {t: "1", px: "0.9", py: "0.35"}},
    {name: "shear at t 0.6", options: {preset: "shear"}, state: {t: "0.6"}}
  ],
  task: (o) => ({task: "push-forward", options: o}),
  snapshot: (o, s) => pushForwardSnapshot(o, sliceOf(s.t)),
  render(frame, o, s) {
    const k = sliceOf(s.t);
    const known = frame !== undefined && !Number.isNaN(frame.mass[k]!);
    const plot = figure({
      label: `p_t at t = ${(k / SLICES).toFixed(2)} with particles`,
      size: [440, 440],
      equal: true,
      marginLeft: 8,
      marginRight: 8,
      marginTop: 8,
      marginBottom: 8,
      x: {domain: [FIELD_EXTENT[0], FIELD_EXTENT[1]], axis: null},
      y: {domain: [FIELD_EXTENT[2], FIELD_EXTENT[3]], axis: null},
      clip: true,
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.4}),
        known ? densityRaster(sliceGrid(frame, k), {color: "marginal", opacity: 0.9}) : null,
        frame ? warpedGrid(sliceLines(frame, k), {color: "muted", strokeWidth: 1, opacity: 0.45}) : null,
        Plot.line(
          Array.from({length: 65}, (_, i) => [
            s.px + PROBE_RADIUS * Math.cos((i * Math.PI) / 32),
            s.py + PROBE_RADIUS * Math.sin((i * Math.PI) / 32)
          ]),
          {x: "0", y: "1", stroke: palette.ink, strokeDasharray: "5 4", strokeWidth: 1.5}
        ),
        handles([{name: "probe", x: s.px, y: s.py, label: "the probe", color: "ink"}], {r: 7})
      ]
    });
    const root = document.createElement("div");
    root.className = "demo-stack";
    root.append(plot);
    for (const text of readouts(frame, o, s)) {
      const p = document.createElement("p");
      p.className = "readout";
      p.textContent = text;
      root.append(p);
    }
    return root;
  },
  paint(layer, frame, o, s) {
    if (!frame) return;
    const k = sliceOf(s.t);
    const n = o.n;
    paintParticles(layer, frame.particles.subarray(2 * k * n, 2 * (k + 1) * n), {
      color: k === 0 ? "source" : "model",
      r: 1.6,
      opacity: 0.4
    });
  },
  describe(frame, o, s) {
    const k = sliceOf(s.t);
    const strength = pushStrength(o.preset);
    return (
      `p₀ = N((${P0_MEAN.join(", ")}), diag(${P0_COV[0]}, ${P0_COV[3]})) carried by ${presetText[o.preset]} ` +
      `(k = ${strength}) to t = ${(k / SLICES).toFixed(2)}: the density p_t as a heatmap with the warped grid and ` +
      `${o.n} particles; probe at (${s.px}, ${s.py}); ${readouts(frame, o, s).join("; ")}`
    );
  }
};

export default pushForwardDemo;
