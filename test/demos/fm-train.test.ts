import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import type {FmTrainFrame} from "../../engine/tasks/fm-train.ts";
import {fmTrain} from "../../demos/fm-train.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {maxDifference, recompute} from "./still/independent.ts";

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

  it("its print still is the shipped model of the slide's method, recomputed independently, and says so", async () => {
    const o = {...options, method: "ot-cfm" as const, source: "8gaussians", target: "torchcfm-moons"};
    const still = await fmTrain.still!(o, state);
    if (!("shipped" in still)) throw new Error("no shipped still for ot-cfm");
    expect(maxDifference(still.samples, await recompute("ot-cfm", 200, still.solver, still.steps))).toBeLessThan(2e-3);
    const text = fmTrain.render(still, o, state).textContent ?? "";
    expect(text).toContain("shipped OT-CFM, N(0, I) → moons");
    expect(text).toContain("200 samples, 4 midpoint steps");
    expect(text).toContain("the slide trains 8 Gaussians → moons live");
    expect(fmTrain.describe!(still, o, state)).toMatch(/shipped OT-CFM.*; the slide trains 8 Gaussians → moons live/);
    // I-CFM's slide gets the shipped I-CFM, a method with no shipped model its data and "trains live".
    const icfm = await fmTrain.still!({...o, method: "i-cfm"}, state);
    expect(
      maxDifference((icfm as {samples: Float32Array}).samples, await recompute("i-cfm", 200, "midpoint", 4))
    ).toBeLessThan(2e-3);
    const sb = await fmTrain.still!({...o, method: "sb"}, state);
    expect("shipped" in sb).toBe(false);
    expect(fmTrain.render(sb, o, state).textContent).toContain("steps train live on the slide");
  });
});
