import * as Plot from "@observablehq/plot";
import {maybeDataset} from "../engine/data/registry.ts";
import {boolean, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {
  curveSteps,
  evaluationsPerStep,
  isFixedSolver,
  type FixedNfeSolver,
  nfeComparisons,
  nfeQualityOptions
} from "../engine/tasks/nfe-quality-options.ts";
import type {NfeQualityFrame} from "../engine/tasks/nfe-quality.ts";
import {shippedLabel, type ShippedName} from "../engine/weights/names.ts";
import {figure, paintParticles, paintTrajectories, particles} from "./layers/index.ts";
import {dodge} from "./layers/label-dodge.ts";
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
/** The curves frame's top margin (two readout lines) and its inner height (the house margins: bottom 64, inset 6). */
const CURVES_TOP = 76;
const CURVES_INNER = CURVES[1] - CURVES_TOP - 64 - 2 * 6;
/** Curve labels: 18 px text, kept this many pixels apart (centre to centre); the widest ("OT path") is ~70 px. */
const LABEL_GAP = 21;
const LABEL_WIDTH = 90;
/** The house left margin (the NFE axis starts there). */
const CURVES_LEFT = 76;
const PANEL = 300;
/** The samples panel is wider than tall: the moons are, and the axes keep equal units. */
const PANEL_WIDTH = 420;
/** The samples panel's box (the moons and the source's spread fit in it). */
const BOX = [-4.6, 6.2, -3.6, 3.6] as const;
/** NFE axis: 1 to 4 × 100. */
const NFE_DOMAIN = [1, 400];

/**
 * Sampling a trained flow-matching model: the shipped models (engine/weights) push the same seeded N(0, I) points
 * through their learned field with Euler, midpoint, RK4 or Dopri5; W2 to held-out data against the number of field
 * evaluations, one curve per model (the chosen one in the model colour; with a fixed-step solver the chosen model's
 * Dopri5 tolerance sweep dashed beside it, its NFE counted), the chosen model's samples and paths at the chosen steps
 * or tolerance, and its path energy, squared displacement and straightness S.
 */
export const nfeQuality: DemoSpec<typeof nfeQualityOptions, typeof state, Frame> = {
  id: "nfe-quality",
  description: "sample quality (W2 to held-out data) against NFE for the shipped FM models, with samples and paths",
  options: nfeQualityOptions,
  state,
  controls: ["steps", "solver", "tol", "model", "paths"],
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
      label: `samples of ${shippedLabel(options.model)} ${solveText(options)}`,
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
    if (data)
      paintParticles(layer, frame.heldOut, {color: "target", symbol: "diamond", r: 2, opacity: 0.3, method: "pixels"});
    if (paths) paintTrajectories(layer, frame.trajectories, frame.pathCount, {kind: "model", ends: true, opacity: 0.5});
    paintParticles(layer, frame.samples, {color: "model", r: 2, method: "pixels"});
  },
  describe(frame, options) {
    const stepper = isFixedSolver(options.solver) ? options.solver : undefined;
    const live = isLive(frame) ? frame : undefined;
    const nfe = stepper
      ? `NFE ${options.steps * evaluationsPerStep[stepper]}`
      : `NFE ${live ? `${fixedInt(live.chosenNfe)}, counted` : "counted live"}`;
    const what = `${shippedLabel(options.model)} sampled ${solveText(options)} (${nfe})`;
    if (!live) return `${what}: ${stillReadout(frame, options).join("; ")}`;
    const label = (i: number) => shippedLabel(live.models[i] as ShippedName);
    const curves = live.models.map((_, i) => `${label(i)} ${curveText(live, i)}`).join("; ");
    const sweeps = live.models
      .map((_, i) => [label(i), adaptiveText(live, i)] as const)
      .filter(([, text]) => text !== undefined)
      .map(([name, text]) => `${name} ${text}`)
      .join("; ");
    const tolerances = Array.from(live.tolerances, (t) => t.toExponential(0)).join(", ");
    return (
      `${what}: W2 to held-out data ${fixed3(live.w2)}, floor ${fixed3(live.w2Floor)}; ` +
      `path energy ${fixed(live.energy, 2)}, E|x1 − x0|² ${fixed(live.displacement, 2)}, S ${fixed3(live.straightness)}.` +
      (stepper ? ` W2 at NFE ${Array.from(live.nfe).join(", ")}: ${curves}.` : "") +
      ` Dopri5 at rtol = atol ${tolerances}, counted NFE → W2: ${sweeps || "…"}`
    );
  },
  examples: [
    {name: "VP vs OT path, 4 Euler steps", options: {compare: "vp-vs-ot", model: "lipman"}},
    {name: "2-RF, one Euler step", options: {model: "rf2", steps: "1"}},
    {name: "Dopri5 at tolerance 1e-2", options: {solver: "dopri5", tol: "1e-2"}}
  ]
};

/** A measured number with `digits` decimals, or … while it is still being measured. */
function fixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : "…";
}

const fixed3 = (v: number) => fixed(v, 3);
const fixedInt = (v: number) => fixed(v, 0);

/** How the samples were made: "after 4 euler steps" or "with dopri5 at tol 1e-4". */
function solveText(o: Values<typeof nfeQualityOptions>): string {
  return isFixedSolver(o.solver) ? `after ${o.steps} ${o.solver} steps` : `with dopri5 at tol ${o.tol}`;
}

function curveText(frame: NfeQualityFrame, i: number): string {
  const row = frame.curves.subarray(i * curveSteps.length, (i + 1) * curveSteps.length);
  return Array.from(row, (v) => (Number.isFinite(v) ? v.toFixed(2) : "…")).join(", ");
}

/** Model i's Dopri5 sweep as "NFE 14 → 0.31, …", or undefined when the frame has none of it (not measured). */
function adaptiveText(frame: NfeQualityFrame, i: number): string | undefined {
  const T = frame.tolerances.length;
  const nfe = frame.adaptiveNfe.subarray(i * T, (i + 1) * T);
  const w = frame.adaptiveW2.subarray(i * T, (i + 1) * T);
  if (!nfe.some(Number.isFinite)) return undefined;
  return Array.from(nfe, (x, j) => (Number.isFinite(x) ? `NFE ${x} → ${w[j]!.toFixed(2)}` : "…")).join(", ");
}

/** Model i's Dopri5 sweep as points (counted NFE, W2), the measured ones only. */
function adaptivePoints(frame: NfeQualityFrame, i: number): {x: number; y: number}[] {
  const T = frame.tolerances.length;
  return Array.from(frame.tolerances, (_, j) => ({
    x: frame.adaptiveNfe[i * T + j]!,
    y: frame.adaptiveW2[i * T + j]!
  })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

/**
 * W2 against NFE (log), a line per model (the chosen solver's; Dopri5's dashed for the chosen model beside a fixed-step
 * solver), labels dodged apart with leaders, the floor dashed, the chosen point ringed, the readout above.
 */
function curvesPanel(frame: Frame | undefined, o: Values<typeof nfeQualityOptions>): Element {
  const live = isLive(frame) ? frame : undefined;
  const stepper = isFixedSolver(o.solver) ? o.solver : undefined;
  const marks: Plot.Markish[] = [];
  let top = 3;
  if (live) {
    const chosenIndex = live.models.indexOf(o.model);
    const rows = live.models.map((m, i) => ({
      model: m,
      chosen: m === o.model,
      points: stepper
        ? Array.from(live.nfe, (x, j) => ({x, y: live.curves[i * curveSteps.length + j]!})).filter((p) =>
            Number.isFinite(p.y)
          )
        : adaptivePoints(live, i)
    }));
    // Beside a fixed-step solver, the chosen model's Dopri5 sweep (dashed): where an adaptive solver lands.
    const sweep = stepper && chosenIndex >= 0 ? adaptivePoints(live, chosenIndex) : [];
    top = Math.max(1, ...[...rows.flatMap((r) => r.points), ...sweep].map((p) => p.y)) * 1.08;
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
    if (sweep.length > 0) {
      marks.push(
        Plot.line(sweep, {x: "x", y: "y", stroke: "var(--fd-model)", strokeWidth: 2.5, strokeDasharray: "7 5"}),
        Plot.dot(sweep, {x: "x", y: "y", stroke: "var(--fd-model)", fill: "var(--fd-bg)", strokeWidth: 2, r: 4})
      );
    }
    // Direct labels at each curve's first point (where the curves are furthest apart), dodged apart vertically.
    const starts = rows
      .filter((r) => r.points.length > 0)
      .map((r) => ({...r.points[0]!, text: shippedLabel(r.model as ShippedName), chosen: r.chosen}));
    if (sweep.length > 0) starts.push({...sweep.at(-1)!, text: "Dopri5", chosen: true});
    const perPixel = top / CURVES_INNER;
    const placed = new Array<number>(starts.length);
    for (const column of columns(starts.map((d) => d.x))) {
      // Labels only move up from the column's lowest curve (below it they would sit on the floor or the axis).
      const wanted = column.map((i) => starts[i]!.y);
      const ys = dodge(wanted, LABEL_GAP * perPixel, [
        Math.max(10 * perPixel, Math.min(...wanted)),
        top - 10 * perPixel
      ]);
      column.forEach((i, j) => (placed[i] = ys[j]!));
    }
    const labels = starts.map((d, i) => ({...d, label: placed[i]!}));
    // Fixed-step curves all start at the left edge: labels go right of their first points. Dopri5's start at 14
    // evaluations or more, with the empty low-NFE range to their left: labels go there, off the curves.
    const side = stepper ? 1 : -1;
    // A thin leader from a curve's point to its label wherever the label had to move.
    marks.push(
      Plot.link(
        labels.filter((d) => Math.abs(d.label - d.y) > 4 * perPixel),
        {x1: "x", y1: "y", x2: "x", y2: "label", dx: 6 * side, stroke: "var(--fd-muted)", strokeWidth: 1}
      )
    );
    for (const chosen of [false, true]) {
      const color = chosen ? "var(--fd-model)" : "var(--fd-muted)";
      marks.push(
        Plot.text(
          labels.filter((d) => d.chosen === chosen),
          {
            x: "x",
            y: "label",
            text: "text",
            dx: 10 * side,
            textAnchor: side > 0 ? "start" : "end",
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
      Plot.dot([{x: live.chosenNfe, y: live.w2}], {
        x: "x",
        y: "y",
        r: 9,
        stroke: "var(--fd-model)",
        strokeWidth: 2.5,
        fill: "none"
      })
    );
  }
  const readout = live ? readoutLines(live, o) : stillReadout(frame, o);
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
    marginTop: CURVES_TOP,
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
 * Groups labels (by index) whose anchors are closer than a label's width on the log NFE axis: only labels in one
 * group can overlap, so each group is dodged on its own.
 */
function columns(xs: readonly number[]): number[][] {
  const inner = CURVES[0] - CURVES_LEFT - 24 - 2 * 6;
  const [lo, hi] = NFE_DOMAIN as [number, number];
  const px = (x: number) => (Math.log(x / lo) / Math.log(hi / lo)) * inner;
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const groups: number[][] = [];
  for (const i of order) {
    const group = groups.at(-1);
    if (group && px(xs[i]!) - px(xs[group[0]!]!) < LABEL_WIDTH) group.push(i);
    else groups.push([i]);
  }
  return groups;
}

/**
 * The readout: the chosen solve's NFE and W2 with the floor (and, beside a fixed-step solver, where the chosen model's
 * Dopri5 lands at the chosen tolerance), then the path energy, squared displacement and S.
 */
function readoutLines(live: NfeQualityFrame, o: Values<typeof nfeQualityOptions>): string[] {
  const first = isFixedSolver(o.solver)
    ? `NFE ${live.chosenNfe}: W2 ${fixed3(live.w2)} · floor ${fixed3(live.w2Floor)}` + dopri5Text(live, o)
    : `Dopri5 tol ${o.tol}: NFE ${fixedInt(live.chosenNfe)} (counted) · W2 ${fixed3(live.w2)} · floor ${fixed3(live.w2Floor)}`;
  return [
    first,
    `ℰ ${fixed(live.energy, 2)} · E‖x₁−x₀‖² ${fixed(live.displacement, 2)} · S ${fixed3(live.straightness)}`
  ];
}

/** " · Dopri5 1e-4: NFE 26, W2 0.240" for the chosen model at the chosen tolerance (… while not measured). */
function dopri5Text(live: NfeQualityFrame, o: Values<typeof nfeQualityOptions>): string {
  const i = live.models.indexOf(o.model);
  const j = Array.from(live.tolerances).indexOf(Number(o.tol));
  const T = live.tolerances.length;
  const nfe = i >= 0 && j >= 0 ? live.adaptiveNfe[i * T + j]! : NaN;
  const w = i >= 0 && j >= 0 ? live.adaptiveW2[i * T + j]! : NaN;
  return ` · Dopri5 ${o.tol}: NFE ${fixedInt(nfe)}, W2 ${fixed3(w)}`;
}

// ---- the static view (print, speaker previews): the chosen shipped model's samples, computed on the page ----

/** Points of a still: at most 200, fewer when the solver takes many evaluations (≈ 3200 point-evaluations in all). */
function stillPoints(nfe: number): number {
  return Math.max(40, Math.min(200, Math.floor(3200 / nfe)));
}

/** The chosen model pushed with the chosen solver and steps (the curves themselves are measured live only). */
export function nfeStill(o: Values<typeof nfeQualityOptions>): Promise<ShippedFlowStill> {
  const {solver, steps} = stillSolve(o);
  const nfe = steps * evaluationsPerStep[solver];
  return shippedFlowStill(o.model, {solver, steps, n: stillPoints(nfe), paths: 30});
}

/** The still's fixed-step solve: the slide's own, or, under Dopri5 (adaptive, measured live only), 4 RK4 steps. */
function stillSolve(o: Values<typeof nfeQualityOptions>): {solver: FixedNfeSolver; steps: number} {
  return isFixedSolver(o.solver) ? {solver: o.solver, steps: o.steps} : {solver: "rk4", steps: 4};
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
  const {solver, steps} = stillSolve(o);
  return [`${shippedCaption(frame)}: ${points} samples, ${steps} ${solver} steps`, measured];
}

export type NfeQualityState = Values<typeof state>;

export default nfeQuality;
