import * as Plot from "@observablehq/plot";
import {number, type Values} from "../engine/options/schema.ts";
import {fmLikelihoodOptions, likelihoodBox} from "../engine/tasks/fm-likelihood-options.ts";
import {likelihoodStill, type FmLikelihoodFrame} from "../engine/tasks/fm-likelihood.ts";
import {shippedLabel} from "../engine/weights/names.ts";
import {SOLVER_LABEL} from "./fm-likelihood.ts";
import {densityRaster, figure, handles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const {paths: _paths, ...shared} = fmLikelihoodOptions;
const options = shared;

const [BX0, BX1, BY0, BY1] = likelihoodBox;

const state = {
  px: number(3.5, "the data point x: first coordinate (click or drag)", {min: BX0, max: BX1, step: 0.05}),
  py: number(-2, "the data point x: second coordinate (click or drag)", {min: BY0, max: BY1, step: 0.05})
};

/** Options of `point-likelihood`. */
export type PointLikelihoodOptions = Values<typeof options>;
/** State of `point-likelihood`. */
export type PointLikelihoodState = Values<typeof state>;

/** One point's backward solve, read from its pixel of the task's frame. */
export interface PointSolve {
  /** The pixel (column, row) and its centre, the point whose log-density was computed. */
  ix: number;
  iy: number;
  x: [number, number];
  /** The backward path from x (t = 1) to x₀ (t = 0), one point per solver step. */
  path: [number, number][];
  x0: [number, number];
  logp0: number;
  /** ℓ₀ = −∫₀¹ ∇·u dt. */
  delta: number;
  /** log p₁(x) = log p₀(x₀) + ℓ₀, the pixel's value on the heatmap. */
  logp: number;
  /** The data's exact log q(x) at the same point. */
  logq: number;
}

/** The pixel of the frame's grid holding (px, py), clamped into the box. */
export function pixelOf(frame: Pick<FmLikelihoodFrame, "nx" | "ny">, px: number, py: number): [number, number] {
  const ix = Math.min(frame.nx - 1, Math.max(0, Math.floor(((px - BX0) / (BX1 - BX0)) * frame.nx)));
  const iy = Math.min(frame.ny - 1, Math.max(0, Math.floor(((py - BY0) / (BY1 - BY0)) * frame.ny)));
  return [ix, iy];
}

/** The point's solve from the frame, or undefined while its pixel's row is not done (or in a static view). */
export function pointSolve(frame: FmLikelihoodFrame, s: PointLikelihoodState): PointSolve | undefined {
  const sol = frame.points;
  const [ix, iy] = pixelOf(frame, s.px, s.py);
  if (!sol || iy >= frame.rowsDone) return undefined;
  const p = iy * frame.nx + ix;
  const x: [number, number] = [
    BX0 + ((ix + 0.5) * (BX1 - BX0)) / frame.nx,
    BY0 + ((iy + 0.5) * (BY1 - BY0)) / frame.ny
  ];
  const path: [number, number][] = [];
  for (let k = 0; k < sol.stops; k++) {
    const at = 2 * (p * sol.stops + k);
    path.push([sol.paths[at]!, sol.paths[at + 1]!]);
  }
  return {
    ix,
    iy,
    x,
    path,
    x0: [sol.x0[2 * p]!, sol.x0[2 * p + 1]!],
    logp0: sol.logp0[p]!,
    delta: sol.delta[p]!,
    logp: frame.modelLogp[p]!,
    logq: frame.dataLogp[p]!
  };
}

const fmt = (v: number, digits = 2) =>
  Number.isFinite(v)
    ? (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits).replace("-", "−")
    : v > 0
      ? "∞"
      : "−∞";
const pair = ([a, b]: readonly [number, number]) => `(${fmt(a)}, ${fmt(b)})`;

/** The readout's two lines: the point and its solve, then the sum. */
export function readoutLines(
  frame: FmLikelihoodFrame | undefined,
  o: PointLikelihoodOptions,
  s: PointLikelihoodState
): [string, string] {
  const how = `${SOLVER_LABEL[o.solver]}, ${o.steps} steps, ${o.divergence === "exact" ? "exact" : "Hutchinson"} ∇·u`;
  if (!frame) return ["loading the shipped model…", how];
  if (frame.still) return ["the model's density and the point's path are computed live on the slide", how];
  const p = pointSolve(frame, s);
  if (!p) return [`solving backward from t = 1 to 0: row ${frame.rowsDone} of ${frame.ny}`, how];
  return [
    `x ${pair(p.x)} → x₀ ${pair(p.x0)} · NFE ${frame.nfe}`,
    `log p₀(x₀) ${fmt(p.logp0, 3)} + ℓ₀ ${fmt(p.delta, 3)} = log p₁(x) ${fmt(p.logp, 3)}`
  ];
}

/** The data's exact log q(x) at the point's pixel, in words. */
function dataLine(p: PointSolve | undefined): string {
  if (!p) return "";
  return Number.isFinite(p.logq)
    ? ` The data's exact log q(x) there: ${fmt(p.logq, 3)}.`
    : " The data's density is 0 there.";
}

/** The stacked bar of D3.16 (as D1.11's): log p₀(x₀) from 0, then ℓ₀ from there; the model's rule at the sum. */
function sumBar(p: PointSolve | undefined): Element {
  const [a, l, total] = p ? [p.logp0, p.delta, p.logp] : [0, 0, 0];
  // Room left of the lowest value for the sum's label.
  const lo = Math.min(-8, a - 4, total - 4);
  const hi = Math.max(2, a + 0.5, total + 0.5);
  return figure({
    label: "log p₁(x) as a sum",
    size: [600, 92],
    marginTop: 6,
    marginBottom: 32,
    marginLeft: 130,
    marginRight: 16,
    x: {domain: [lo, hi], ticks: 6, label: null},
    y: {axis: null, domain: [0, 2]},
    marks: p
      ? [
          Plot.rectX([0], {x1: 0, x2: a, y1: 1.1, y2: 1.9, fill: palette.source, fillOpacity: 0.6}),
          Plot.rectX([0], {x1: a, x2: total, y1: 0.1, y2: 0.9, fill: palette.muted, fillOpacity: 0.55}),
          Plot.ruleX([total], {y1: 0, y2: 2, stroke: palette.model, strokeWidth: 4}),
          Plot.ruleX([0], {stroke: palette.ink}),
          Plot.text(["log p₀(x₀)"], {frameAnchor: "left", y: 1.5, textAnchor: "end", dx: -10, fill: palette.source}),
          Plot.text(["ℓ₀"], {frameAnchor: "left", y: 0.5, textAnchor: "end", dx: -10}),
          Plot.text(["log p₁(x)"], {
            x: total,
            y: 0.5,
            textAnchor: l > 0 ? "start" : "end",
            dx: l > 0 ? 8 : -8,
            fill: palette.model,
            fontWeight: 600
          })
        ]
      : [Plot.ruleX([0], {stroke: palette.ink})]
  });
}

/** Circles of radius 1 and 2 around the origin: where N(0, I) keeps 39% and 86% of its mass. */
function baseRings(): Plot.Markish {
  const ring = (r: number) =>
    Array.from({length: 97}, (_, k) => [r * Math.cos((k * Math.PI) / 48), r * Math.sin((k * Math.PI) / 48)]);
  return [1, 2].map((r) =>
    Plot.line(ring(r), {stroke: palette.source, strokeWidth: 1.5, strokeDasharray: "5 4", strokeOpacity: 0.8})
  );
}

/** The model's log-density heatmap with the point's backward path; the whole frame places the point on a click. */
function mainFigure(
  frame: FmLikelihoodFrame | undefined,
  o: PointLikelihoodOptions,
  s: PointLikelihoodState,
  p: PointSolve | undefined
): ReturnType<typeof figure> {
  const marks: Plot.Markish[] = [];
  if (frame) {
    const still = frame.still === true;
    const logp = still ? frame.dataLogp : frame.modelLogp;
    // The colour scale of deck 4's fm-likelihood: the data's highest density, fixed while the rows come in.
    let max = 0;
    for (const v of frame.dataLogp) if (Number.isFinite(v)) max = Math.max(max, Math.exp(v));
    marks.push(
      densityRaster(
        {
          nx: frame.nx,
          ny: frame.ny,
          extent: frame.extent,
          values: Array.from(logp, (v) => (Number.isFinite(v) ? Math.exp(v) : 0))
        },
        {color: still ? "target" : "model", max: max || 1}
      )
    );
  }
  marks.push(baseRings());
  if (p) {
    const [w, h] = [(BX1 - BX0) / frame!.nx, (BY1 - BY0) / frame!.ny];
    const segments = p.path.slice(0, -1).map((a, k) => ({a, b: p.path[k + 1]!}));
    marks.push(
      Plot.rect([p.x], {
        x1: (c: number[]) => c[0]! - w / 2,
        x2: (c: number[]) => c[0]! + w / 2,
        y1: (c: number[]) => c[1]! - h / 2,
        y2: (c: number[]) => c[1]! + h / 2,
        stroke: palette.ink,
        fill: "none"
      }),
      Plot.arrow(segments, {
        x1: (d: {a: number[]}) => d.a[0],
        y1: (d: {a: number[]}) => d.a[1],
        x2: (d: {b: number[]}) => d.b[0],
        y2: (d: {b: number[]}) => d.b[1],
        stroke: palette.ink,
        strokeWidth: 2.5,
        headLength: 9,
        clip: true
      }),
      Plot.dot(p.path.slice(1, -1), {x: "0", y: "1", r: 3.5, fill: palette.ink, clip: true}),
      Plot.dot([p.x0], {x: "0", y: "1", r: 7, fill: palette.source, stroke: palette.bg, strokeWidth: 1.5, clip: true}),
      Plot.text([p.x0], {x: "0", y: "1", text: () => "x₀", dx: 14, dy: -12, fill: palette.source, fontWeight: 600})
    );
  }
  marks.push(
    // A clear layer over the whole frame that carries the handle's drag: a press anywhere places the point there.
    Plot.rect([0], {
      x1: BX0,
      x2: BX1,
      y1: BY0,
      y2: BY1,
      fill: "transparent",
      render(index, scales, values, dimensions, context, next) {
        const g = next!(index, scales, values, dimensions, context);
        g?.querySelector("rect")?.setAttribute("data-drag", "point");
        return g;
      }
    }),
    handles([{name: "point", x: s.px, y: s.py, label: "the data point x", color: "ink"}]),
    Plot.text([`p₁ of ${shippedLabel(o.model)}: click a point`], {
      frameAnchor: "top-left",
      dx: 8,
      dy: 8,
      lineAnchor: "top",
      fontSize: 18,
      fill: palette.ink,
      pointerEvents: "none"
    })
  );
  return figure({
    label: "the model's density p₁ and a point's backward path to noise",
    size: [600, 320],
    equal: true,
    marginTop: 4,
    marginBottom: 4,
    marginLeft: 4,
    marginRight: 4,
    x: {domain: [BX0, BX1], axis: null},
    y: {domain: [BY0, BY1], axis: null},
    marks: [Plot.frame({stroke: "var(--fd-rule)"}), ...marks]
  });
}

function describeFrame(
  frame: FmLikelihoodFrame | undefined,
  o: PointLikelihoodOptions,
  s: PointLikelihoodState
): string {
  const [a, b] = readoutLines(frame, o, s);
  return (
    `The density p₁ of the shipped ${shippedLabel(o.model)} model, computed pixel by pixel by a backward solve of the ` +
    `augmented ODE from t = 1 to t = 0 (${SOLVER_LABEL[o.solver]}, ${o.steps} steps, ${o.divergence} divergence), ` +
    `and one point's path back to noise: ${a}; ${b}.${dataLine(frame && !frame.still ? pointSolve(frame, s) : undefined)}`
  );
}

/**
 * The likelihood of a data point under a CNF (deck 3, D3.16): a shipped flow-matching model (an FM model is a CNF)
 * solved backward from x at t = 1 to x₀ at t = 0 with ℓ collecting ∫ ∇·u, for every pixel of a heatmap in the worker
 * (the fm-likelihood task with `paths`), and for the clicked point its path to noise, drawn, and the sum
 * log p₀(x₀) + ℓ₀ = log p₁(x) as a stacked bar. The point snaps to its pixel's centre, so the bar's total is the
 * pixel's colour.
 */
export const pointLikelihood: DemoSpec<typeof options, typeof state, FmLikelihoodFrame> = {
  id: "point-likelihood",
  description:
    "a data point's backward path to noise under a CNF (a shipped FM model) and log p₀(x₀) + ℓ₀ = log p₁(x), over the density heatmap",
  options,
  state,
  controls: ["solver", "steps", "divergence"],
  drag: {point: ["px", "py"]},
  task: (o) => ({task: "fm-likelihood", options: {...o, paths: true}}),
  snapshot: (o) => likelihoodStill({...o, paths: true}),
  render(frame, o, s) {
    const p = frame && !frame.still ? pointSolve(frame, s) : undefined;
    const [first, second] = readoutLines(frame, o, s);
    const main = mainFigure(frame, o, s, p);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.append(first, document.createElement("br"), second);
    root.append(readout, sumBar(p), main);
    return Object.assign(root, {scale: (name: string) => main.scale(name as "x")});
  },
  describe: describeFrame,
  examples: [
    {name: "between the moons", state: {px: "1", py: "0"}},
    {name: "Euler, 2 steps", options: {solver: "euler", steps: "2"}}
  ]
};

export default pointLikelihood;
