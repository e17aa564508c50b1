import * as Plot from "@observablehq/plot";
import {maybeDataset} from "../engine/data/registry.ts";
import {boolean, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {fmTrainOptions, type FmTrainOptions} from "../engine/tasks/fm-train-options.ts";
import type {FmTrainFrame} from "../engine/tasks/fm-train.ts";
import {
  figure,
  lossCurve,
  paddedExtent,
  paintParticles,
  paintTrajectories,
  particles,
  type Extent
} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {shippedCaption, shippedFlowStill, type ShippedFlowStill} from "./still/shipped-flow.ts";
import {shippedMarks} from "./still/shipped-marks.ts";
import type {ShippedName} from "../engine/weights/names.ts";

const state = {
  paths: boolean(true, "draw the paths of a few samples from x₀ to x₁"),
  data: boolean(true, "show held-out data behind the samples")
};

/** What a static view shows before anything trained (no worker there): the source and the target, drawn on the page. */
export type FmTrainStill = Pick<FmTrainFrame, "source" | "heldOut"> & {still: true};
type Frame = FmTrainFrame | FmTrainStill | ShippedFlowStill;

const isLive = (frame: Frame | undefined): frame is FmTrainFrame => frame !== undefined && !("still" in frame);
const isShipped = (frame: Frame | undefined): frame is ShippedFlowStill => frame !== undefined && "shipped" in frame;

/**
 * The shipped model (engine/weights, N(0, I) → moons) a static view shows for a method, where one was trained by it;
 * the other methods' stills show the data only.
 */
export const shippedForMethod: Partial<Record<string, ShippedName>> = {
  "ot-cfm": "ot-cfm",
  "i-cfm": "i-cfm",
  lipman: "lipman",
  "vp-diffusion": "vp-diffusion"
};

/** A dataset's name as a caption says it ("8 Gaussians", "moons"). */
const datasetWords = (name: string) =>
  /8gaussians/.test(name) ? "8 Gaussians" : /moons/.test(name) ? "moons" : name === "normal" ? "N(0, I)" : name;

/** Square panel of the samples, and the strip of the loss curve beside it. */
const PANEL = 480;
const STRIP: readonly [number, number] = [600, 340];
/** Points a static view draws of each side. */
const STILL_N = 500;

/**
 * A flow-matching model training live in the engine worker: the loss curve falls while samples pushed through the
 * current model (an EMA of its weights) move onto the data; at the end, the W2 of 1000 samples to held-out data next
 * to the W2 floor of two data samples of the same size, both computed.
 */
export const fmTrain: DemoSpec<typeof fmTrainOptions, typeof state, Frame> = {
  id: "fm-train",
  description: "a flow-matching model training live: loss curve, samples and paths, and the W2 to held-out data",
  options: fmTrainOptions,
  state,
  controls: ["method", "source", "target", "paths"],
  player: true,
  task: (options) => ({task: "fm-train", options}),
  snapshot({source, target, seed}) {
    const random = rng(seed + 12345);
    const draw = (name: string) => new Float32Array(maybeDataset(name).sample(STILL_N, random));
    return {still: true, source: draw(source), heldOut: draw(target)};
  },
  // Print and the speaker previews: the shipped model of the same method where there is one (a 4-step pass).
  still(options, state) {
    const name = shippedForMethod[options.method];
    return name ? shippedFlowStill(name) : Promise.resolve(this.snapshot!(options, state));
  },
  render(frame, options, {paths, data}) {
    const [xmin, xmax, ymin, ymax] = extentOf(frame);
    const samples = figure({
      label: `samples of a flow-matching model trained from ${options.source} to ${options.target}`,
      size: [PANEL, PANEL],
      equal: true,
      x: {domain: [xmin, xmax], label: null},
      y: {domain: [ymin, ymax], label: null},
      // A still has no canvas to paint on over time: its points are drawn here.
      marks: isShipped(frame)
        ? shippedMarks(frame, {paths, data})
        : frame && !isLive(frame)
          ? [
              particles(frame.source, {color: "source", r: 2}),
              particles(frame.heldOut, {color: "target", symbol: "diamond", r: 2})
            ]
          : []
    });
    const panels = document.createElement("div");
    panels.className = "demo-panels";
    panels.append(lossPanel(frame, options), samples);
    return panels;
  },
  renderKeys: [],
  paint(layer, frame, _options, {paths, data}) {
    if (!isLive(frame)) return;
    // Stamped pixels, not vector arcs: this paints every animation frame while training redraws the loss beside it.
    if (data)
      paintParticles(layer, frame.heldOut, {color: "target", symbol: "diamond", r: 2, opacity: 0.35, method: "pixels"});
    if (!frame.samples) {
      paintParticles(layer, frame.source, {color: "source", r: 2, method: "pixels"});
      return;
    }
    if (paths && frame.trajectories && frame.pathCount) {
      paintTrajectories(layer, frame.trajectories, frame.pathCount, {kind: "model", ends: true, opacity: 0.5});
    }
    paintParticles(layer, frame.samples, {color: "model", r: 2, method: "pixels"});
  },
  describe(frame, options) {
    const what = `flow matching (${options.method}) from ${options.source} to ${options.target}`;
    if (isShipped(frame)) return `${what}: ${stillCaption(frame, options).replaceAll("\n", "; ")}`;
    if (!isLive(frame)) return `${what}: the source and the target; training runs live on the slide`;
    const {steps, total} = frame.progress;
    const w2 =
      frame.w2Floor !== undefined
        ? `; W2 to held-out data ${frame.w2!.toFixed(3)}, floor ${frame.w2Floor.toFixed(3)}`
        : "";
    return `${what}: step ${steps} of ${total}${w2}`;
  }
};

/** A box holding both ends' points, with a margin. */
function extentOf(frame: Frame | undefined): Extent {
  return frame ? paddedExtent([frame.source, frame.heldOut]) : [-4, 4, -4, 4];
}

/** The loss curve with the run's numbers above it: step, and at the end the W2 next to its floor. */
function lossPanel(frame: Frame | undefined, options: FmTrainOptions): Element {
  const live = isLive(frame) ? frame : undefined;
  const steps = live?.lossSteps ?? new Float64Array(0);
  const losses = live?.lossValues ?? new Float64Array(0);
  // A still (print, speaker previews) has trained nothing: the slide trains live when it is shown.
  const readout = live
    ? readoutOf(live)
    : isShipped(frame)
      ? stillCaption(frame, options)
      : frame
        ? `${options.steps} steps train live on the slide`
        : "starting…";
  return figure({
    label: "training loss against step",
    size: STRIP,
    marginTop: 56,
    marginRight: 100,
    x: {label: "step", domain: [0, live?.progress.total ?? options.steps]},
    y: {
      label: "loss",
      type: "log",
      ticks: 4,
      tickFormat: (v: number) => String(Number(v.toPrecision(2))),
      ...(steps.length === 0 ? {domain: [0.1, 10]} : {})
    },
    marks: [
      steps.length > 0 ? lossCurve(steps, losses, {log: true, label: "L_CFM"}) : null,
      Plot.text([readout], {frameAnchor: "top-left", dy: -44, fontSize: 22, lineAnchor: "top"})
    ]
  });
}

/** Which model a still shows, how it was sampled, and what the slide trains instead (three lines). */
export function stillCaption(still: ShippedFlowStill, options: Pick<FmTrainOptions, "source" | "target">): string {
  const live = `${datasetWords(options.source)} → ${datasetWords(options.target)}`;
  const pass = `${still.samples.length / 2} samples, ${still.steps} ${still.solver} steps`;
  return `${shippedCaption(still)}\n${pass}\nthe slide trains ${live} live`;
}

function readoutOf(frame: FmTrainFrame): string {
  if (frame.w2 !== undefined && frame.w2Floor !== undefined) {
    return `W2 ${frame.w2.toFixed(3)}  ·  floor ${frame.w2Floor.toFixed(3)}`;
  }
  if (frame.phase === "evaluating") return "measuring W2 to held-out data…";
  return `step ${frame.progress.steps} of ${frame.progress.total}`;
}

export type FmTrainState = Values<typeof state>;

export default fmTrain;
