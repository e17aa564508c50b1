import * as Plot from "@observablehq/plot";
import {maybeDataset} from "../engine/data/registry.ts";
import {boolean, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {reflowOptions} from "../engine/tasks/reflow-options.ts";
import type {ReflowFrame} from "../engine/tasks/reflow.ts";
import {
  energyBars,
  figure,
  paddedExtent,
  paintParticles,
  paintTrajectories,
  particles,
  type Extent
} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {shippedCaption, shippedFlowStill, type ShippedFlowStill} from "./still/shipped-flow.ts";
import {shippedMarks} from "./still/shipped-marks.ts";

const state = {
  onestep: boolean(false, "show the samples of one Euler step instead of the paths"),
  data: boolean(true, "show target points behind the samples")
};

/** Before anything trained (print view, previews): the source and the target, drawn on the page. */
export type ReflowStill = Pick<ReflowFrame, "source" | "heldOut"> & {still: true};
/** Print and previews: the shipped 2-RF (N(0, I) → moons), its paths and its samples of one Euler step. */
export type ReflowShippedStill = ShippedFlowStill & {oneStep: Float32Array};
type Frame = ReflowFrame | ReflowStill | ReflowShippedStill;

const isLive = (frame: Frame | undefined): frame is ReflowFrame => frame !== undefined && !("still" in frame);
const isShipped = (frame: Frame | undefined): frame is ReflowShippedStill => frame !== undefined && "shipped" in frame;

/** The samples panel and the bars beside it: together the `layout-figure` column (600 × 460). */
const PANEL: readonly [number, number] = [360, 360];
const BARS: readonly [number, number] = [240, 360];
const STILL_N = 400;
/** Numbers per stage in `summaries`. */
const STRIDE = 5;

/** One finished stage as the figure reads it. */
export interface StageRow {
  name: string;
  energy: number;
  displacement: number;
  straightness: number;
  oneStepError: number;
}

/** The finished stages of a frame, named 1-RF, 2-RF, 3-RF. */
export function stageRows(summaries: Float64Array): StageRow[] {
  const rows: StageRow[] = [];
  for (let k = 0; k + STRIDE <= summaries.length; k += STRIDE) {
    rows.push({
      name: `${summaries[k]}-RF`,
      energy: summaries[k + 1]!,
      displacement: summaries[k + 2]!,
      straightness: summaries[k + 3]!,
      oneStepError: summaries[k + 4]!
    });
  }
  return rows;
}

/**
 * Rectified flow and reflow trained live in the worker (D4.18): 1-rectified flow (I-CFM with σ = 0), then up to two
 * reflow stages trained on the previous model's own ODE pairs. After each stage: its trajectories (or its samples of
 * one Euler step), and a stacked bar per stage, the path energy ℰ split into the squared displacement E|Z₁ − Z₀|² and
 * the straightness S = ℰ − E|Z₁ − Z₀|², with the one-step error under it. While a stage trains, dashed pair lines
 * (the `pairs` demo's style) show what it learns from: independent pairs that cross for 1-RF, then the straight
 * chords (Z₀, Z₁) joining the two ends of the previous model's trajectories, which cross far less.
 */
export const reflow: DemoSpec<typeof reflowOptions, typeof state, Frame> = {
  id: "reflow",
  description: "rectified flow, then reflow: trajectories, one-step samples, and ℰ = E|Z₁ − Z₀|² + S per stage",
  options: reflowOptions,
  state,
  controls: ["reflows", "onestep", "data"],
  player: true,
  task: (options) => ({task: "reflow", options}),
  snapshot({source, target, seed}) {
    const random = rng(seed + 12345);
    const draw = (name: string) => new Float32Array(maybeDataset(name).sample(STILL_N, random));
    return {still: true, source: draw(source), heldOut: draw(target)};
  },
  async still() {
    const [paths, one] = await Promise.all([
      shippedFlowStill("rf2"),
      shippedFlowStill("rf2", {solver: "euler", steps: 1, paths: 0})
    ]);
    return {...paths, oneStep: one.samples};
  },
  render(frame, options, {onestep, data}) {
    const [xmin, xmax, ymin, ymax] = extentOf(frame);
    const samples = figure({
      label: `rectified flow from ${options.source} to ${options.target}`,
      size: PANEL,
      equal: true,
      marginBottom: 30,
      marginLeft: 44,
      x: {domain: [xmin, xmax], label: null, ticks: 3},
      y: {domain: [ymin, ymax], label: null, ticks: 3},
      marks: isShipped(frame)
        ? [
            ...(onestep
              ? [data ? particles(frame.heldOut, {color: "target", symbol: "diamond", r: 2, opacity: 0.35}) : null]
              : shippedMarks(frame, {data})),
            onestep ? particles(frame.oneStep, {color: "model", r: 2}) : null,
            Plot.text([shippedCaption(frame)], {frameAnchor: "top-left", dx: 6, dy: 4, fontSize: 18})
          ]
        : frame && !isLive(frame)
          ? [
              particles(frame.source, {color: "source", r: 2}),
              particles(frame.heldOut, {color: "target", symbol: "diamond", r: 2})
            ]
          : [
              Plot.text([headline(frame, options.reflows)], {frameAnchor: "top-left", dx: 6, dy: 4, fontSize: 20}),
              Plot.text([pairsLine(frame)], {frameAnchor: "top-left", dx: 6, dy: 30, fontSize: 16})
            ]
    });
    const panels = document.createElement("div");
    panels.className = "demo-panels";
    // .demo-panels lays its children out right to left: the samples come out on the left.
    panels.append(bars(frame, options.reflows), samples);
    return panels;
  },
  renderKeys: [],
  paint(layer, frame, _options, {onestep, data}) {
    if (!isLive(frame)) return;
    if (data)
      paintParticles(layer, frame.heldOut, {color: "target", symbol: "diamond", r: 2, opacity: 0.3, method: "pixels"});
    const pairs = frame.pairs && frame.pairCount ? frame.pairs : undefined;
    if (!frame.trajectories || !frame.pathCount || !frame.oneStep) {
      paintParticles(layer, frame.source, {color: "source", r: 2, opacity: pairs ? 0.4 : 1, method: "pixels"});
    } else if (onestep) {
      paintParticles(layer, frame.oneStep, {color: "model", r: 2, method: "pixels"});
      return;
    } else {
      // Under the next stage's pairs the trajectories fade: the pair lines join their two ends.
      const opacity = pairs ? 0.35 : 0.6;
      paintTrajectories(layer, frame.trajectories, frame.pathCount, {kind: "model", ends: !pairs, opacity});
    }
    if (pairs)
      paintTrajectories(layer, pairs, frame.pairCount!, {kind: "conditional", strokeWidth: 1.6, opacity: 0.75});
  },
  describe(frame, options) {
    const what = `rectified flow from ${options.source} to ${options.target} with ${options.reflows} reflow stage(s)`;
    if (isShipped(frame)) return `${what}: ${stillText(frame)}; training runs live on the slide`;
    if (!isLive(frame)) return `${what}: the source and the target; training runs live on the slide`;
    const rows = stageRows(frame.summaries).map(
      (r) =>
        `${r.name}: path energy ${r.energy.toFixed(2)}, squared displacement ${r.displacement.toFixed(2)}, ` +
        `straightness ${r.straightness.toFixed(2)}, one-step error ${r.oneStepError.toFixed(3)}`
    );
    const pairs = frame.pairCount ? `; ${pairsLine(frame)}` : "";
    return `${what}: ${headline(frame, options.reflows)}${pairs}${rows.length ? "; " + rows.join("; ") : ""}`;
  }
};

/** What the dashed lines are, while a stage trains (empty once done). */
function pairsLine(frame: ReflowFrame | undefined): string {
  if (!frame?.pairCount) return "";
  return frame.stage === 1
    ? "dashed: independent pairs (Z₀, Z₁)"
    : `dashed: pairs (Z₀, Z₁), Z₁ = ODE of ${frame.stage - 1}-RF`;
}

function headline(frame: ReflowFrame | undefined, reflows: number): string {
  if (!frame) return "starting…";
  if (frame.phase === "done") return `done: ${reflows + 1}-RF`;
  return `training ${frame.stage}-RF: step ${frame.progress.steps} of ${frame.progress.total}`;
}

/**
 * Stacked bars per finished stage (demos/layers/energy-bars.ts): E|Z₁ − Z₀|² (light grey) under S (dark red,
 * outlined), their sum the path energy ℰ, named by a key of swatches; under each bar
 * "err": the mean distance of one Euler step from the accurate solution.
 */
function bars(frame: Frame | undefined, reflows: number): Element {
  const rows = isLive(frame) ? stageRows(frame.summaries) : [];
  const waiting = isShipped(frame)
    ? [Plot.text(["bars: measured\nlive on the slide"], {frameAnchor: "middle", fontSize: 18})]
    : [];
  const names = Array.from({length: reflows + 1}, (_, k) => `${k + 1}-RF`);
  const top = Math.max(1, ...rows.map((r) => r.energy));
  return figure({
    label: "path energy per stage, split into squared displacement and straightness",
    size: BARS,
    marginLeft: 50,
    marginBottom: 64,
    marginTop: 40,
    x: {domain: names, label: null, type: "band", padding: 0.3},
    y: {domain: [0, top * 1.15], label: null, ticks: 4},
    marks: [
      energyBars(
        rows.map((r) => ({label: r.name, displacement: r.displacement, energy: r.energy})),
        {key: {dx: -40, dy: -30}}
      ),
      Plot.text(rows, {
        x: "name",
        y: "energy",
        text: (r: StageRow) => `S ${r.straightness.toFixed(2)}`,
        dy: -12,
        fontSize: 18
      }),
      Plot.text(rows, {
        x: "name",
        text: (r: StageRow) => `err ${r.oneStepError.toFixed(2)}`,
        frameAnchor: "bottom",
        dy: 44,
        fontSize: 16
      }),
      ...waiting
    ]
  });
}

/** What a shipped still shows, in words. */
function stillText(frame: ReflowShippedStill): string {
  return `${shippedCaption(frame)}, its paths (${frame.steps} ${frame.solver} steps) and its samples of one Euler step`;
}

/** A box holding both ends' points, with a margin. */
function extentOf(frame: Frame | undefined): Extent {
  return frame ? paddedExtent([frame.source, frame.heldOut]) : [-4, 4, -4, 4];
}

export type ReflowState = Values<typeof state>;

export default reflow;
