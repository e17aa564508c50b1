import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {ARROWS, HEAT, TIMES} from "../../engine/tasks/fm-regression-options.ts";
import type {FmRegressionFrame} from "../../engine/tasks/fm-regression.ts";
import {fmRegression, type FmRegressionStill} from "../../demos/fm-regression.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

const options = defaults(fmRegression.options);
const state = defaults(fmRegression.state);

/** A frame of the task's shape whose grids are the page's closed form at every time, with a made-up model. */
function frame(done: boolean): FmRegressionFrame {
  const T = TIMES.length;
  const density = new Float32Array(T * HEAT * HEAT);
  const truth = new Float32Array(T * ARROWS * ARROWS * 2);
  TIMES.forEach((t, k) => {
    const still = fmRegression.snapshot!(options, {t}) as FmRegressionStill;
    density.set(still.density, k * HEAT * HEAT);
    truth.set(still.truth, 2 * k * ARROWS * ARROWS);
  });
  const steps = Float64Array.from({length: 20}, (_, i) => 50 * (i + 1));
  return {
    phase: done ? "done" : "training",
    progress: {steps: done ? 1000 : 500, total: 1000, stepsPerSecond: 400, loss: 0.05},
    lossSteps: steps,
    lossValues: steps.map((s) => 1 / s),
    error: new Float32Array(T * HEAT * HEAT).map((_, i) => (i % 7) / 10),
    density,
    learned: truth.map((v) => 0.9 * v),
    truth,
    weighted: Float64Array.from(TIMES, (t) => 0.01 + t / 10),
    ...(done ? {fmSpeed: 150, cnfSpeed: 1.5} : {})
  };
}

describe("fm-regression", () => {
  it("draws the true field of the still at the nearest of its times, the same one the worker sends", () => {
    const still = fmRegression.snapshot!(options, {t: 0.73}) as FmRegressionStill;
    expect(still.t).toBe(0.75);
    const live = frame(false);
    const k = TIMES.indexOf(0.75);
    expect(Array.from(still.truth)).toEqual(
      Array.from(live.truth.subarray(2 * k * ARROWS * ARROWS, 2 * (k + 1) * ARROWS * ARROWS))
    );
  });

  it("prints the FM loss at the chosen t and, at the end, both measured speeds", () => {
    const done = frame(true);
    const text = fmRegression.describe!(done, options, {t: 0.5});
    expect(text).toContain(`FM loss at t = 0.50: ${done.weighted[10]!.toPrecision(2)}`);
    expect(text).toContain("FM regression 150 steps/s, maximum-likelihood CNF 1.50 steps/s");
    const svg = fmRegression.render(done, options, {t: 0.5});
    expect(svg.textContent).toContain("same net: FM 150 steps/s · MLE CNF 1.5 steps/s");
  });

  it("renders training and done frames (snapshots)", () => {
    expectSvgSnapshot("fm-regression-training", fmRegression.render(frame(false), options, state));
    expectSvgSnapshot("fm-regression-done", fmRegression.render(frame(true), options, {t: 0.9}));
  });
});
