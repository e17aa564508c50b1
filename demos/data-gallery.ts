import * as Plot from "@observablehq/plot";
import {boolean, choice, type Values} from "../engine/options/schema.ts";
import {dataGalleryOptions, MODEL_DATASET, type DataGalleryOptions} from "../engine/tasks/data-gallery-options.ts";
import {dataGalleryJob, type DataGalleryFrame} from "../engine/tasks/data-gallery.ts";
import {figure, particles} from "./layers/index.ts";
import {svgColor} from "./layers/conventions.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  view: choice(
    ["data", "model", "copies"],
    "data",
    "what is drawn over the training points: fresh data, samples of a trained model, or copies (the exact field of the training points)"
  ),
  nearest: boolean(false, "a line from each point to its nearest training point")
};

export type DataGalleryState = Values<typeof state>;

const names = {data: "new data", model: "model", copies: "copies"} as const;
const colors = {data: "muted", model: "model", copies: "marginal"} as const;

/** The points a view draws and their nearest training points (empty when the view has none). */
export function viewOf(f: DataGalleryFrame, view: DataGalleryState["view"]) {
  if (view === "model") return {points: f.model, nearest: f.modelNearest, distance: f.modelDistance};
  if (view === "copies") return {points: f.copies, nearest: f.copiesNearest, distance: f.copiesDistance};
  return {points: f.fresh, nearest: f.freshNearest, distance: f.freshDistance};
}

const fmt = (d: number) => (Number.isFinite(d) ? d.toFixed(3) : "–");

/** The readout: the mean distance to the nearest training point of each sample. */
export function readoutOf(f: DataGalleryFrame, o: DataGalleryOptions): string {
  const what = o.dataset === "drawn" ? `${f.n} drawn points` : `N = ${f.n} training points of ${o.dataset}`;
  const model = f.hasModel ? fmt(f.modelDistance) : "–";
  const copies = f.computed < f.steps ? "…" : fmt(f.copiesDistance);
  return `${what}\nmean distance to the nearest training point:\nnew data ${fmt(f.freshDistance)} · model ${model} · copies ${copies}`;
}

function noteOf(f: DataGalleryFrame, o: DataGalleryOptions, view: DataGalleryState["view"]): string | undefined {
  if (view === "model" && !f.hasModel) {
    return o.dataset === MODEL_DATASET
      ? "model samples are computed live (in the deck)"
      : `the shipped model was trained on ${MODEL_DATASET}`;
  }
  if (view === "data" && f.fresh.length === 0) return "a drawing has no fresh data";
  return undefined;
}

/**
 * What generative modelling asks: N training points of an unknown q, and what a model's samples should look like.
 * Over the training points (orange diamonds) it draws fresh data from the same q, samples of the I-CFM model this
 * project trained (engine/weights/i-cfm.json, TorchCFM moons only), or "copies": samples of the exact flow-matching
 * field of the training points, which land on them. Lines to each point's nearest training point and the mean
 * distance tell generalizing (as far as fresh data) from memorizing (distance ≈ 0).
 */
export const dataGallery: DemoSpec<typeof dataGalleryOptions, typeof state, DataGalleryFrame> = {
  id: "data-gallery",
  description:
    "training points of a dataset (or a drawing) against fresh data, a trained model's samples and the exact field's copies, with nearest-training-point lines",
  options: dataGalleryOptions,
  state,
  controls: ["dataset", "n", "noise", "view", "nearest"],
  sketch: {option: "points", set: {dataset: "drawn"}, max: 300},
  task: (options) => ({task: "data-gallery", options}),
  snapshot(options) {
    // The page's still: no model (its weights and kernels live in the worker), the rest computed in full.
    const job = dataGalleryJob(options);
    for (;;) {
      const slice = job.run(1000);
      if (slice.done) return slice.frame!;
    }
  },
  examples: [
    {name: "model samples, nearest lines", state: {view: "model", nearest: "true"}},
    {name: "copies, nearest lines", state: {view: "copies", nearest: "true"}},
    {name: "checkerboard with new data", options: {dataset: "checkerboard", n: "400"}, state: {nearest: "true"}}
  ],
  render(frame, options, {view, nearest}) {
    const e = frame?.extent ?? [-3, 3, -3, 3];
    const marks: Plot.Markish[] = [Plot.frame({stroke: svgColor("muted"), strokeOpacity: 0.4})];
    if (frame) {
      const shown = viewOf(frame, view);
      const m = shown.points.length / 2;
      const lines = nearest && shown.nearest.length === m;
      if (lines) {
        marks.push(
          Plot.link(
            Array.from({length: m}, (_, i) => i),
            {
              x1: (i: number) => shown.points[2 * i],
              y1: (i: number) => shown.points[2 * i + 1],
              x2: (i: number) => frame.training[2 * shown.nearest[i]!],
              y2: (i: number) => frame.training[2 * shown.nearest[i]! + 1],
              stroke: svgColor("ink"),
              strokeOpacity: 0.6,
              strokeWidth: 1.2
            }
          )
        );
      }
      marks.push(particles(frame.training, {color: "target", symbol: "diamond", r: 3.5, opacity: 0.8}));
      if (m > 0) marks.push(particles(shown.points, {color: colors[view], symbol: "circle", r: 2.6, opacity: 0.9}));
      const note = noteOf(frame, options, view);
      marks.push(
        Plot.text([readoutOf(frame, options) + (note ? `\n${note}` : "")], {
          frameAnchor: "top-left",
          dy: -92,
          lineAnchor: "top",
          lineHeight: 1.15,
          fontSize: 20,
          clip: false
        })
      );
    }
    return figure({
      label: `training points and ${names[view]}`,
      description: frame ? describeFrame(frame, options, view) : undefined,
      size: [560, 420],
      marginTop: 96,
      equal: true,
      clip: true,
      x: {domain: [e[0]!, e[1]!], label: null},
      y: {domain: [e[2]!, e[3]!], label: null},
      marks
    });
  },
  describe(frame, options, {view}) {
    return frame ? describeFrame(frame, options, view) : `training points of ${options.dataset}`;
  }
};

function describeFrame(f: DataGalleryFrame, o: DataGalleryOptions, view: DataGalleryState["view"]): string {
  return (
    `${f.n} training points (orange diamonds) with ${names[view]} drawn over them. ` +
    readoutOf(f, o).replaceAll("\n", " ") +
    ". Copies of the exact field sit on training points; a model that generalizes sits about as far from them as new data."
  );
}

export default dataGallery;
