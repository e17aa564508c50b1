import * as Plot from "@observablehq/plot";
import {mogPreset} from "../engine/data/mog-presets.ts";
import {marginalField} from "../engine/fm/marginal.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {lipmanPath} from "../engine/paths/cfm.ts";
import {
  ARROWS,
  EXTENT,
  fmRegressionOptions,
  gridPoints,
  HEAT,
  TIMES,
  type FmRegressionOptions
} from "../engine/tasks/fm-regression-options.ts";
import type {FmRegressionFrame} from "../engine/tasks/fm-regression.ts";
import {arrowField, densityContours, densityRaster, figure, lossCurve} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  t: number(0.7, "the time the error and the arrows are shown at", {min: 0, max: TIMES.at(-1)!, step: 0.05})
};

/** A static view (print, speaker previews: no worker): the true field and p_t at the declared t, on the page. */
export type FmRegressionStill = {still: true; t: number; density: Float32Array; truth: Float32Array};
type Frame = FmRegressionFrame | FmRegressionStill;
const isLive = (frame: Frame | undefined): frame is FmRegressionFrame => frame !== undefined && !("still" in frame);

/** The squared error drawn solid red (and above): the scale stays fixed while the model learns. */
const ERROR_SOLID = 0.5;
const PANEL = 330;
const STRIP: readonly [number, number] = [780, 330];
/** The error is shown where p_t exceeds this fraction of its peak: the loss sees nothing elsewhere. */
const SUPPORT = 0.02;
const N01 = {weights: new Float64Array([1]), means: new Float64Array(2), covs: new Float64Array([1, 0, 0, 1])};

/** The index in TIMES nearest to t. */
const timeIndex = (t: number) => Math.min(TIMES.length - 1, Math.max(0, Math.round(t * 20)));

/**
 * Flow matching when the answer is known (lecture D4.2): an MLP regresses, in the engine worker, on the closed-form
 * marginal field of the straight path from N(0, I) to a Gaussian mixture. At the t the viewer picks: the squared
 * error ‖u^θ_t − u_t‖² as a red heatmap, p_t as brown contours, the true arrows (brown) under the learned ones
 * (purple); beside it the loss curve, the FM loss at that t, and a measured speed comparison with a CNF trained by
 * maximum likelihood (same network, same batch).
 */
export const fmRegression: DemoSpec<typeof fmRegressionOptions, typeof state, Frame> = {
  id: "fm-regression",
  description: "an MLP regressing on a known marginal field (FM, not CFM): error heatmap, arrows, loss, speed vs MLE",
  options: fmRegressionOptions,
  state,
  controls: ["mixture", "lr", "t"],
  player: true,
  task: (options) => ({task: "fm-regression", options}),
  snapshot(options, {t}) {
    const k = timeIndex(t);
    const field = marginalField(lipmanPath(0), N01, mogPreset(options.mixture));
    const logp = new Float64Array(HEAT * HEAT);
    field.logDensity(logp, gridPoints(HEAT), HEAT * HEAT, TIMES[k]!);
    const truth = new Float64Array(2 * ARROWS * ARROWS);
    field.velocity(truth, gridPoints(ARROWS), ARROWS * ARROWS, TIMES[k]!);
    return {still: true, t: TIMES[k]!, density: new Float32Array(logp.map(Math.exp)), truth: new Float32Array(truth)};
  },
  render(frame, options, {t}) {
    const panels = document.createElement("div");
    panels.className = "demo-panels";
    panels.append(lossPanel(frame, options, t), fieldPanel(frame, options, t));
    return panels;
  },
  describe(frame, options, {t}) {
    const what = `flow matching by regression on the known marginal field, N(0, I) to ${options.mixture}`;
    if (!isLive(frame)) return `${what}: the true field at t = ${t.toFixed(2)}; training runs live on the slide`;
    const k = timeIndex(t);
    const speed =
      frame.fmSpeed !== undefined && frame.cnfSpeed !== undefined
        ? `; same network and batch: FM regression ${frame.fmSpeed.toFixed(0)} steps/s, maximum-likelihood CNF ${frame.cnfSpeed.toFixed(2)} steps/s`
        : "";
    return (
      `${what}: step ${frame.progress.steps} of ${frame.progress.total}, ` +
      `FM loss at t = ${TIMES[k]!.toFixed(2)}: ${frame.weighted[k]!.toPrecision(2)}${speed}`
    );
  },
  examples: [
    {name: "two modes near the data", options: {mixture: "two-modes"}, state: {t: "0.9"}},
    {name: "uneven three at the start", options: {mixture: "uneven-three"}, state: {t: "0.2"}}
  ]
};

/** The field panel at the TIMES entry nearest t: error heatmap (live only), p_t contours, true and learned arrows. */
function fieldPanel(frame: Frame | undefined, options: FmRegressionOptions, t: number): Element {
  const k = timeIndex(t);
  const heat = (values: ArrayLike<number>) => ({nx: HEAT, ny: HEAT, extent: EXTENT, values});
  const arrows = (values: ArrayLike<number>) => ({nx: ARROWS, ny: ARROWS, extent: EXTENT, values});
  const marks: Plot.Markish[] = [];
  if (frame) {
    const live = isLive(frame);
    const h = HEAT * HEAT;
    const a = 2 * ARROWS * ARROWS;
    const density = live ? frame.density.subarray(k * h, (k + 1) * h) : frame.density;
    const truth = live ? frame.truth.subarray(k * a, (k + 1) * a) : frame.truth;
    // One arrow scale for both fields: the true field's fastest arrow.
    let speed = 0;
    for (let i = 0; i < truth.length; i += 2) speed = Math.max(speed, Math.hypot(truth[i]!, truth[i + 1]!));
    if (live) {
      let peak = 0;
      for (const v of density) peak = Math.max(peak, v);
      const error = frame.error.slice(k * h, (k + 1) * h).map((e, i) => (density[i]! >= SUPPORT * peak ? e : NaN));
      marks.push(densityRaster(heat(error), {color: "error", max: ERROR_SOLID, opacity: 0.75}));
    }
    marks.push(densityContours(heat(density), {kind: "marginal", thresholds: 4, strokeWidth: 1.5, opacity: 0.7}));
    marks.push(arrowField(arrows(truth), {kind: "marginal", speed, strokeWidth: 4, opacity: 0.55}));
    if (live)
      marks.push(
        arrowField(arrows(frame.learned.subarray(k * a, (k + 1) * a)), {kind: "model", speed, strokeWidth: 2})
      );
  }
  return figure({
    label: `the learned and the true marginal field at t = ${TIMES[k]!.toFixed(2)}, N(0, I) to ${options.mixture}`,
    size: [PANEL, PANEL],
    equal: true,
    marginLeft: 40,
    marginBottom: 40,
    x: {domain: [EXTENT[0], EXTENT[1]], label: null, ticks: 3},
    y: {domain: [EXTENT[2], EXTENT[3]], label: null, ticks: 3},
    marks
  });
}

/** The loss curve with the run's numbers above it: step and speed, the FM loss at t, then the MLE comparison. */
function lossPanel(frame: Frame | undefined, options: FmRegressionOptions, t: number): Element {
  const live = isLive(frame) ? frame : undefined;
  const steps = live?.lossSteps ?? new Float64Array(0);
  const losses = live?.lossValues ?? new Float64Array(0);
  const k = timeIndex(t);
  const lines = live
    ? [
        `step ${live.progress.steps} of ${live.progress.total} · ${live.progress.stepsPerSecond.toFixed(0)} steps/s`,
        `FM loss at t = ${TIMES[k]!.toFixed(2)}: ${live.weighted[k]!.toPrecision(2)}`,
        live.fmSpeed !== undefined && live.cnfSpeed !== undefined
          ? `same net: FM ${live.fmSpeed.toFixed(0)} steps/s · MLE CNF ${live.cnfSpeed.toFixed(1)} steps/s`
          : live.phase === "training"
            ? ""
            : "timing FM and MLE CNF steps…"
      ]
    : [frame ? `${options.steps} steps train live on the slide` : "starting…", "", ""];
  return figure({
    label: "FM loss against step",
    size: STRIP,
    marginTop: 90,
    marginRight: 90,
    marginLeft: 96,
    x: {label: "step", domain: [0, live?.progress.total ?? options.steps]},
    y: {
      label: "loss",
      type: "log",
      ticks: 3,
      tickFormat: (v: number) => String(Number(v.toPrecision(2))),
      ...(steps.length === 0 ? {domain: [1e-3, 10]} : {})
    },
    marks: [
      steps.length > 0 ? lossCurve(steps, losses, {log: true, label: "L_FM"}) : null,
      Plot.text([lines.join("\n")], {
        frameAnchor: "top-left",
        dy: -84,
        fontSize: 22,
        lineAnchor: "top",
        lineHeight: 1.2
      })
    ]
  });
}

export type FmRegressionState = Values<typeof state>;

export default fmRegression;
