import {beforeAll, describe, expect, it} from "vitest";
import {kernels} from "../../engine/kernels/index.ts";
import {gaussianW2Squared} from "../../engine/metrics/gaussian-w2.ts";
import {checkValues, defaults} from "../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../engine/ot/wasm-kernels.ts";
import {otBatchSource, otBatchTarget} from "../../engine/tasks/ot-batch-options.ts";
import {otBatch as otBatchTask, otBatchJob, type OtBatchFrame} from "../../engine/tasks/ot-batch.ts";
import {modelRows, otBatch} from "../../demos/ot-batch.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = defaults(otBatch.options);
const state = defaults(otBatch.state);
let done: OtBatchFrame;

beforeAll(async () => {
  // A short real run (tiny models): the figure must print the task's own numbers.
  await loadAssignmentKernels();
  const o = checkValues(otBatchTask.options, {steps: 30, width: 16, n: 40});
  const job = otBatchJob(o, {kernels: await kernels()});
  let slice;
  do {
    slice = job.run(50);
    if (slice.frame) done = slice.frame;
  } while (!slice.done);
  job.dispose?.();
}, 300_000);

describe("ot-batch demo", () => {
  it("prints every model's ℰ and S as the task measured them, and the exact W₂²", () => {
    const rows = modelRows(done.results);
    expect(rows.map((r) => r.label)).toEqual(["I-CFM", "B = 2", "B = 8", "B = 32", "B = 256"]);
    const figure = otBatch.render(done, options, state);
    const text = figure.textContent ?? "";
    for (const r of rows) {
      expect(r.straightness).toBe(r.energy - r.displacement);
      expect(text).toContain(`ℰ ${r.energy.toFixed(2)}`);
      expect(text).toContain(`S ${r.straightness.toFixed(3)}`);
    }
    expect(text).toContain(`W₂² ${gaussianW2Squared(otBatchSource, otBatchTarget).toFixed(2)}`);
    const described = otBatch.describe!(done, options, state);
    expect(described).toContain(`B = 8: path energy ${rows[2]!.energy.toFixed(2)}`);
    expect(described).toContain(`pair cost ${rows[4]!.pairCost.toFixed(2)}`);
  });

  it("draws the W₂² line and the axis before anything trained (snapshot)", () => {
    const still = otBatch.snapshot!(options, state);
    const figure = otBatch.render(still, options, state);
    expect(figure.textContent).toContain("W₂² 10.25");
    expect(otBatch.describe!(still, options, state)).toContain("train live");
    expectSvgSnapshot("ot-batch-still", figure);
  });
});
