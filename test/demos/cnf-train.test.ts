import {describe, expect, it} from "vitest";
import {dataset} from "../../engine/data/registry.ts";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import {cnfTrainJob, type CnfTrainFrame} from "../../engine/tasks/cnf-train.ts";
import {cnfTrain} from "../../demos/cnf-train.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = defaults(cnfTrain.options);
const state = defaults(cnfTrain.state);

/** A real frame of the task: a few steps of a very small run (the numbers the demo prints come from it). */
function liveFrame(): CnfTrainFrame {
  const job = cnfTrainJob({...options, iterations: 3, steps: 2, batch: 8, nfeEvery: 1});
  let frame: CnfTrainFrame | undefined;
  for (;;) {
    const slice = job.run(1);
    frame = slice.frame ?? frame;
    if (slice.done) return frame!;
  }
}

/** A seeded frame of the task's shape with fixed times (the snapshot must not depend on this machine's speed). */
function fixedFrame(): CnfTrainFrame {
  const random = rng(3);
  const points = (n: number) => new Float32Array(random.fillNormal(new Float64Array(2 * n)));
  const steps = Float64Array.from({length: 30}, (_, i) => 10 * (i + 1));
  return {
    progress: {steps: 300, total: 1500, stepsPerSecond: 5},
    lossSteps: steps,
    lossValues: steps.map((s) => 2.9 + 2 / Math.sqrt(s / 10)),
    entropy: dataset("ffjord-8gaussians").entropy!,
    timeSteps: steps,
    msPerStep: steps.map(() => 180),
    unrollNfe: 32,
    nfeSteps: Float64Array.of(0, 100, 200, 300),
    nfeValues: Float64Array.of(14, 20, 26, 32),
    data: points(40),
    samples: points(40),
    samplesStep: 300
  };
}

describe("cnf-train", () => {
  it("prints the task's own numbers: step, last batch loss, floor H(q), measured ms per step", () => {
    const frame = liveFrame();
    const figure = cnfTrain.render(frame, options, state);
    const text = figure.textContent!;
    expect(text).toContain(`step ${frame.progress.steps}`);
    expect(text).toContain(`L = ${frame.lossValues.at(-1)!.toFixed(2)}`);
    expect(text).toContain(`H(q) ${dataset(options.dataset).entropy!.toFixed(2)}`);
    expect(frame.msPerStep.at(-1)).toBeGreaterThan(0);
    expect(cnfTrain.describe!(frame, options, state)).toMatch(
      /step 3 of 3, batch loss .* nats above the floor H\(q\) = 2\.83/
    );
  });

  it("draws the loss above its floor and the time strip (snapshot)", () => {
    const figure = cnfTrain.render(fixedFrame(), options, state);
    expect(figure.textContent).toContain("180 ms per step");
    expectSvgSnapshot("cnfTrainTraining", figure);
  });

  it("has a still of the data for print view, which says that training runs live", () => {
    const still = cnfTrain.snapshot!(options, state);
    expect(cnfTrain.describe!(still, options, state)).toMatch(/training runs live/);
    expect(cnfTrain.render(still, options, state).textContent).toContain("trains live on the slide");
  });
});
