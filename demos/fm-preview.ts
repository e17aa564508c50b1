import * as Plot from "@observablehq/plot";
import {maybeDataset} from "../engine/data/registry.ts";
import {boolean, integer, number, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {fmPreviewOptions} from "../engine/tasks/fm-preview-options.ts";
import {
  PREVIEW_BOX,
  PREVIEW_GRID,
  PREVIEW_PAIRS,
  PREVIEW_TARGET,
  previewPairs
} from "../engine/tasks/fm-preview-scene.ts";
import type {FmPreviewFrame} from "../engine/tasks/fm-preview.ts";
import {dasharrayOf, endSymbol, svgColor} from "./layers/conventions.ts";
import {addDots, strokeStyle} from "./layers/canvas.ts";
import {figure, paintArrowField, paintParticles, paintTrajectories, particles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {CanvasLayer, DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

const state = {
  t: number(0, "the Euler clock: time from 0 (noise) to 1 (data)", {min: 0, max: 1, step: 0.01}),
  pairs: integer(16, "random training pairs (x₀, x₁) drawn as straight lines", {min: 0, max: PREVIEW_PAIRS}),
  paths: boolean(true, "draw the Euler paths of a few samples, one straight segment per step")
};

export type FmPreviewState = Values<typeof state>;
type Options = Values<typeof fmPreviewOptions>;

/** Before the worker's first frame, and in print (no worker): the pairs and the data alone. */
export type FmPreviewStill = {still: true; pairs: Float32Array; heldOut: Float32Array};
type Frame = FmPreviewFrame | FmPreviewStill;
const isLive = (f: Frame | undefined): f is FmPreviewFrame => f !== undefined && !("still" in f);

/** Seconds the Euler clock takes from t = 0 to t = 1 when played. */
const DURATION = 5;
/** Samples whose Euler paths are drawn. */
const TRAILS = 30;
const SIZE = [600, 450] as const;

/**
 * Where the Euler clock is: step k (the arrows drawn are u^θ at t_k = k/N) and the fraction f of that step done.
 * Euler moves each point on a straight segment during a step, so the points at t are exactly rows k and k + 1 mixed.
 */
export function clock(steps: number, t: number): {k: number; f: number} {
  const s = Math.min(Math.max(t, 0), 1) * steps;
  const k = Math.min(Math.floor(s), steps);
  return {k, f: s - k};
}

/** The samples at clock time t: [n, 2] from the Euler rows (exact, see {@link clock}). */
export function samplesAt(frame: FmPreviewFrame, t: number, out = new Float32Array(2 * frame.n)): Float32Array {
  const row = 2 * frame.n;
  const {k, f} = clock(frame.steps, t);
  const a = frame.trajectories.subarray(k * row, (k + 1) * row);
  if (f === 0) out.set(a);
  else {
    const b = frame.trajectories.subarray((k + 1) * row, (k + 2) * row);
    for (let i = 0; i < row; i++) out[i] = a[i]! + f * (b[i]! - a[i]!);
  }
  return out;
}

/** The largest arrow over every step, so that arrow lengths compare across the clock (cached per frame). */
const speeds = new WeakMap<FmPreviewFrame, number>();
function speedOf(frame: FmPreviewFrame): number {
  let s = speeds.get(frame);
  if (s === undefined) {
    s = 0;
    for (let i = 0; i < frame.fields.length; i += 2)
      s = Math.max(s, Math.hypot(frame.fields[i]!, frame.fields[i + 1]!));
    speeds.set(frame, s);
  }
  return s;
}

/** The first TRAILS Euler paths, [N + 1, TRAILS, 2] (cached per frame). */
const trails = new WeakMap<FmPreviewFrame, Float32Array>();
function trailsOf(frame: FmPreviewFrame): Float32Array {
  let p = trails.get(frame);
  if (!p) {
    const m = Math.min(TRAILS, frame.n);
    p = new Float32Array((frame.steps + 1) * m * 2);
    for (let k = 0; k <= frame.steps; k++) {
      p.set(frame.trajectories.subarray(2 * k * frame.n, 2 * (k * frame.n + m)), 2 * k * m);
    }
    trails.set(frame, p);
  }
  return p;
}

let scratch = new Float32Array(0);

/** Radius in pixels of the rings marking the training points x_t on their pairs' lines. */
const X_T_RING = 4.5;

/** The readout over the figure: the steps and, once measured, the W2 of the N-step samples. */
export function readout(frame: Frame | undefined, o: Options): string {
  const head = `N = ${o.steps} Euler step${o.steps === 1 ? "" : "s"} of size Δt = ${(1 / o.steps).toFixed(o.steps > 20 ? 3 : 2)}`;
  if (!isLive(frame) || Number.isNaN(frame.w2)) return `${head}\nW2 of the samples to the moons: measuring…`;
  const floor = Number.isNaN(frame.w2Floor) ? "…" : frame.w2Floor.toFixed(2);
  return `${head}\nW2 of the samples to the moons: ${frame.w2.toFixed(2)} (a perfect model: ≈ ${floor})`;
}

/** The clock line painted in the figure's corner (it changes every animation frame, so it is not in the SVG). */
export function clockLine(steps: number, t: number): string {
  const {k} = clock(steps, t);
  return `t = ${t.toFixed(2)} · arrows: u at t = ${(Math.min(k, steps) / steps).toFixed(2)}`;
}

/**
 * Flow matching in one picture (lecture D1.16): random training pairs (x₀ ~ N(0, I), x₁ ~ moons) joined by the straight
 * lines the loss regresses along, over the field u^θ_t of the shipped I-CFM network (trained on exactly that loss),
 * and sampling by Euler with N steps: the points and the arrows move with the Euler clock, the arrows being the field
 * at the time of the current step; the training points x_t ride their lines as rings (the samples are dots). The worker
 * samples and measures the W2 to held-out moons.
 */
export const fmPreview: DemoSpec<typeof fmPreviewOptions, typeof state, Frame> = {
  id: "fm-preview",
  description: "random straight-line training pairs over a trained flow-matching field, sampled by Euler with N steps",
  options: fmPreviewOptions,
  state,
  controls: ["steps", "pairs", "paths", "t"],
  player: true,
  examples: [
    {name: "one step, clock at the end", options: {steps: "1"}, state: {t: "1", pairs: "8"}},
    {name: "halfway, 20 steps", options: {steps: "20"}, state: {t: "0.5", pairs: "40"}}
  ],
  task: (options) => ({task: "fm-preview", options}),
  snapshot({seed, n}) {
    const heldOut = new Float32Array(maybeDataset(PREVIEW_TARGET).sample(n, rng(seed + 7)));
    return {still: true, pairs: previewPairs(seed), heldOut};
  },
  render(frame, o, s) {
    const pairs = frame ? frame.pairs : previewPairs(o.seed);
    const shown = Array.from({length: Math.min(s.pairs, pairs.length / 4)}, (_, i) => i);
    const x0 = (i: number) => pairs[4 * i];
    const y0 = (i: number) => pairs[4 * i + 1];
    const x1 = (i: number) => pairs[4 * i + 2];
    const y1 = (i: number) => pairs[4 * i + 3];
    return figure({
      label: "training pairs on straight lines over a learned velocity field, sampled by Euler",
      description: describeFrame(frame, o, s),
      size: SIZE,
      equal: true,
      marginTop: 70,
      marginLeft: 16,
      marginRight: 16,
      marginBottom: 16,
      x: {domain: [PREVIEW_BOX[0], PREVIEW_BOX[1]], label: null, ticks: 0},
      y: {domain: [PREVIEW_BOX[2], PREVIEW_BOX[3]], label: null, ticks: 0},
      marks: [
        Plot.frame({stroke: palette.rule}),
        frame ? particles(frame.heldOut, {color: "target", symbol: "diamond", r: 1.8, opacity: 0.35}) : null,
        Plot.link(shown, {
          x1: x0,
          y1: y0,
          x2: x1,
          y2: y1,
          stroke: svgColor("conditional"),
          strokeWidth: 1.6,
          strokeOpacity: 0.85,
          strokeDasharray: dasharrayOf("conditional")
        }),
        Plot.dot(shown, {x: x0, y: y0, r: 4, fill: palette.source, symbol: endSymbol.source}),
        Plot.dot(shown, {x: x1, y: y1, r: 5, fill: palette.target, symbol: endSymbol.target}),
        Plot.text([readout(frame, o)], {
          frameAnchor: "top-left",
          dy: -62,
          lineAnchor: "top",
          lineHeight: 1.25,
          fontSize: 20
        })
      ]
    });
  },
  renderKeys: ["pairs"],
  paint(layer: CanvasLayer, frame, _o, {t, pairs, paths}) {
    if (!isLive(frame)) return;
    const {k} = clock(frame.steps, t);
    const cells = PREVIEW_GRID[0] * PREVIEW_GRID[1];
    const row = Math.min(k, frame.steps);
    const grid = {
      nx: PREVIEW_GRID[0],
      ny: PREVIEW_GRID[1],
      extent: PREVIEW_BOX,
      values: frame.fields.subarray(row * cells * 2, (row + 1) * cells * 2)
    };
    paintArrowField(layer, grid, {kind: "model", speed: speedOf(frame), opacity: 0.55, strokeWidth: 1.6});
    if (paths) {
      const m = Math.min(TRAILS, frame.n);
      paintTrajectories(layer, trailsOf(frame), m, {t, kind: "model", ends: false, opacity: 0.5});
    }
    if (scratch.length < 2 * frame.n) scratch = new Float32Array(2 * frame.n);
    paintParticles(layer, samplesAt(frame, t, scratch.subarray(0, 2 * frame.n)), {
      color: "model",
      r: 2.4,
      opacity: 0.8
    });
    // The training points x_t = (1 − t) x₀ + t x₁ on the shown pairs' lines, at the same clock time.
    const m = Math.min(pairs, frame.pairs.length / 4);
    const xt = new Float32Array(2 * m);
    for (let i = 0; i < m; i++) {
      xt[2 * i] = (1 - t) * frame.pairs[4 * i]! + t * frame.pairs[4 * i + 2]!;
      xt[2 * i + 1] = (1 - t) * frame.pairs[4 * i + 1]! + t * frame.pairs[4 * i + 3]!;
    }
    // Rings, not dots: the samples are dots too, and the two must differ by more than colour.
    const c = layer.context;
    c.beginPath();
    addDots(layer, xt, m, X_T_RING, "circle");
    strokeStyle(layer, "conditional", 2.5, 1, []);
    c.stroke();
    c.font = "20px sans-serif";
    c.fillStyle = layer.color("ink");
    c.fillText(clockLine(frame.steps, t), layer.x(PREVIEW_BOX[0]) + 10, layer.y(PREVIEW_BOX[3]) + 26);
  },
  advance: playClock(DURATION),
  describe: (frame, o, s) => describeFrame(frame, o, s)
};

function describeFrame(frame: Frame | undefined, o: Options, s: FmPreviewState): string {
  return (
    `${s.pairs} random pairs joined by straight lines (x₀ from N(0, I), x₁ from the moons) over the velocity field of ` +
    `a trained network, the training points x_t as rings on their lines; ${o.n} noise points sampled by Euler, ` +
    `drawn as dots. ` +
    `${clockLine(o.steps, s.t)}; ${readout(frame, o).replace("\n", "; ")}`
  );
}

export default fmPreview;
