import * as Plot from "@observablehq/plot";
import {dataset} from "../engine/data/registry.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {CFM_STEP_TIMES, cfmStepExtent, cfmStepOptions, type CfmStepOptions} from "../engine/tasks/cfm-step-options.ts";
import type {CfmStepFrame} from "../engine/tasks/cfm-step.ts";
import {addDots, colorOn, strokeStyle} from "./layers/canvas.ts";
import {arrowsOf, figure, paintArrowField, particles} from "./layers/index.ts";
import type {CanvasLayer, DemoSpec} from "./runtime/spec.ts";

const state = {
  t: number(0.5, "the time of the learned field drawn (and of the minibatch arrows drawn bold)", {
    min: 0,
    max: 1,
    step: 0.05
  })
};

/** Before the worker's first frame, and in print: some data, drawn on the page. */
export type CfmStepStill = {still: true; data: Float32Array};
type Frame = CfmStepFrame | CfmStepStill;

const isLive = (frame: Frame | undefined): frame is CfmStepFrame => frame !== undefined && !("still" in frame);

const SIZE: readonly [number, number] = [480, 420];
/** Data units an arrow covers per unit of velocity: an arrow shows where its point goes in 0.2 of time. */
const ARROW_TIME = 0.2;
/** Minibatch arrows within this distance of the slider's t are drawn bold. */
const NEAR = 0.1;
const STILL_N = 400;

/**
 * Conditional flow matching, one minibatch at a time (D4.8): each step's x₁ ~ q (target diamonds), points x ~ p_t(· | x₁)
 * with their conditional arrows u_t(x | x₁) (green, dashed), and the network's field u^θ_t on a grid (purple) at the
 * slider's t, which settles as the steps go. The arrows of the batch whose own t is near the slider's are bold: they
 * are what the purple arrows at this t are regressed on.
 */
export const cfmStep: DemoSpec<typeof cfmStepOptions, typeof state, Frame> = {
  id: "cfm-step",
  description: "CFM training step by step: each minibatch's conditional target arrows and the learned field",
  options: cfmStepOptions,
  state,
  controls: ["batch", "speed", "t"],
  player: true,
  task: (options) => ({task: "cfm-step", options}),
  examples: [
    {name: "one pair per step", options: {batch: "1"}, state: {t: "0.8"}},
    {name: "8 gaussians", options: {target: "ffjord-8gaussians", batch: "64"}, state: {t: "0.3"}}
  ],
  snapshot({target, seed}) {
    return {still: true, data: new Float32Array(dataset(target).sample(STILL_N, rng(seed + 4242)))};
  },
  render(frame, options, {t}) {
    const [x0, x1, y0, y1] = cfmStepExtent(options.target);
    return figure({
      label: `conditional flow matching on ${options.target}: minibatch targets and the learned field`,
      size: SIZE,
      equal: true,
      marginTop: 44,
      x: {domain: [x0, x1], label: null},
      y: {domain: [y0, y1], label: null},
      marks: [
        frame && !isLive(frame)
          ? particles(frame.data, {color: "target", symbol: "diamond", r: 2, opacity: 0.5})
          : null,
        Plot.text([readout(frame, options, t)], {frameAnchor: "top-left", dy: -38, fontSize: 22, lineAnchor: "top"})
      ]
    });
  },
  renderKeys: ["t"],
  paint(layer, frame, _options, {t}) {
    if (!isLive(frame)) return;
    paintArrowField(layer, fieldAt(frame, t), {kind: "model", speed: gridSpeed(frame), strokeWidth: 2, opacity: 0.85});
    paintBatch(layer, frame, t);
  },
  describe(frame, options, {t}) {
    const what = `conditional flow matching on ${options.target}, ${options.batch} pairs per step`;
    if (!isLive(frame)) return `${what}: the data; training runs live on the slide`;
    const near = countNear(frame, t);
    const loss = frame.progress.loss;
    return (
      `${what}: step ${frame.progress.steps} of ${frame.progress.total}` +
      (loss !== undefined ? `, CFM loss ${loss.toFixed(3)} per coordinate` : "") +
      `; the learned field at t = ${t.toFixed(2)}, ${near} of the batch's ${frame.t.length} points have t within ${NEAR}`
    );
  }
};

function readout(frame: Frame | undefined, _options: CfmStepOptions, t: number): string {
  if (!isLive(frame)) return frame ? "training runs live on the slide" : "starting…";
  return `t = ${t.toFixed(2)}: ${countNear(frame, t)} of ${frame.t.length} pairs within ±${NEAR} (bold)`;
}

/** The learned field at t: linear between the two nearest of the grid's times. */
export function fieldAt(frame: CfmStepFrame, t: number) {
  const m = frame.nx * frame.ny;
  const last = CFM_STEP_TIMES.length - 1;
  const at = Math.min(last, Math.max(0, t * last));
  const k = Math.min(last - 1, Math.floor(at));
  const w = at - k;
  const values = new Float64Array(2 * m);
  for (let i = 0; i < 2 * m; i++) {
    values[i] = (1 - w) * frame.grid[k * 2 * m + i]! + w * frame.grid[(k + 1) * 2 * m + i]!;
  }
  return {nx: frame.nx, ny: frame.ny, extent: frame.extent, values};
}

/** The speed drawn at full cell length, so that the grid's arrows have the batch arrows' scale (ARROW_TIME). */
function gridSpeed(frame: CfmStepFrame): number {
  const [x0, x1, y0, y1] = frame.extent;
  const spacing = Math.min((x1 - x0) / frame.nx, (y1 - y0) / frame.ny);
  return (0.9 * spacing) / ARROW_TIME;
}

function countNear(frame: CfmStepFrame, t: number): number {
  let near = 0;
  for (const s of frame.t) if (Math.abs(s - t) <= NEAR) near++;
  return near;
}

/** x₁ as diamonds, each x as a dot with its conditional arrow; the ones whose t is near the slider's are bold. */
function paintBatch(layer: CanvasLayer, frame: CfmStepFrame, t: number): void {
  const n = frame.t.length;
  const c = layer.context;
  const near = (i: number) => Math.abs(frame.t[i]! - t) <= NEAR;
  const far = (i: number) => !near(i);
  c.fillStyle = colorOn(layer, "target");
  for (const [only, alpha] of [
    [far, 0.3],
    [near, 1]
  ] as const) {
    c.globalAlpha = alpha;
    c.beginPath();
    addDots(layer, frame.x1, n, 4, "diamond", only);
    c.fill();
  }
  for (const [only, alpha, width] of [
    [far, 0.3, 1.5],
    [near, 1, 2.5]
  ] as const) {
    strokeStyle(layer, "conditional", width, alpha, [6, 4]);
    c.beginPath();
    for (let i = 0; i < n; i++) {
      if (!only(i)) continue;
      const ax = layer.x(frame.xt[2 * i]!);
      const ay = layer.y(frame.xt[2 * i + 1]!);
      const bx = layer.x(frame.xt[2 * i]! + ARROW_TIME * frame.target[2 * i]!);
      const by = layer.y(frame.xt[2 * i + 1]! + ARROW_TIME * frame.target[2 * i + 1]!);
      if (!isFinite(ax + ay + bx + by)) continue;
      const head = Math.min(9, Math.hypot(bx - ax, by - ay) / 3);
      const angle = Math.atan2(by - ay, bx - ax);
      c.moveTo(ax, ay);
      c.lineTo(bx, by);
      c.moveTo(bx - head * Math.cos(angle - Math.PI / 6), by - head * Math.sin(angle - Math.PI / 6));
      c.lineTo(bx, by);
      c.lineTo(bx - head * Math.cos(angle + Math.PI / 6), by - head * Math.sin(angle + Math.PI / 6));
    }
    c.stroke();
    c.fillStyle = colorOn(layer, "conditional");
    c.globalAlpha = alpha;
    c.beginPath();
    addDots(layer, frame.xt, n, 3, "circle", only);
    c.fill();
  }
  c.setLineDash([]);
  c.globalAlpha = 1;
}

/** The arrows the grid would draw (exported for the test: they use the batch arrows' scale). */
export const gridArrows = (frame: CfmStepFrame, t: number) => arrowsOf(fieldAt(frame, t), {speed: gridSpeed(frame)});

export type CfmStepState = Values<typeof state>;

export default cfmStep;
