import * as Plot from "@observablehq/plot";
import {number, type Values} from "../engine/options/schema.ts";
import type {NfCheckpoint} from "../engine/weights/nf-recording.ts";
import {svgColor} from "./layers/conventions.ts";
import {densityRaster} from "./layers/density.ts";
import {figure} from "./layers/figure.ts";
import {lossCurve} from "./layers/loss-curve.ts";
import {paintParticles, particles} from "./layers/particles.ts";
import {recording} from "./nf/recording.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {};

const LAST = recording.checkpoints.length - 1;
const STEPS = recording.recipe.steps;
const CP_STEPS = recording.checkpoints.map((c) => c.step);

const state = {
  step: number(STEPS, `training step shown (0: before training, ${STEPS}: the end)`, {min: 0, max: STEPS, step: 1})
};

export type NfPlaybackState = Values<typeof state>;

/** The playback's one frame: the recording itself (nothing is computed on the page but slicing). */
export type NfPlaybackFrame = typeof recording;

/** Checkpoints played per second (they are dense early in training, where the model changes most). */
export const CHECKPOINTS_PER_SECOND = 1.5;

/** Position of a training step on the checkpoint axis: i at checkpoint i, linear in steps in between. */
export function checkpointPosition(step: number): number {
  const s = Math.max(0, Math.min(STEPS, step));
  let i = 0;
  while (i < LAST && CP_STEPS[i + 1]! <= s) i++;
  return i === LAST ? LAST : i + (s - CP_STEPS[i]!) / (CP_STEPS[i + 1]! - CP_STEPS[i]!);
}

/** The training step at a position of the checkpoint axis (inverse of {@link checkpointPosition}). */
export function stepAt(position: number): number {
  const p = Math.max(0, Math.min(LAST, position));
  const i = Math.min(LAST - 1, Math.floor(p));
  return CP_STEPS[i]! + (p - i) * (CP_STEPS[i + 1]! - CP_STEPS[i]!);
}

/** The last checkpoint reached at a training step. */
export function checkpointAt(step: number): NfCheckpoint {
  return recording.checkpoints[Math.floor(checkpointPosition(step) + 1e-9)]!;
}

/** The batch-NLL curve up to a training step (the recorded bins whose last step is at most `step`). */
export function lossUpTo(step: number): {steps: number[]; values: number[]} {
  const {steps, values} = recording.loss;
  const n = steps.filter((s) => s <= step).length;
  return {steps: steps.slice(0, n), values: values.slice(0, n)};
}

const fmt = (v: number, d = 3) => v.toFixed(d);

/** The readout lines: step and latest batch NLL; the entropy floor and the shipped file's test NLL. */
export function readout(step: number): string[] {
  const at = Math.round(step);
  const loss = lossUpTo(at).values.at(-1);
  const e = recording.evaluation;
  return [
    `step ${at} of ${STEPS} · batch NLL ${loss === undefined ? "–" : fmt(loss)} nats`,
    `H(q) = ${fmt(e.entropy)} · final test NLL ${fmt(e.nll)}`
  ];
}

function line(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "readout";
  p.textContent = text;
  return p;
}

const [X0, X1, Y0, Y1] = recording.grid.extent as [number, number, number, number];
const DENSITY_MAX = Math.max(...recording.checkpoints.flatMap((c) => Math.max(...c.density)));
const LATENT = [-3.5, 3.5] as const;
const PANEL = 230;

function dataPanel(cp: NfCheckpoint): Element {
  return figure({
    label: `data space: the model's density after ${cp.step} steps, and the data`,
    size: [Math.round(((PANEL - 12) * (X1 - X0)) / (Y1 - Y0)) + 12, PANEL],
    equal: true,
    marginTop: 6,
    marginRight: 6,
    marginBottom: 6,
    marginLeft: 6,
    x: {domain: [X0, X1], axis: null},
    y: {domain: [Y0, Y1], axis: null},
    marks: [
      Plot.frame({stroke: svgColor("muted"), strokeOpacity: 0.4}),
      densityRaster(
        {nx: recording.grid.n, ny: recording.grid.n, extent: [X0, X1, Y0, Y1], values: cp.density},
        {color: "model", max: DENSITY_MAX}
      ),
      particles(Float64Array.from(recording.points), {color: "target", symbol: "diamond", r: 2, opacity: 0.55}),
      Plot.text(["data x: p_X(x)"], {frameAnchor: "top-left", dx: 8, dy: 8, fontSize: 20})
    ]
  });
}

function circles(): Plot.Markish {
  const ring = (r: number) =>
    Array.from({length: 97}, (_, i) => [r * Math.cos((i * Math.PI) / 48), r * Math.sin((i * Math.PI) / 48)]);
  return [1, 2].map((r) =>
    Plot.line(ring(r), {x: "0", y: "1", stroke: svgColor("source"), strokeDasharray: "6 5", strokeWidth: 1.5})
  );
}

function latentPanel(): Element {
  return figure({
    label: "latent space: the data's images z = g(x)",
    size: [PANEL, PANEL],
    equal: true,
    marginTop: 6,
    marginRight: 6,
    marginBottom: 6,
    marginLeft: 6,
    x: {domain: LATENT, axis: null},
    y: {domain: LATENT, axis: null},
    clip: true,
    marks: [
      Plot.frame({stroke: svgColor("muted"), strokeOpacity: 0.4}),
      circles(),
      Plot.text(["latent z = g(x)"], {frameAnchor: "top-left", dx: 8, dy: 8, fontSize: 20}),
      Plot.text(["N(0, I): 1σ, 2σ"], {
        frameAnchor: "bottom-right",
        dx: -8,
        dy: -6,
        fontSize: 18,
        fill: svgColor("source")
      })
    ]
  });
}

function lossPanel(step: number): Element {
  const {steps, values} = lossUpTo(step);
  const top = Math.ceil(Math.max(...recording.loss.values.slice(0, 3)) * 10) / 10;
  return figure({
    label: "the batch NLL against training steps, with the entropy floor",
    size: [360, PANEL - 60],
    marginLeft: 60,
    marginRight: 20,
    marginTop: 12,
    marginBottom: 30,
    x: {
      domain: [0, recording.recipe.steps],
      label: null,
      ticks: [0, 1000, 2000, 3000],
      tickFormat: (d: number) => String(d)
    },
    y: {domain: [0.8, top], label: null, ticks: 4, grid: true},
    marks: [
      lossCurve(steps, values, {floor: recording.evaluation.entropy, floorLabel: "H(q)"}),
      Plot.text(["batch NLL (nats) by step"], {frameAnchor: "top-right", dx: -4, dy: 4, fontSize: 18}),
      Plot.ruleX([step], {stroke: svgColor("ink"), strokeOpacity: 0.5})
    ]
  });
}

/**
 * D2.8: a flow trained by maximum likelihood, played back from the run the deck ships (engine/weights/realnvp-moons
 * .json, `weights-nf`): at each recorded checkpoint the model's density in data space with the data, the data's
 * images z = g(x) in latent space (moving smoothly between checkpoints while it plays), and the batch NLL falling
 * towards the data's entropy H(q). Nothing trains on the page; the live training is D2.13's build-a-flow.
 */
export const nfPlayback: DemoSpec<typeof options, typeof state, NfPlaybackFrame> = {
  id: "nf-playback",
  description: "a flow's maximum-likelihood training played back: density, data mapped to latent space, NLL curve",
  options,
  state,
  controls: ["step"],
  player: true,
  examples: [
    {name: "before training", state: {step: "0"}},
    {name: "after 300 steps", state: {step: "300"}}
  ],
  snapshot: () => recording,
  advance(s, dt) {
    if (s.step >= STEPS) return undefined;
    // Whole steps, at least one per call, at a pace of CHECKPOINTS_PER_SECOND on the checkpoint axis.
    const next = stepAt(checkpointPosition(s.step) + dt * CHECKPOINTS_PER_SECOND);
    return {step: Math.min(STEPS, Math.max(s.step + 1, Math.round(next)))};
  },
  render(_frame, _o, s) {
    const cp = checkpointAt(s.step);
    const right = document.createElement("div");
    right.className = "demo-stack panel-last";
    right.append(lossPanel(s.step), ...readout(s.step).map(line));
    // The root's last SVG child is the one the canvas layer covers: the latent panel, whose points move. The class
    // panel-last shows the loss column after it, so the panels read data | latent | loss.
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-ltr panels-natural";
    panels.append(dataPanel(cp), right, latentPanel());
    return panels;
  },
  paint(layer, _frame, _o, s) {
    const c = checkpointPosition(s.step);
    const lo = Math.floor(c + 1e-9);
    const hi = Math.min(LAST, lo + 1);
    const w = Math.max(0, c - lo);
    const a = recording.checkpoints[lo]!.latent;
    const b = recording.checkpoints[hi]!.latent;
    const pts = Float64Array.from(a, (v, i) => (1 - w) * v + w * b[i]!);
    paintParticles(layer, pts, {color: "model", r: 2.2, opacity: 0.65});
  },
  describe(_frame, _o, s) {
    const cp = checkpointAt(s.step);
    const n = recording.points.length / 2;
    return (
      `a ${recording.recipe.blocks.length}-layer flow trained by maximum likelihood on ${recording.dataset}, played ` +
      `back: its density after ${cp.step} steps next to ${n} held-out points, and their images z = g(x); ` +
      readout(s.step).join("; ") +
      ` (test NLL on ${recording.evaluation.n} fresh points, measured by the weights-nf command)`
    );
  }
};

export default nfPlayback;
