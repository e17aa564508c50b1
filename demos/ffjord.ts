import * as Plot from "@observablehq/plot";
import {FFJORD_EXTENT, ffjordOptions, type FfjordOptions} from "../engine/tasks/ffjord-options.ts";
import type {FfjordFrame} from "../engine/tasks/ffjord.ts";
import {densityRaster} from "./layers/density.ts";
import {figure} from "./layers/figure.ts";
import {lossCurve} from "./layers/loss-curve.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {};

/** Steps averaged for the readout's "recent loss" of each run. */
export const RECENT = 25;

const LOSS_SIZE: readonly [number, number] = [290, 290];
const DENSITY_SIZE: readonly [number, number] = [270, 290];

/** The mean of the last `RECENT` losses (the readout's number), NaN before any step. */
export function recentLoss(losses: ArrayLike<number>): number {
  const n = losses.length;
  if (n === 0) return NaN;
  let s = 0;
  const from = Math.max(0, n - RECENT);
  for (let i = from; i < n; i++) s += losses[i]!;
  return s / (n - from);
}

/** The readout: each run's recent loss and cost per step. */
export function readout(f: FfjordFrame | undefined, o: FfjordOptions): string {
  if (!f) return `training two CNFs on ${o.dataset}…`;
  const e = recentLoss(f.exactLoss);
  const h = recentLoss(f.hutchinsonLoss);
  return (
    `step ${f.steps.length} of ${o.iterations} · mean loss of the last ${Math.min(RECENT, f.steps.length)} steps: ` +
    `exact ${e.toFixed(2)}, Hutchinson ${h.toFixed(2)} · ${f.exactMs.toFixed(0)} vs ${f.hutchinsonMs.toFixed(0)} ms a step`
  );
}

/** One shared y range for both loss panels, so their noise compares at a glance. */
function lossDomain(f: FfjordFrame | undefined): [number, number] {
  if (!f || f.steps.length === 0) return [0, 10];
  const all = [...f.exactLoss, ...f.hutchinsonLoss].filter(Number.isFinite).sort((a, b) => a - b);
  const lo = all[Math.floor(0.01 * (all.length - 1))]!;
  const hi = all[Math.floor(0.97 * (all.length - 1))]!;
  const pad = 0.08 * Math.max(hi - lo, 0.5);
  return [lo - pad, hi + pad];
}

function lossPanel(f: FfjordFrame | undefined, o: FfjordOptions, which: "exact" | "hutchinson"): Element {
  const domain = lossDomain(f);
  const losses = f ? (which === "exact" ? f.exactLoss : f.hutchinsonLoss) : new Float64Array(0);
  const steps = f ? f.steps : new Float64Array(0);
  const title = which === "exact" ? "exact tr J" : `Hutchinson (${o.probe})`;
  return figure({
    label: `batch loss of the CNF trained with the ${which === "exact" ? "exact divergence" : "Hutchinson estimate"}`,
    size: LOSS_SIZE,
    marginTop: 34,
    marginRight: 14,
    marginLeft: 60,
    marginBottom: 52,
    clip: true,
    x: {domain: [0, o.iterations], label: "step", labelOffset: 44, ticks: 3},
    y: {domain, label: "loss (nats)", labelAnchor: "top", ticks: 4},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      lossCurve(
        steps,
        Float64Array.from(losses, (v) => Math.min(Math.max(v, domain[0]), domain[1])),
        {color: which === "exact" ? "ink" : "model", strokeWidth: 1.5}
      ),
      Plot.text([title], {frameAnchor: "top", dy: -28, fontSize: 22, fill: palette.ink})
    ]
  });
}

function densityPanel(f: FfjordFrame | undefined, which: "exact" | "hutchinson"): Element {
  const marks: Plot.Markish[] = [Plot.frame({stroke: palette.muted, strokeOpacity: 0.5})];
  if (f && f.gridStep > 0) {
    const values = which === "exact" ? f.exactDensity : f.hutchinsonDensity;
    marks.unshift(densityRaster({nx: f.grid, ny: f.grid, extent: FFJORD_EXTENT, values}, {color: "model"}));
  }
  const title = `p̂₁, ${which === "exact" ? "exact" : "Hutchinson"}${f && f.gridStep > 0 ? ` @ ${f.gridStep}` : ""}`;
  marks.push(Plot.text([title], {frameAnchor: "top", dy: -28, fontSize: 22, fill: palette.ink}));
  return figure({
    label: `density of the CNF trained with the ${which === "exact" ? "exact divergence" : "Hutchinson estimate"}`,
    size: DENSITY_SIZE,
    equal: true,
    marginTop: 34,
    marginRight: 4,
    marginLeft: 4,
    marginBottom: 4,
    x: {domain: [FFJORD_EXTENT[0], FFJORD_EXTENT[1]], axis: null},
    y: {domain: [FFJORD_EXTENT[2], FFJORD_EXTENT[3]], axis: null},
    marks
  });
}

/**
 * D3.20: two CNFs with the same network, seed and batches trained by maximum likelihood in the worker, one with the
 * exact divergence and one with FFJORD's Hutchinson estimate (one probe per point per solve): the two loss curves on
 * one scale, and each model's density p̂₁ (computed with the exact divergence) refreshed every few seconds.
 */
export const ffjordDemo: DemoSpec<typeof ffjordOptions, typeof state, FfjordFrame> = {
  id: "ffjord",
  description: "a CNF trained with the exact divergence beside one trained with Hutchinson's estimate (FFJORD)",
  options: ffjordOptions,
  state,
  controls: ["dataset", "probe"],
  player: true,
  task: (options) => ({task: "ffjord", options}),
  examples: [{name: "pinwheel, gaussian probes", options: {dataset: "ffjord-pinwheel", probe: "gaussian"}}],
  render(frame, o) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    const p = document.createElement("p");
    p.className = "readout";
    p.textContent = readout(frame, o);
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    row.append(
      lossPanel(frame, o, "exact"),
      lossPanel(frame, o, "hutchinson"),
      densityPanel(frame, "exact"),
      densityPanel(frame, "hutchinson")
    );
    root.append(p, row);
    return root;
  },
  describe(frame, o) {
    return `FFJORD on ${o.dataset}: ${readout(frame, o)}`;
  }
};

export default ffjordDemo;
