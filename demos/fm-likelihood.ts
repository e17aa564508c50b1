import * as Plot from "@observablehq/plot";
import type {Values} from "../engine/options/schema.ts";
import {fmLikelihoodOptions, likelihoodBox} from "../engine/tasks/fm-likelihood-options.ts";
import {likelihoodStill, type FmLikelihoodFrame} from "../engine/tasks/fm-likelihood.ts";
import {shippedLabel} from "../engine/weights/names.ts";
import {densityRaster, figure} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {};

/** The solvers' names as the slides write them. */
export const SOLVER_LABEL = {euler: "Euler", midpoint: "midpoint", rk4: "RK4"} as const;

/**
 * The density of a shipped flow-matching model, computed as a CNF's (backward solve with the divergence of the
 * network, in the worker), as a heatmap that fills in row by row next to the data's exact density on the same pixels;
 * then the mean NLL of held-out data next to the data's entropy.
 */
export const fmLikelihood: DemoSpec<typeof fmLikelihoodOptions, typeof state, FmLikelihoodFrame> = {
  id: "fm-likelihood",
  description: "a flow-matching model's density by the CNF change of variables, next to the data's, with the test NLL",
  options: fmLikelihoodOptions,
  state,
  controls: ["steps", "divergence", "model"],
  task: (options) => ({task: "fm-likelihood", options}),
  snapshot: (options) => likelihoodStill(options),
  render(frame, options) {
    return heatmaps(frame, options);
  },
  describe(frame, options) {
    const what = `density of ${shippedLabel(options.model)} by a backward ${SOLVER_LABEL[options.solver]} solve of ${options.steps} steps with the ${options.divergence} divergence, next to the data's exact density`;
    if (!frame) return `${what}: starting`;
    if (frame.still) return `${what}: the data's density; the model's is computed live on the slide`;
    if (frame.nll === undefined) return `${what}: ${frame.rowsDone} of ${frame.ny} rows computed`;
    return `${what}: mean NLL of held-out data ${frame.nll.toFixed(3)} nats, data entropy ${frame.entropy?.toFixed(3)} nats, ${frame.nfe} evaluations per solve`;
  },
  examples: [{name: "Hutchinson, 4 steps", options: {divergence: "hutchinson", steps: "4"}}]
};

function readoutOf(frame: FmLikelihoodFrame | undefined): string {
  if (!frame) return "loading the shipped model…";
  if (frame.still) return "computed live on the slide";
  if (frame.nll === undefined) return `solving backward: row ${frame.rowsDone} of ${frame.ny}`;
  return `test NLL ${frame.nll.toFixed(3)} nats · NFE ${frame.nfe} per solve`;
}

function maxExp(logp: Float64Array): number {
  let m = 0;
  for (const v of logp) if (Number.isFinite(v)) m = Math.max(m, Math.exp(v));
  return m || 1;
}

/** Gap between the two maps, in data units. */
const GAP = 0.8;

/**
 * Both heatmaps in one figure on one colour scale: the model's (model colour) on the left, the data's (target colour)
 * on the right, shifted by the box's width plus a gap. Positions are not the point here, so there are no axes.
 */
function heatmaps(frame: FmLikelihoodFrame | undefined, o: Values<typeof fmLikelihoodOptions>): Element {
  const [x0, x1, y0, y1] = likelihoodBox;
  const shift = x1 - x0 + GAP;
  const marks: Plot.Markish[] = [];
  if (frame) {
    const max = maxExp(frame.dataLogp);
    const values = (logp: Float64Array) => Array.from(logp, (v) => (Number.isFinite(v) ? Math.exp(v) : 0));
    const [a, b, c, d] = frame.extent;
    marks.push(
      densityRaster(
        {nx: frame.nx, ny: frame.ny, extent: [a, b, c, d], values: values(frame.modelLogp)},
        {color: "model", max}
      ),
      densityRaster(
        {nx: frame.nx, ny: frame.ny, extent: [a + shift, b + shift, c, d], values: values(frame.dataLogp)},
        {color: "target", max}
      )
    );
  }
  const boxes = [0, shift].map((dx) => ({x1: x0 + dx, x2: x1 + dx, y1: y0, y2: y1}));
  marks.push(
    Plot.rect(boxes, {x1: "x1", x2: "x2", y1: "y1", y2: "y2", stroke: "var(--fd-rule)", fill: "none"}),
    Plot.text([`model ${shippedLabel(o.model)}: p₁(x)\n${readoutOf(frame)}`], {
      x: x0,
      y: y1,
      dy: -14,
      textAnchor: "start",
      lineAnchor: "bottom",
      fontSize: 20,
      lineHeight: 1.25
    }),
    Plot.text(
      [
        `data: exact density q(x)\n${frame?.entropy !== undefined ? `entropy H(q) ${frame.entropy.toFixed(3)} nats` : " "}`
      ],
      {
        x: x0 + shift,
        y: y1,
        dy: -14,
        textAnchor: "start",
        lineAnchor: "bottom",
        fontSize: 20,
        lineHeight: 1.25
      }
    )
  );
  return figure({
    label: "the model's density next to the data's",
    size: [1180, 280],
    marginTop: 70,
    marginLeft: 10,
    marginRight: 10,
    marginBottom: 10,
    x: {domain: [x0, x1 + shift], axis: null},
    y: {domain: [y0, y1], axis: null},
    marks
  });
}

export default fmLikelihood;
