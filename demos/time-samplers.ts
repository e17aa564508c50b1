import * as Plot from "@observablehq/plot";
import {choice, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {pi0Time} from "../engine/time/beta.ts";
import {logitNormalTime, shiftedTime, uniformTime, type TimeSampler} from "../engine/time/samplers.ts";
import {figure, histogram} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  seed: seed(0)
};

const state = {
  sampler: choice(
    ["uniform", "logit-normal", "pi0-beta"],
    "logit-normal",
    "how training times are drawn: uniform, logit-normal (SD3), Beta(1.5, 1) in π0's reversed time"
  ),
  mu: number(0, "μ_ln of the logit-normal, in our time (SD3's own value is −μ_ln)", {min: -2, max: 2, step: 0.1}),
  spread: number(1, "ς of the logit-normal", {min: 0.3, max: 2.5, step: 0.1}),
  kappa: number(1, "SD3 resolution shift κ (1: none): t' = t / (κ − (κ − 1) t)", {min: 0.25, max: 6, step: 0.05})
};

/** Options of `time-samplers`. */
export type TimeSamplersOptions = Values<typeof options>;
/** State of `time-samplers`. */
export type TimeSamplersState = Values<typeof state>;

/** Draws of t under one sampler and the numbers the figure states. */
export interface TimeSamplersFrame {
  samples: Float64Array;
  /** The sampler's exact density on (0, 1). */
  density: (t: number) => number;
  /** Sample mean of the draws. */
  sampleMean: number;
  /** ∫ t p(t) dt of the exact density (midpoint rule). */
  exactMean: number;
  /** ∫ p(t) dt of the exact density (midpoint rule): 1 when the density is right. */
  mass: number;
}

/** Draws shown in the histogram. */
export const DRAWS = 20000;
/** Cells of the midpoint rule for ∫ p and ∫ t p. */
const CELLS = 4000;

/** The sampler a state names, in flow time (t = 0 noise, t = 1 data), with the SD3 shift κ on top (κ = 1: none). */
export function samplerOf({sampler, mu, spread, kappa}: TimeSamplersState): TimeSampler {
  const base =
    sampler === "uniform"
      ? uniformTime()
      : sampler === "pi0-beta"
        ? pi0Time()
        : logitNormalTime({mean: mu, std: spread});
  return kappa === 1 ? base : shiftedTime(kappa, base);
}

/** Midpoint-rule ∫₀¹ f(t) p(t) dt. */
function integrate(density: (t: number) => number, f: (t: number) => number): number {
  let sum = 0;
  for (let c = 0; c < CELLS; c++) {
    const t = (c + 0.5) / CELLS;
    sum += f(t) * density(t);
  }
  return sum / CELLS;
}

/** 20,000 draws on the page (a few milliseconds) and the exact density's mass and mean. */
export function computeFrame(seedValue: number, s: TimeSamplersState): TimeSamplersFrame {
  const sampler = samplerOf(s);
  const samples = sampler.sample(new Float64Array(DRAWS), DRAWS, rng(seedValue));
  const density = sampler.density!;
  let sum = 0;
  for (const v of samples) sum += v;
  return {
    samples,
    density,
    sampleMean: sum / DRAWS,
    exactMean: integrate(density, (t) => t),
    mass: integrate(density, () => 1)
  };
}

const title: Record<TimeSamplersState["sampler"], string> = {
  uniform: "uniform",
  "logit-normal": "logit-normal",
  "pi0-beta": "π0: 1 − Beta(1.5, 1)"
};

function label(s: TimeSamplersState): string {
  const name =
    s.sampler === "logit-normal" ? `logit-normal(${s.mu.toFixed(1)}, ${s.spread.toFixed(1)})` : title[s.sampler];
  return s.kappa === 1 ? name : `${name}, shift κ = ${s.kappa.toFixed(2)}`;
}

/**
 * Training-time samplers of flow matching in our time (t = 0 noise, t = 1 data): a histogram of 20,000 draws of the
 * engine's sampler against its exact density, with the sample mean next to the density's mean. Logit-normal with
 * location μ_ln and spread ς (SD3), π0's Beta(1.5, 1) read in our time, and the SD3 resolution shift κ on any of them.
 */
export const timeSamplers: DemoSpec<typeof options, typeof state, TimeSamplersFrame> = {
  id: "time-samplers",
  description: "a histogram of 20,000 training times under a sampler against its exact density",
  options,
  state,
  controls: ["sampler", "mu", "spread", "kappa"],
  examples: [
    {name: "pi0 beta", state: {sampler: "pi0-beta"}},
    {name: "uniform shifted by 3", state: {sampler: "uniform", kappa: "3"}}
  ],
  snapshot: ({seed}, s) => computeFrame(seed, s),
  render(frame, {seed}, s) {
    const f = frame ?? computeFrame(seed, s);
    return figure({
      label: `training times t under ${label(s)}`,
      description: describeFrame(f, s),
      size: [600, 440],
      marginTop: 64,
      // A spread above √2 makes the logit-normal peak near both ends, higher than the bars: keep the curve inside.
      clip: true,
      x: {domain: [0, 1], label: "t   (0 noise → 1 data)"},
      y: {label: "density", domain: [0, Math.max(3, ...histogramPeak(f))], ticks: 4},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        histogram(f.samples, {domain: [0, 1], bins: 40, color: "model", curve: f.density, curveColor: "ink"}),
        Plot.text([`${label(s)}\nmean ${f.sampleMean.toFixed(3)} (exact ${f.exactMean.toFixed(3)})`], {
          frameAnchor: "top-left",
          dy: -58,
          lineAnchor: "top",
          lineHeight: 1.2,
          clip: false
        })
      ]
    });
  },
  describe(frame, _options, s) {
    return frame ? describeFrame(frame, s) : `training times under ${label(s)}`;
  }
};

/** The tallest bar, so that the y domain holds it (the exact curve may peak higher where it diverges). */
function histogramPeak(f: TimeSamplersFrame): number[] {
  const bins = new Float64Array(40);
  for (const v of f.samples) bins[Math.min(39, Math.floor(v * 40))]! += 40 / f.samples.length;
  return [Math.ceil(Math.max(...bins) * 1.15 * 2) / 2];
}

function describeFrame(f: TimeSamplersFrame, s: TimeSamplersState): string {
  return (
    `A histogram of ${DRAWS} training times under ${label(s)}, in flow time (0 noise, 1 data), against the exact ` +
    `density (its integral ${f.mass.toFixed(4)}). Sample mean ${f.sampleMean.toFixed(3)}, exact mean ` +
    `${f.exactMean.toFixed(3)}.`
  );
}

export default timeSamplers;
