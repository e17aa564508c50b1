import * as Plot from "@observablehq/plot";
import {dataset} from "../engine/data/registry.ts";
import {boolean, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {cnfTrainOptions, type CnfTrainOptions} from "../engine/tasks/cnf-train-options.ts";
import type {CnfTrainFrame} from "../engine/tasks/cnf-train.ts";
import {figure, lossCurve, paintParticles, particles} from "./layers/index.ts";
import {svgColor} from "./layers/conventions.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  data: boolean(true, "show held-out data (orange) behind the model's samples")
};

export type CnfTrainState = Values<typeof state>;

/** What a static view shows before anything trained (print, speaker previews): the data alone. */
export type CnfTrainStill = {still: true; data: Float32Array; entropy: number};
type Frame = CnfTrainFrame | CnfTrainStill;

const isLive = (frame: Frame | undefined): frame is CnfTrainFrame => frame !== undefined && !("still" in frame);

/** The samples panel (square) and, beside it, the loss panel over the time-per-step strip: 300 + 24 + 300 px wide. */
const SAMPLES = 300;
const LOSS: readonly [number, number] = [310, 230];
const TIME: readonly [number, number] = [310, 170];
/** Must match the task's plane (engine/tasks/cnf-train.ts CNF_EXTENT; not imported: the task module is heavy). */
const EXTENT = [-4, 4, -4, 4] as const;
const STILL_N = 600;

/**
 * A tiny CNF trained live by maximum likelihood (slide D3.17) in the engine worker: each step solves RK4 backward from
 * a batch of data to the noise with the exact divergence and backpropagates through the steps. The samples panel
 * shows fixed noise points pushed through the current model over held-out data; beside it the loss (mean −log p̂₁ of
 * each batch) above the data's entropy H(q), and the wall-clock of one step, measured in the worker.
 */
export const cnfTrain: DemoSpec<typeof cnfTrainOptions, typeof state, Frame> = {
  id: "cnf-train",
  description: "a tiny CNF trained live by maximum likelihood: loss above H(q), time per step, and the model's samples",
  options: cnfTrainOptions,
  state,
  controls: ["dataset", "steps", "lr", "data"],
  player: true,
  task: (options) => ({task: "cnf-train", options}),
  examples: [
    {name: "moons", options: {dataset: "ffjord-moons"}},
    {name: "checkerboard, 4 steps", options: {dataset: "ffjord-checkerboard", steps: "4"}}
  ],
  snapshot(o) {
    const q = dataset(o.dataset);
    return {still: true, data: new Float32Array(q.sample(STILL_N, rng(o.seed + 15485863))), entropy: q.entropy ?? NaN};
  },
  render(frame, o) {
    const samples = figure({
      label: `samples of a CNF trained by maximum likelihood on ${o.dataset}`,
      size: [SAMPLES, SAMPLES],
      equal: true,
      marginTop: 6,
      marginBottom: 6,
      marginLeft: 6,
      marginRight: 6,
      x: {domain: [EXTENT[0], EXTENT[1]], axis: null},
      y: {domain: [EXTENT[2], EXTENT[3]], axis: null},
      marks: [
        Plot.frame({stroke: svgColor("muted"), strokeOpacity: 0.4}),
        // A still has no canvas that changes over time: its points are drawn here.
        frame && !isLive(frame) ? particles(frame.data, {color: "target", symbol: "diamond", r: 2, opacity: 0.6}) : null
      ]
    });
    const right = document.createElement("div");
    right.className = "demo-stack";
    right.append(lossPanel(frame), timePanel(frame, o));
    const panels = document.createElement("div");
    panels.className = "demo-panels";
    // row-reverse: the samples (the SVG the canvas covers, the last direct child) sit on the left.
    panels.append(right, samples);
    return panels;
  },
  renderKeys: [],
  paint(layer, frame, _o, {data}) {
    if (!isLive(frame)) return;
    if (data)
      paintParticles(layer, frame.data, {color: "target", symbol: "diamond", r: 2, opacity: 0.35, method: "pixels"});
    paintParticles(layer, frame.samples, {color: "model", r: 2, method: "pixels"});
  },
  describe(frame, o) {
    const what = `a CNF (u_θ: 2 hidden layers of 64, ${o.activation}) trained by maximum likelihood on ${o.dataset} with ${o.steps} RK4 steps`;
    if (!isLive(frame))
      return `${what}: training runs live on the slide; the data's entropy H(q) is ${fmt(frame?.entropy)} nats`;
    const {steps, total} = frame.progress;
    return (
      `${what}: step ${steps} of ${total}, batch loss ${fmt(frame.lossValues.at(-1))} nats above the floor ` +
      `H(q) = ${fmt(frame.entropy)}; one step takes ${msText(frame)} ms (${4 * o.steps} field evaluations with ` +
      `their divergence, then backprop through them)`
    );
  }
};

const fmt = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits));

/** The newest measured time of one step, in ms, rounded for reading. */
function msText(frame: CnfTrainFrame): string {
  const ms = frame.msPerStep.at(-1);
  return ms === undefined ? "–" : ms >= 100 ? ms.toFixed(0) : ms.toPrecision(2);
}

/** The batch loss against step, its floor H(q), and the step count above. */
function lossPanel(frame: Frame | undefined): Element {
  const live = isLive(frame) ? frame : undefined;
  const floor = frame?.entropy ?? NaN;
  const steps = live?.lossSteps ?? new Float64Array(0);
  const losses = live?.lossValues ?? new Float64Array(0);
  // The first batches of an untrained model sit far above the rest: the axis stops 2.5 nats above the floor.
  const top = Number.isFinite(floor) ? floor + 2.5 : Math.max(...losses, 1);
  const bottom = Number.isFinite(floor) ? floor - 0.4 : Math.min(...losses, 0);
  const readout = live ? `step ${live.progress.steps}` : frame ? "trains live on the slide" : "starting…";
  return figure({
    label: "loss (mean negative log-likelihood of a batch, nats) against step, above the data's entropy",
    size: LOSS,
    marginTop: 40,
    marginRight: 16,
    marginLeft: 70,
    marginBottom: 44,
    x: {label: "step", domain: [0, Math.max(live?.progress.steps ?? 0, 50)], ticks: 3},
    y: {label: "NLL (nats)", domain: [bottom, top], ticks: 3},
    marks: [
      steps.length > 0
        ? lossCurve(
            steps,
            Array.from(losses, (v) => Math.min(v, top)),
            Number.isFinite(floor) ? {floor, floorLabel: `H(q) ${floor.toFixed(2)}`} : {}
          )
        : Number.isFinite(floor)
          ? lossCurve([0], [NaN], {floor, floorLabel: `H(q) ${floor.toFixed(2)}`})
          : null,
      Plot.text([readout], {frameAnchor: "top-left", dy: -32, fontSize: 20, lineAnchor: "top"}),
      live
        ? Plot.text([`L = ${fmt(live.lossValues.at(-1))}`], {
            frameAnchor: "top-right",
            dy: -32,
            fontSize: 20,
            lineAnchor: "top",
            fill: svgColor("model")
          })
        : null
    ]
  });
}

/** The measured wall-clock of one training step (ms) against step. */
function timePanel(frame: Frame | undefined, o: CnfTrainOptions): Element {
  const live = isLive(frame) ? frame : undefined;
  const steps = live?.timeSteps ?? new Float64Array(0);
  const ms = live?.msPerStep ?? new Float64Array(0);
  const top = ms.length > 0 ? 1.2 * Math.max(...ms) : 500;
  return figure({
    label: "wall-clock milliseconds of one training step, measured in the worker",
    size: TIME,
    marginTop: 34,
    marginRight: 16,
    marginLeft: 70,
    marginBottom: 44,
    x: {label: "step", domain: [0, Math.max(live?.progress.steps ?? 0, 50)], ticks: 3},
    y: {label: "ms", labelAnchor: "top", domain: [0, top], ticks: 2, tickFormat: "~s"},
    marks: [
      ms.length > 0
        ? Plot.line(
            Array.from(ms, (v, i) => [steps[i]!, v] as const),
            {
              x: (d) => d[0],
              y: (d) => d[1],
              stroke: svgColor("muted"),
              strokeWidth: 2
            }
          )
        : null,
      Plot.text([live ? `${msText(live)} ms per step` : `${4 * o.steps} evaluations a step`], {
        frameAnchor: "top-left",
        dy: -28,
        fontSize: 20,
        lineAnchor: "top"
      })
    ]
  });
}

export default cnfTrain;
