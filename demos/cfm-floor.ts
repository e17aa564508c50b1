import * as Plot from "@observablehq/plot";
import {boolean, type Values} from "../engine/options/schema.ts";
import {cfmFloor as floorOf} from "../engine/fm/floor.ts";
import {marginalField} from "../engine/fm/marginal.ts";
import {lipmanPath} from "../engine/paths/cfm.ts";
import {rng} from "../engine/random.ts";
import {cfmFloorOptions, floorMixture, type CfmFloorOptions} from "../engine/tasks/cfm-floor-options.ts";
import type {CfmFloorFrame} from "../engine/tasks/cfm-floor.ts";
import {figure, lossCurve} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  lifted: boolean(false, "also draw L_FM + C, which lies on L_CFM")
};

const SIZE: readonly [number, number] = [480, 380];
/** Monte Carlo draws of C in a still (print, speaker previews): a few ms on the page. */
const STILL_SAMPLES = 500;
/** The share of the run (its end) over which the readout averages L_CFM − L_FM. */
const TAIL = 0.25;

/**
 * Same gradients, and the floor (D4.9): while a network trains with the CFM loss on a Gaussian mixture, the CFM loss
 * of each minibatch (purple) and the FM loss of the same points against the closed-form marginal field (brown) fall
 * together, a constant C apart; C (dashed) is estimated before training from the closed-form conditional variance.
 * All per coordinate: a squared 2D norm divided by d = 2.
 */
export const cfmFloor: DemoSpec<typeof cfmFloorOptions, typeof state, CfmFloorFrame> = {
  id: "cfm-floor",
  description: "the CFM and FM losses of the same minibatches, a constant C apart, with C from the closed form",
  options: cfmFloorOptions,
  state,
  controls: ["dataset", "sigma", "lifted"],
  player: true,
  task: (options) => ({task: "cfm-floor", options}),
  examples: [
    {name: "wide sigma", options: {sigma: "1"}},
    {name: "lifted FM curve", options: {dataset: "torchcfm-8gaussians"}, state: {lifted: "true"}}
  ],
  snapshot({dataset, sigma, steps, seed}) {
    const path = lipmanPath(sigma);
    const q = floorMixture(dataset);
    const c = floorOf(path, marginalField(path, q, q), q, STILL_SAMPLES, rng(seed + 777));
    const none = new Float64Array(0);
    return {
      progress: {steps: 0, total: steps, stepsPerSecond: 0},
      lossSteps: none,
      cfm: none,
      fm: none,
      spread: none,
      floor: c.value,
      floorStderr: c.stderr
    };
  },
  render(frame, options, {lifted}) {
    const steps = frame?.lossSteps ?? new Float64Array(0);
    const top = frame ? Math.max(1.2 * frame.floor, ...frame.cfm.filter(isFinite)) * 1.08 : 5;
    const marks: Plot.Markish[] = [
      Plot.text([readout(frame, options)], {frameAnchor: "top-left", dy: -60, fontSize: 22, lineAnchor: "top"})
    ];
    if (frame) {
      const c = frame.floor;
      marks.push(
        lossCurve(steps, frame.cfm, {color: "model", label: "L_CFM"}),
        lossCurve(steps, frame.fm, {color: "marginal", label: "L_FM"}),
        // The floor, labelled under its right end (the CFM curve runs just above it).
        Plot.ruleY([c], {stroke: "var(--fd-muted)", strokeWidth: 2, strokeDasharray: "10 6"}),
        Plot.text([c], {
          y: (v: number) => v,
          text: () => "C",
          frameAnchor: "right",
          fill: "var(--fd-muted)",
          dy: 18,
          dx: -4
        })
      );
      if (lifted) {
        const up = Array.from(steps, (s, i) => [s, frame.fm[i]! + c] as const);
        marks.push(Plot.line(up, {stroke: "var(--fd-marginal)", strokeWidth: 2, strokeDasharray: "3 5"}));
      }
    }
    return figure({
      label: "the CFM and FM losses of the same minibatches against training step, and the floor C",
      size: SIZE,
      marginTop: 70,
      marginRight: 96,
      x: {label: "step", domain: [0, frame?.progress.total ?? options.steps]},
      y: {label: "loss per coordinate (‖·‖² / 2)", domain: [0, top], ticks: 5},
      marks
    });
  },
  describe(frame, options) {
    const what = `CFM training on ${options.dataset}, σ_min ${options.sigma}`;
    if (!frame) return `${what}: starting`;
    const gap = tailGap(frame);
    return (
      `${what}: step ${frame.progress.steps} of ${frame.progress.total}; floor C = ${frame.floor.toFixed(3)} ± ` +
      `${frame.floorStderr.toFixed(3)} per coordinate` +
      (gap !== undefined ? `; L_CFM − L_FM over the last quarter ${gap.toFixed(3)}` : "")
    );
  }
};

/** Mean of L_CFM − L_FM over the last quarter of the curve's points (undefined before there are 4 points). */
export function tailGap(frame: CfmFloorFrame): number | undefined {
  const n = frame.cfm.length;
  if (n < 4) return undefined;
  const from = Math.floor(n * (1 - TAIL));
  let sum = 0;
  for (let i = from; i < n; i++) sum += frame.cfm[i]! - frame.fm[i]!;
  return sum / (n - from);
}

function readout(frame: CfmFloorFrame | undefined, options: CfmFloorOptions): string {
  if (!frame) return "training with the CFM loss…";
  const c = `C = ${frame.floor.toFixed(2)} ± ${frame.floorStderr.toFixed(2)}`;
  if (frame.lossSteps.length === 0) return `${c}\n${options.steps} steps train live on the slide`;
  const gap = tailGap(frame);
  return gap !== undefined ? `${c}\nL_CFM − L_FM = ${gap.toFixed(2)} (last quarter)` : `${c}\nstarting…`;
}

export type CfmFloorState = Values<typeof state>;

export default cfmFloor;
