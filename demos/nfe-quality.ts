import * as Plot from "@observablehq/plot";
import {maybeDataset} from "../engine/data/registry.ts";
import {boolean, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {
  curveSteps,
  evaluationsPerStep,
  nfeComparisons,
  nfeQualityOptions
} from "../engine/tasks/nfe-quality-options.ts";
import type {NfeQualityFrame} from "../engine/tasks/nfe-quality.ts";
import {shippedLabel, type ShippedName} from "../engine/weights/names.ts";
import {figure, paintParticles, paintTrajectories, particles} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {shippedCaption, shippedFlowStill, type ShippedFlowStill} from "./still/shipped-flow.ts";
import {shippedMarks} from "./still/shipped-marks.ts";

const state = {
  paths: boolean(true, "draw the paths of a few samples, one segment per solver step"),
  data: boolean(true, "show the held-out data behind the samples")
};

/** Before the first frame (and in print, with no worker): the held-out data alone. */
export type NfeQualityStill = {still: true; heldOut: Float32Array};
type Frame = NfeQualityFrame | NfeQualityStill | ShippedFlowStill;
const isLive = (f: Frame | undefined): f is NfeQualityFrame => f !== undefined && !("still" in f);

const CURVES: readonly [number, number] = [760, 300];
const PANEL = 300;
/** The samples panel is wider than tall: the moons are, and the axes keep equal units. */
const PANEL_WIDTH = 420;
/** The samples panel's box (the moons and the source's spread fit in it). */
const BOX = [-4.6, 6.2, -3.6, 3.6] as const;
/** NFE axis: 1 to 4 × 100. */
const NFE_DOMAIN = [1, 400];

/**
 * Sampling a trained flow-matching model: the shipped models (engine/weights) push the same seeded N(0, I) points
 * through their learned field with Euler, midpoint or RK4; W2 to held-out data against the number of field
 * evaluations, one curve per model (the chosen one in the model colour), the chosen model's samples and paths at the
 * chosen steps, and its path energy, squared displacement and straightness S.
 */
export const nfeQuality: DemoSpec<typeof nfeQualityOptions, typeof state, Frame> = {
  id: "nfe-quality",
  description: "sample quality (W2 to held-out data) against NFE for the shipped FM models, with samples and paths",
  options: nfeQualityOptions,
  state,
  controls: ["steps", "solver", "model", "paths"],
  check(o) {
    const names: readonly string[] = nfeComparisons[o.compare];
    if (!names.includes(o.model)) {
      throw new RangeError(`invalid model: ${o.model} is not drawn by compare ${o.compare} (${names.join(", ")})`);
    }
  },
  task: (options) => ({task: "nfe-quality", options}),
  snapshot({n}) {
    return {still: true, heldOut: new Float32Array(maybeDataset("torchcfm-moons").sample(n, rng(1)))};
  },
  still: (options) => nfeStill(options),
  render(frame, options, state) {
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural";
    const samples = figure({
      label: `samples of ${shippedLabel(options.model)} after ${options.steps} ${options.solver} steps`,
      size: [PANEL_WIDTH, PANEL],
      equal: true,
      x: {domain: [BOX[0], BOX[1]], label: null, ticks: 5},
      y: {domain: [BOX[2], BOX[3]], label: null, ticks: 5},
      marks: stillMarks(frame, state)
    });
    panels.append(curvesPanel(frame, options), samples);
    return panels;
  },
  renderKeys: [],
  paint(layer, frame, _options, {paths, data}) {
    if (!isLive(frame)) return;
    if (data) paintParticles(layer, frame.heldOut, {color: "target", r: 2, opacity: 0.3, method: "pixels"});
    if (paths) paintTrajectories(layer, frame.trajectories, frame.pathCount, {kind: "model", ends: true, opacity: 0.5});
    paintParticles(layer, frame.samples, {color: "model", r: 2, method: "pixels"});
  },
  describe(frame, options) {
    const nfe = options.steps * evaluationsPerStep[options.solver];
    const what = `${shippedLabel(options.model)} sampled with ${options.steps} ${options.solver} steps (NFE ${nfe})`;
    if (!isLive(frame)) return `${what}: ${stillReadout(frame, options).join("; ")}`;
    const curves = frame.models.map((m, i) => `${shippedLabel(m as ShippedName)} ${curveText(frame, i)}`).join("; ");
    return (
      `${what}: W2 to held-out data ${fixed(frame.w2, 3)}, floor ${fixed(frame.w2Floor, 3)}; ` +
      `path energy ${fixed(frame.energy, 2)}, E|x1 − x0|² ${fixed(frame.displacement, 2)}, ` +
      `S ${fixed(frame.straightness, 3)}. W2 at NFE ${Array.from(frame.nfe).join(", ")}: ${curves}`
    );
  },
  examples: [
    {name: "VP vs OT path, 4 Euler steps", options: {compare: "vp-vs-ot", model: "lipman"}},
    {name: "2-RF, one Euler step", options: {model: "rf2", steps: "1"}}
  ]
};

/** A measured number with `digits` decimals, or … while it is still being measured. */
function fixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : "…";
}

function curveText(frame: NfeQualityFrame, i: number): string {
  const row = frame.curves.subarray(i * curveSteps.length, (i + 1) * curveSteps.length);
  return Array.from(row, (v) => (Number.isFinite(v) ? v.toFixed(2) : "…")).join(", ");
}

/** W2 against NFE (log), a line per model, the floor dashed, the chosen point ringed, the readout above. */
function curvesPanel(frame: Frame | undefined, o: Values<typeof nfeQualityOptions>): Element {
  const live = isLive(frame) ? frame : undefined;
  const nfe = o.steps * evaluationsPerStep[o.solver];
  const marks: Plot.Markish[] = [];
  let top = 3;
  if (live) {
    const rows = live.models.map((m, i) => ({
      model: m,
      chosen: m === o.model,
      points: Array.from(live.nfe, (x, j) => ({x, y: live.curves[i * curveSteps.length + j]!})).filter((p) =>
        Number.isFinite(p.y)
      )
    }));
    top = Math.max(1, ...rows.flatMap((r) => r.points.map((p) => p.y))) * 1.08;
    // Others first (grey), the chosen model last (on top, in the model colour).
    for (const r of [...rows.filter((r) => !r.chosen), ...rows.filter((r) => r.chosen)]) {
      const stroke = r.chosen ? "var(--fd-model)" : "var(--fd-muted)";
      marks.push(
        Plot.line(r.points, {
          x: "x",
          y: "y",
          stroke,
          strokeWidth: r.chosen ? 3.5 : 2,
          strokeOpacity: r.chosen ? 1 : 0.7
        })
      );
      marks.push(Plot.dot(r.points, {x: "x", y: "y", fill: stroke, r: r.chosen ? 4 : 3}));
    }
    // Direct labels at each curve's first point (where the curves are furthest apart).
    const starts = rows
      .filter((r) => r.points.length > 0)
      .map((r) => ({...r.points[0]!, text: shippedLabel(r.model as ShippedName), chosen: r.chosen}));
    // A label is ~20 px tall and the frame's inner height ~170 px: keep neighbours that far apart, none below 0.
    stack(starts, top * (20 / 170), top * 0.04);
    for (const chosen of [false, true]) {
      const color = chosen ? "var(--fd-model)" : "var(--fd-muted)";
      marks.push(
        Plot.text(
          starts.filter((d) => d.chosen === chosen),
          {
            x: "x",
            y: "y",
            text: "text",
            dx: 10,
            textAnchor: "start",
            fontSize: 18,
            fill: color,
            fontWeight: chosen ? 700 : 400,
            // A halo in the background colour keeps a label readable where it crosses a curve.
            stroke: "var(--fd-bg)",
            strokeWidth: 5,
            paintOrder: "stroke"
          }
        )
      );
    }
    const floor = Number.isFinite(live.w2Floor) ? [live.w2Floor] : [];
    marks.push(
      Plot.ruleY(floor, {stroke: "var(--fd-muted)", strokeDasharray: "6 4", strokeWidth: 1.5}),
      Plot.text(
        floor.map((y) => ({x: NFE_DOMAIN[1], y})),
        {
          x: "x",
          y: "y",
          text: () => "floor",
          dy: -12,
          textAnchor: "end",
          fontSize: 18,
          fill: "var(--fd-muted)"
        }
      ),
      Plot.dot([{x: nfe, y: live.w2}], {
        x: "x",
        y: "y",
        r: 9,
        stroke: "var(--fd-model)",
        strokeWidth: 2.5,
        fill: "none"
      })
    );
  }
  const readout = live
    ? [
        `NFE ${nfe}: W2 ${fixed(live.w2, 3)} · floor ${fixed(live.w2Floor, 3)}`,
        `ℰ ${fixed(live.energy, 2)} · E‖x₁−x₀‖² ${fixed(live.displacement, 2)} · S ${fixed(live.straightness, 3)}`
      ]
    : stillReadout(frame, o);
  marks.push(
    Plot.text([readout.join("\n")], {
      frameAnchor: "top-left",
      dy: -66,
      fontSize: 20,
      lineAnchor: "top",
      lineHeight: 1.25
    })
  );
  return figure({
    label: "W2 to held-out data against the number of field evaluations, one curve per model",
    size: CURVES,
    marginTop: 76,
    marginRight: 24,
    x: {
      type: "log",
      domain: NFE_DOMAIN,
      label: "NFE (field evaluations)",
      ticks: [1, 4, 16, 100, 400],
      tickFormat: (v: number) => String(v)
    },
    y: {domain: [0, top], label: "W2", ticks: 5},
    marks
  });
}

/**
 * Places labels (sorted by y) upwards from `floor`: each at its own y or `gap` above the one below it, whichever is
 * higher (the curves' first points bunch near the bottom: pushing the lower ones down would put them under the axis).
 */
function stack(labels: {y: number}[], gap: number, floor: number): void {
  labels.sort((a, b) => a.y - b.y);
  let below = floor - gap;
  for (const label of labels) {
    label.y = Math.max(label.y, below + gap);
    below = label.y;
  }
}

// ---- the static view (print, speaker previews): the chosen shipped model's samples, computed on the page ----

/** Points of a still: at most 200, fewer when the solver takes many evaluations (≈ 3200 point-evaluations in all). */
function stillPoints(nfe: number): number {
  return Math.max(40, Math.min(200, Math.floor(3200 / nfe)));
}

/** The chosen model pushed with the chosen solver and steps (the curves themselves are measured live only). */
export function nfeStill(o: Values<typeof nfeQualityOptions>): Promise<ShippedFlowStill> {
  const nfe = o.steps * evaluationsPerStep[o.solver];
  return shippedFlowStill(o.model, {solver: o.solver, steps: o.steps, n: stillPoints(nfe), paths: 30});
}

function stillMarks(frame: Frame | undefined, {paths, data}: Values<typeof state>): Plot.Markish[] {
  if (frame && "shipped" in frame) return shippedMarks(frame, {paths, data});
  return frame && !isLive(frame) ? [particles(frame.heldOut, {color: "target", symbol: "diamond", r: 2})] : [];
}

function stillReadout(frame: Frame | undefined, o: Values<typeof nfeQualityOptions>): string[] {
  if (!frame) return ["loading the shipped models…"];
  const measured = "W2 against NFE is measured live on the slide";
  if (!("shipped" in frame)) return [measured];
  const points = frame.samples.length / 2;
  return [`${shippedCaption(frame)}: ${points} samples, ${o.steps} ${o.solver} steps`, measured];
}

export type NfeQualityState = Values<typeof state>;

export default nfeQuality;
