import * as Plot from "@observablehq/plot";
import type {Values} from "../engine/options/schema.ts";
import {fmLikelihoodOptions, likelihoodBox} from "../engine/tasks/fm-likelihood-options.ts";
import type {FmLikelihoodFrame} from "../engine/tasks/fm-likelihood.ts";
import {shippedLabel} from "../engine/weights/names.ts";
import {densityRaster, figure} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {};

const PANEL: readonly [number, number] = [560, 360];

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
  render(frame, options) {
    const panels = document.createElement("div");
    panels.className = "demo-panels";
    const max = frame ? maxExp(frame.dataLogp) : 1;
    panels.append(
      panel(frame, "model", `${shippedLabel(options.model)}: p₁(x) = exp log p₁(x)`, readoutOf(frame, options), max),
      panel(
        frame,
        "data",
        "data: exact density q(x)",
        frame?.entropy !== undefined ? `entropy H(q) ${frame.entropy.toFixed(3)}` : " ",
        max
      )
    );
    return panels;
  },
  describe(frame, options) {
    const what = `density of ${shippedLabel(options.model)} by a backward RK4 solve of ${options.steps} steps with the ${options.divergence} divergence, next to the data's exact density`;
    if (!frame) return `${what}: starting`;
    if (frame.nll === undefined) return `${what}: ${frame.rowsDone} of ${frame.ny} rows computed`;
    return `${what}: mean NLL of held-out data ${frame.nll.toFixed(3)} nats, data entropy ${frame.entropy?.toFixed(3)} nats, ${frame.nfe} evaluations per solve`;
  },
  examples: [{name: "Hutchinson, 4 steps", options: {divergence: "hutchinson", steps: "4"}}]
};

function readoutOf(frame: FmLikelihoodFrame | undefined, o: Values<typeof fmLikelihoodOptions>): string {
  if (!frame) return "loading the shipped model…";
  if (frame.nll === undefined) return `solving backward: row ${frame.rowsDone} of ${frame.ny}`;
  return `test NLL ${frame.nll.toFixed(3)} nats · NFE ${4 * o.steps} per solve`;
}

function maxExp(logp: Float64Array): number {
  let m = 0;
  for (const v of logp) if (Number.isFinite(v)) m = Math.max(m, Math.exp(v));
  return m || 1;
}

/** One heatmap: the model's (model colour) or the data's (target colour), on one shared colour scale. */
function panel(
  frame: FmLikelihoodFrame | undefined,
  which: "model" | "data",
  title: string,
  readout: string,
  max: number
): Element {
  const [x0, x1, y0, y1] = likelihoodBox;
  const marks: Plot.Markish[] = [];
  if (frame) {
    const logp = which === "model" ? frame.modelLogp : frame.dataLogp;
    const values = Array.from(logp, (v) => (Number.isFinite(v) ? Math.exp(v) : 0));
    marks.push(
      densityRaster(
        {nx: frame.nx, ny: frame.ny, extent: frame.extent, values},
        {color: which === "model" ? "model" : "target", max}
      )
    );
  }
  marks.push(
    Plot.text([`${title}\n${readout}`], {
      frameAnchor: "top-left",
      dy: -60,
      fontSize: 20,
      lineAnchor: "top",
      lineHeight: 1.25
    })
  );
  return figure({
    label: title,
    size: PANEL,
    marginTop: 70,
    equal: true,
    x: {domain: [x0, x1], label: null, ticks: 5},
    y: {domain: [y0, y1], label: null, ticks: 3},
    marks
  });
}

export default fmLikelihood;
