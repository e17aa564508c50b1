import * as Plot from "@observablehq/plot";
import {choice, type Values} from "../engine/options/schema.ts";
import {maxLikelihoodOptions, type MaxLikelihoodOptions} from "../engine/tasks/max-likelihood-options.ts";
import {maxLikelihoodJob, type MaxLikelihoodFrame} from "../engine/tasks/max-likelihood.ts";
import {covarianceEllipses} from "./layers/ellipses.ts";
import {figure, lossCurve, paddedExtent, particles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  show: choice(["gaussian", "mixture"], "mixture", "which fit is drawn over the data: one Gaussian or the mixture")
};

export type MaxLikelihoodState = Values<typeof state>;

/** The data panel and the NLL strip under it, stacked in the 640 px figure column. */
const PANEL: readonly [number, number] = [600, 270];
const STRIP: readonly [number, number] = [600, 190];

/**
 * Maximum likelihood on a 2D dataset (slide D1.9), fitted in the engine worker: one Gaussian in closed form (the
 * sample mean and covariance) fails on moons; a K-component mixture fitted by EM, one iteration at a time, follows
 * the data. Under the data, the held-out NLL of both against EM's iterations, above the floor H(q): the gap of a
 * held-out NLL to the floor estimates KL(q ‖ p_θ).
 */
export const maxLikelihood: DemoSpec<typeof maxLikelihoodOptions, typeof state, MaxLikelihoodFrame> = {
  id: "max-likelihood",
  description: "one Gaussian vs a mixture fitted by EM to a dataset, with held-out NLL against the entropy floor H(q)",
  options: maxLikelihoodOptions,
  state,
  controls: ["dataset", "k", "show"],
  player: true,
  task: (options) => ({task: "max-likelihood", options}),
  examples: [
    {name: "one Gaussian on moons", state: {show: "gaussian"}},
    {name: "eight gaussians, K = 8", options: {dataset: "8gaussians", k: "8"}}
  ],
  // Print view and the speaker's previews: the whole fit on the page, run to its end (a few hundred milliseconds).
  snapshot: (o) => finalFrame(o),
  render(frame, options, s) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    root.append(dataPanel(frame, options, s), nllPanel(frame, options, s));
    return root;
  },
  describe(frame, o, s) {
    if (!frame) return `fitting ${o.dataset} by maximum likelihood`;
    const last = frame.heldOutNll.length - 1;
    const mix =
      s.show === "mixture"
        ? `; a mixture of ${o.k} Gaussians after ${last} EM iterations has ${frame.heldOutNll[last]!.toFixed(3)}`
        : "";
    return (
      `${o.dataset}: one Gaussian has a held-out NLL of ${frame.gaussianHeldOut.toFixed(3)} nats${mix}; ` +
      `the data's entropy H(q), the lowest possible, is ${frame.entropy.toFixed(3)}`
    );
  }
};

let cached: {key: string; frame: MaxLikelihoodFrame} | undefined;

/** The fit run to its end without pacing (kept for the last options: print view draws each page's state from it). */
export function finalFrame(o: MaxLikelihoodOptions): MaxLikelihoodFrame {
  const key = JSON.stringify(o);
  if (cached?.key === key) return cached.frame;
  const job = maxLikelihoodJob(o, {paced: false});
  let frame: MaxLikelihoodFrame | undefined;
  for (;;) {
    const slice = job.run(50);
    frame = slice.frame ?? frame;
    if (slice.done) break;
  }
  cached = {key, frame: frame!};
  return frame!;
}

/** The data with the fitted ellipses: the Gaussian's at 1 and 2 standard deviations, or every component's at 2. */
function dataPanel(frame: MaxLikelihoodFrame | undefined, o: MaxLikelihoodOptions, s: MaxLikelihoodState): Element {
  const extent = frame ? paddedExtent([frame.data], 0.12) : ([-1.5, 2.5, -1, 1.5] as const);
  const marks: Plot.Markish[] = [];
  if (frame) {
    marks.push(particles(frame.data, {color: "target", symbol: "diamond", r: 2, opacity: 0.45}));
    if (s.show === "gaussian") {
      const mean = [frame.gaussianMean[0]!, frame.gaussianMean[1]!] as const;
      marks.push(covarianceEllipses([{mean, cov: frame.gaussianCov}], {kind: "model", levels: [1, 2], strokeWidth: 3}));
      marks.push(Plot.dot([mean], {x: (m) => m[0], y: (m) => m[1], r: 5, fill: palette.model}));
    } else {
      const K = frame.weights.length;
      const maxW = Math.max(...frame.weights);
      const list = [];
      for (let k = 0; k < K; k++) {
        if (!(frame.weights[k]! > 0)) continue;
        list.push({
          mean: [frame.means[2 * k]!, frame.means[2 * k + 1]!] as const,
          cov: frame.covs.subarray(4 * k, 4 * k + 4),
          opacity: 0.35 + (0.6 * frame.weights[k]!) / maxW
        });
      }
      marks.push(covarianceEllipses(list, {levels: [2], strokeWidth: 2.5}));
      marks.push(Plot.dot(list, {x: (e) => e.mean[0], y: (e) => e.mean[1], r: 4, fill: palette.conditional}));
    }
  }
  return figure({
    label: `${o.dataset} with the maximum-likelihood fit of ${s.show === "gaussian" ? "one Gaussian" : `a mixture of ${o.k} Gaussians`}`,
    size: PANEL,
    equal: true,
    marginTop: 8,
    marginBottom: 8,
    marginLeft: 8,
    marginRight: 8,
    x: {domain: [extent[0], extent[1]], axis: null},
    y: {domain: [extent[2], extent[3]], axis: null},
    marks
  });
}

/** Held-out NLL (nats) against EM iteration: the mixture's curve, one Gaussian's level, the floor H(q). */
function nllPanel(frame: MaxLikelihoodFrame | undefined, o: MaxLikelihoodOptions, s: MaxLikelihoodState): Element {
  const marks: Plot.Markish[] = [];
  let domain: [number, number] = [0, 3];
  if (frame) {
    const mixture = s.show === "mixture";
    const last = frame.heldOutNll.length - 1;
    const top = Math.max(
      frame.gaussianHeldOut,
      mixture ? Math.min(frame.heldOutNll[0]!, frame.gaussianHeldOut + 1) : 0
    );
    const bottom = Number.isFinite(frame.entropy)
      ? Math.min(frame.entropy, frame.heldOutNll[last]!)
      : frame.heldOutNll[last]!;
    domain = [bottom - 0.3 * (top - bottom) - 0.05, top + 0.12 * (top - bottom) + 0.05];
    const floor = Number.isFinite(frame.entropy) ? frame.entropy : undefined;
    marks.push(
      Plot.ruleY([frame.gaussianHeldOut], {stroke: palette.model, strokeWidth: 2.5, strokeDasharray: "2 4"}),
      Plot.text([`one Gaussian ${frame.gaussianHeldOut.toFixed(2)}`], {
        frameAnchor: "right",
        y: frame.gaussianHeldOut,
        dy: -14,
        textAnchor: "end",
        fill: palette.model,
        fontSize: 20
      })
    );
    if (floor !== undefined) {
      // The floor's label sits under its right end: the falling curve passes over its left end.
      marks.push(
        Plot.ruleY([floor], {stroke: palette.muted, strokeWidth: 2, strokeDasharray: "10 6"}),
        Plot.text([`floor H(q) = ${floor.toFixed(3)}`], {
          frameAnchor: "right",
          y: floor,
          dy: 16,
          textAnchor: "end",
          fill: palette.muted,
          fontSize: 20
        })
      );
    }
    if (mixture) {
      // Values above the plotted range (the start can be far off) are clipped to its top.
      marks.push(
        lossCurve(
          frame.iteration,
          frame.heldOutNll.map((v) => Math.min(v, domain[1])),
          {label: `K = ${o.k}: ${frame.heldOutNll[last]!.toFixed(2)}`}
        )
      );
    }
  }
  return figure({
    label: "held-out negative log-likelihood against EM iteration",
    size: STRIP,
    marginTop: 34,
    marginRight: 150,
    marginBottom: 56,
    marginLeft: 56,
    x: {label: "EM iteration", domain: [0, o.iterations]},
    y: {label: "held-out NLL (nats)", labelAnchor: "top", labelOffset: 50, domain, ticks: 3},
    marks
  });
}

export default maxLikelihood;
