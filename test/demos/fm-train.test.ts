import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import type {FmTrainFrame} from "../../engine/tasks/fm-train.ts";
import {fmTrain} from "../../demos/fm-train.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = defaults(fmTrain.options);
const state = defaults(fmTrain.state);

/** A small seeded frame of the shape the fm-train task streams: 40 points each side, 6 paths of 4 steps. */
function frame(done: boolean): FmTrainFrame {
  const random = rng(5);
  const points = (n: number, scale: number) => {
    const x = new Float64Array(2 * n);
    random.fillNormal(x);
    return new Float32Array(x.map((v) => v * scale));
  };
  const steps = Float64Array.from({length: 20}, (_, i) => 100 * (i + 1));
  const losses = steps.map((s) => 2 / Math.sqrt(s / 100));
  return {
    phase: done ? "done" : "training",
    progress: {steps: done ? 2000 : 1000, total: 2000, stepsPerSecond: 400, loss: 0.5},
    lossSteps: steps,
    lossValues: losses,
    source: points(40, 4),
    heldOut: points(40, 2),
    samples: points(40, 2),
    trajectories: points(5 * 6, 3),
    pathCount: 6,
    ...(done ? {w2: 0.171, w2Floor: 0.105} : {})
  };
}

describe("fm-train", () => {
  it("renders the loss curve beside the samples' axes, with the step while training (snapshot)", () => {
    const figure = fmTrain.render(frame(false), options, state);
    expect(figure.textContent).toContain("step 1000 of 2000");
    expectSvgSnapshot("fmTrainTraining", figure);
  });

  it("shows the W2 next to its floor once done, computed numbers only (snapshot)", () => {
    const figure = fmTrain.render(frame(true), options, state);
    expect(figure.textContent).toContain("W2 0.171");
    expect(figure.textContent).toContain("floor 0.105");
    expectSvgSnapshot("fmTrainDone", figure);
  });

  it("says what it shows and its numbers in its text alternative", () => {
    expect(fmTrain.describe!(frame(true), options, state)).toMatch(/step 2000 of 2000; W2 .* 0\.171, floor 0\.105/);
    expect(fmTrain.describe!(fmTrain.snapshot!(options, state), options, state)).toMatch(/training runs live/);
  });
});
