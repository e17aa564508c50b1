import * as Plot from "@observablehq/plot";
import {cnfStepCost} from "../engine/cnf/cost.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {cnfTrainOptions, type CnfTrainOptions} from "../engine/tasks/cnf-train-options.ts";
import type {CnfTrainFrame} from "../engine/tasks/cnf-train.ts";
import {figure} from "./layers/index.ts";
import {svgColor} from "./layers/conventions.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** log₂ 3072: CIFAR-10's 32 × 32 × 3 pixels, the slider's right end. */
export const LOG2_MAX_D = Math.log2(3072);

const state = {
  log2d: number(1, "log₂ of the data dimension d (1 → d = 2, 11.58 → d = 3072, CIFAR-10)", {
    min: 1,
    max: LOG2_MAX_D,
    step: 0.01
  })
};

export type CnfCostState = Values<typeof state>;

/** Before the worker's first frame (print, speaker previews): the fixed RK4 solve's NFE stands in for dopri5's. */
export type CnfCostStill = {still: true};
type Frame = CnfTrainFrame | CnfCostStill;

const isLive = (frame: Frame | undefined): frame is CnfTrainFrame => frame !== undefined && !("still" in frame);

const BARS: readonly [number, number] = [600, 190];
const CURVE: readonly [number, number] = [600, 230];

/** The dimension the slider's log₂ d stands for (an integer ≥ 2). */
export function dimensionOf(log2d: number): number {
  return Math.max(2, Math.round(2 ** log2d));
}

/** The NFE the calculator uses: dopri5's newest measured count, or the fixed RK4 count before any is measured. */
export function solveNfeOf(frame: Frame | undefined, o: CnfTrainOptions): {nfe: number; measured: boolean} {
  if (isLive(frame) && frame.nfeValues.length > 0) return {nfe: frame.nfeValues.at(-1)!, measured: true};
  return {nfe: 4 * o.steps, measured: false};
}

/** Per-step cost in network passes for both divergences at dimension d (NFE_adjoint taken equal to NFE_solve). */
export function costsOf(d: number, nfe: number) {
  const input = {d, nfeSolve: nfe, nfeAdjoint: nfe};
  return {
    exact: cnfStepCost({...input, divergence: "exact"}),
    hutchinson: cnfStepCost({...input, divergence: "hutchinson"})
  };
}

/**
 * Why maximum-likelihood CNF training is expensive (slide D3.18): a cost calculator, (NFE_solve + NFE_adjoint) ×
 * (1 + C_∇·) network passes per training step with C_∇· = d for the exact trace and 1 for Hutchinson, at the NFE
 * that dopri5 needs for the model being trained; under it that NFE against training step, measured in the worker on
 * a live maximum-likelihood run (the D3.17 recipe) every few steps at the chosen tolerance.
 */
export const cnfCost: DemoSpec<typeof cnfTrainOptions, typeof state, Frame> = {
  id: "cnf-cost",
  description:
    "cost of one MLE CNF step, exact vs Hutchinson divergence, against d; dopri5's NFE measured during training",
  options: cnfTrainOptions,
  state,
  controls: ["log2d", "logTol"],
  player: true,
  task: (options) => ({task: "cnf-train", options}),
  examples: [
    {name: "CIFAR-10 dimension", state: {log2d: String(LOG2_MAX_D)}},
    {name: "tight tolerance", options: {logTol: "-5"}, state: {log2d: "9.61"}}
  ],
  snapshot: () => ({still: true}),
  render(frame, o, s) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.textContent = readoutOf(frame, o, s);
    root.append(readout, barsPanel(frame, o, s), nfePanel(frame, o));
    return root;
  },
  describe(frame, o, s) {
    const d = dimensionOf(s.log2d);
    const {nfe, measured} = solveNfeOf(frame, o);
    const c = costsOf(d, nfe);
    const source = measured
      ? `dopri5 needed ${nfe} evaluations at tolerance 1e${o.logTol} after ${(frame as CnfTrainFrame).nfeSteps.at(-1)} training steps`
      : `${nfe} evaluations, the fixed RK4 solve's count, until dopri5's is measured`;
    return (
      `at d = ${d}, one training step costs about ${c.exact.toLocaleString("en-US")} network passes with the exact ` +
      `divergence and ${c.hutchinson.toLocaleString("en-US")} with Hutchinson's (${source}; NFE_adjoint taken equal to NFE_solve)`
    );
  }
};

function readoutOf(frame: Frame | undefined, o: CnfTrainOptions, s: CnfCostState): string {
  const d = dimensionOf(s.log2d);
  const {nfe, measured} = solveNfeOf(frame, o);
  const ratio = costsOf(d, nfe).exact / costsOf(d, nfe).hutchinson;
  return `d = ${d.toLocaleString("en-US")} · NFE_solve = ${nfe} ${measured ? "(dopri5)" : "(RK4, fixed)"} · exact ÷ Hutchinson = ${ratio.toFixed(1)}×`;
}

/** Two horizontal bars on a log axis: passes per training step with the exact divergence and with Hutchinson's. */
function barsPanel(frame: Frame | undefined, o: CnfTrainOptions, s: CnfCostState): Element {
  const d = dimensionOf(s.log2d);
  const {nfe} = solveNfeOf(frame, o);
  const c = costsOf(d, nfe);
  const rows = [
    {name: "exact: 1 + d", value: c.exact, color: svgColor("error")},
    {name: "Hutchinson: 1 + 1", value: c.hutchinson, color: svgColor("model")}
  ];
  return figure({
    label: "network passes per training step, exact divergence vs Hutchinson, on a log scale",
    size: BARS,
    marginLeft: 210,
    marginRight: 24,
    marginTop: 12,
    marginBottom: 50,
    x: {type: "log", domain: [10, 1e7], label: "network passes per step", ticks: 4, tickFormat: "~s"},
    y: {domain: rows.map((r) => r.name), label: null, padding: 0.3},
    marks: [
      Plot.barX(rows, {x1: 10, x2: (r) => r.value, y: (r) => r.name, fill: (r) => r.color}),
      // A long bar carries its number inside its end, a short one just past it.
      ...[true, false].map((inside) =>
        Plot.text(
          rows.filter((r) => r.value > 1e6 === inside),
          {
            x: (r) => r.value,
            y: (r) => r.name,
            text: (r) => r.value.toLocaleString("en-US"),
            textAnchor: inside ? "end" : "start",
            dx: inside ? -8 : 8,
            fill: inside ? "white" : "currentColor",
            fontSize: 20
          }
        )
      )
    ]
  });
}

/** dopri5's NFE against training step (measured), with the fixed RK4 count of the training solve for reference. */
function nfePanel(frame: Frame | undefined, o: CnfTrainOptions): Element {
  const live = isLive(frame) ? frame : undefined;
  const points = live ? Array.from(live.nfeValues, (v, i) => [live.nfeSteps[i]!, v] as const) : [];
  const fixed = 4 * o.steps;
  const top = Math.max(fixed, ...points.map((p) => p[1])) * 1.25;
  return figure({
    label: `dopri5 evaluations per backward solve of the model being trained, tolerance 1e${o.logTol}, against step`,
    size: CURVE,
    marginTop: 40,
    marginLeft: 80,
    marginRight: 24,
    marginBottom: 50,
    x: {label: "training step", domain: [0, Math.max(live?.progress.steps ?? 0, 50)], ticks: 4},
    y: {label: "NFE_solve", domain: [0, top], ticks: 3},
    marks: [
      Plot.ruleY([fixed], {stroke: svgColor("muted"), strokeDasharray: "8 6", strokeWidth: 2}),
      Plot.text([`RK4 in training: ${fixed}`], {
        frameAnchor: "right",
        y: fixed,
        dy: -14,
        textAnchor: "end",
        fill: svgColor("muted"),
        fontSize: 20
      }),
      points.length > 0
        ? Plot.line(points, {
            x: (p) => p[0],
            y: (p) => p[1],
            stroke: svgColor("model"),
            strokeWidth: 2.5,
            curve: "step-after"
          })
        : null,
      points.length > 0 ? Plot.dot(points, {x: (p) => p[0], y: (p) => p[1], r: 3, fill: svgColor("model")}) : null,
      Plot.text(
        [live ? `dopri5 at tol 1e${o.logTol}: ${points.at(-1)![1]} evaluations` : "measured while the model trains"],
        {
          frameAnchor: "top-left",
          dy: -32,
          fontSize: 20,
          lineAnchor: "top"
        }
      )
    ]
  });
}

export default cnfCost;
