import * as Plot from "@observablehq/plot";
import {choice, seed, type Values} from "../engine/options/schema.ts";
import type {NfTrainOptions} from "../engine/tasks/nf-train-options.ts";
import type {NfTrainFrame} from "../engine/tasks/nf-train.ts";
import {svgColor} from "./layers/conventions.ts";
import {densityRaster} from "./layers/density.ts";
import {figure} from "./layers/figure.ts";
import {lossCurve} from "./layers/loss-curve.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The two flows compared, in generator order (engine/flows/stack.ts names the blocks). */
export const families = {
  realnvp: {
    title: "RealNVP",
    blocks: "actnorm,coupling-1,coupling-2,coupling-1,coupling-2,coupling-1,coupling-2,coupling-1,coupling-2"
  },
  residual: {title: "Residual flow", blocks: "actnorm,residual,residual,residual,residual"}
} as const;

export type Family = keyof typeof families;

/** Training steps of each run: the same budget of steps for both. */
export const ITERATIONS = 1500;

const options = {
  family: choice(["realnvp", "residual"], "realnvp", "the flow trained: 8 affine couplings or 4 residual blocks"),
  seed: seed(0)
};

const state = {};

export type RealnvpVsResidualOptions = Values<typeof options>;

/** The nf-train options of a family: checkerboard, width 32, batch 128, ITERATIONS steps. */
export function trainOptions(o: RealnvpVsResidualOptions): NfTrainOptions {
  return {
    blocks: families[o.family].blocks,
    dataset: "ffjord-checkerboard",
    width: 32,
    lr: 5e-3,
    batch: 128,
    iterations: ITERATIONS,
    grid: 40,
    seed: o.seed
  };
}

/** Mean of the last (up to) 5 points of the loss curve: the readout's NLL. */
export function recentNll(f: NfTrainFrame): number {
  const n = f.lossValues.length;
  if (n === 0) return NaN;
  let sum = 0;
  const k = Math.min(5, n);
  for (let i = n - k; i < n; i++) sum += f.lossValues[i]!;
  return sum / k;
}

const fmt = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : "–");

/** The readout: steps, speed, training NLL against the floor H(q). */
export function readoutLine(f: NfTrainFrame | undefined, o: RealnvpVsResidualOptions): string {
  const title = families[o.family].title;
  if (!f) return `${title}: starting…`;
  return (
    `${title}: step ${f.progress.steps}/${f.progress.total}, ${fmt(f.progress.stepsPerSecond, 0)} steps/s, ` +
    `NLL ${fmt(recentNll(f))} (H(q) ${fmt(f.entropy)})`
  );
}

const EXTENT: [number, number, number, number] = [-4, 4, -4, 4];

function densityPanel(f: NfTrainFrame | undefined, o: RealnvpVsResidualOptions) {
  const extent = f ? (Array.from(f.extent) as [number, number, number, number]) : EXTENT;
  const ready = f && f.density.length === f.grid * f.grid;
  return figure({
    label: `the density of the ${families[o.family].title} being trained on the checkerboard`,
    size: [280, 280],
    equal: true,
    marginTop: 4,
    marginRight: 4,
    marginBottom: 4,
    marginLeft: 4,
    x: {domain: [extent[0], extent[1]], axis: null},
    y: {domain: [extent[2], extent[3]], axis: null},
    marks: [
      ...(ready ? [densityRaster({nx: f.grid, ny: f.grid, extent, values: f.density}, {color: "model"})] : []),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5})
    ]
  });
}

function lossPanel(f: NfTrainFrame | undefined) {
  const has = f && f.lossValues.length > 0;
  const floor = f?.entropy;
  return figure({
    label: "the training NLL against the step, with the entropy floor H(q) dashed",
    size: [280, 130],
    marginTop: 8,
    marginRight: 8,
    marginBottom: 36,
    marginLeft: 44,
    x: {domain: [0, ITERATIONS], label: "step", labelOffset: 32, ticks: 2},
    y: {domain: [3, 5], label: null, ticks: 2},
    clip: true,
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      ...(has
        ? [
            lossCurve(f.lossSteps, f.lossValues, {
              color: "model",
              ...(floor !== undefined && Number.isFinite(floor) ? {floor, floorLabel: "H(q)"} : {})
            })
          ]
        : [Plot.text(["training…"], {frameAnchor: "middle", fill: svgColor("muted")})])
    ]
  });
}

/**
 * D2.22: RealNVP (8 affine couplings) or a residual flow (4 residual blocks, Lip ≤ 0.97, exact 2×2 log-det) trained
 * live on FFJORD's checkerboard by the shared nf-train task, for the same number of steps; a slide shows one of each
 * side by side. The readout measures what the comparison is about: steps per second (a residual block pays for its
 * Jacobian and spectral normalisation) and the NLL reached against H(q). In the worker.
 */
export const realnvpVsResidual: DemoSpec<typeof options, typeof state, NfTrainFrame> = {
  id: "realnvp-vs-residual",
  description:
    "RealNVP or a residual flow trained live on the checkerboard: density, NLL against H(q), steps per second",
  options,
  state,
  controls: ["seed"],
  player: true,
  task: (o) => ({task: "nf-train", options: {...trainOptions(o)}}),
  render(frame, o) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.append(readoutLine(frame, o));
    root.append(readout, densityPanel(frame, o), lossPanel(frame));
    return root;
  },
  describe(frame, o) {
    return `${readoutLine(frame, o)}; the density panel shows the model's p_X on the checkerboard's square`;
  }
};

export default realnvpVsResidual;
