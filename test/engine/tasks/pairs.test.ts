import {describe, expect, it} from "vitest";
import {checkValues, defaults} from "../../../engine/options/schema.ts";
import {pairsBatch} from "../../../engine/tasks/pairs-batch.ts";
import {pairsOptions} from "../../../engine/tasks/pairs-options.ts";
import {pairsJob, pairsTask} from "../../../engine/tasks/pairs.ts";
import {collectFrames} from "./collect-frames.ts";

/**
 * Numbers of the batch as the page computed them before the computation moved to the worker (demos/pairs-frame.ts at
 * a020c19, printed with tsx): the worker's frame must reproduce them.
 */
const FORMER = [
  {
    options: {preset: "asymmetric", mu: 2, b: 32, sigma: 0.1, seed: 0},
    costRandom: 26.62045507290663,
    costOt: 20.40691624742659,
    energy: 20.73183791482721,
    displacement: 17.93600745428374,
    crossings: 47,
    perm8: [19, 24, 26, 0, 22, 14, 12, 2],
    traceEnd: [1.8115887492063585, -2.397682117682563],
    firstCrossing: {x: 0.3947458935716065, y: 1.3310556949566257, t0: 0.3896615066539527, t1: 0.6272351886887583}
  },
  {
    options: {preset: "symmetric", mu: 1.5, b: 256, sigma: 0.3, seed: 3},
    costRandom: 13.80843710230522,
    costOt: 8.990580109832583,
    energy: 11.024048295309235,
    displacement: 8.999999999941897,
    crossings: 67,
    perm8: [38, 138, 247, 65, 111, 124, 232, 144],
    traceEnd: [2.068537842798552, 1.6018355848477237],
    firstCrossing: {x: 0.09763596097610804, y: 0.5700364297288762, t0: 0.36486288389705, t1: 0.6638321627903199}
  }
] as const;

async function frameOf(options: Record<string, unknown>) {
  const job = await pairsTask.start(checkValues(pairsOptions, options), {} as never);
  const frames = collectFrames(job);
  expect(frames).toHaveLength(1);
  return frames[0]!.batch;
}

describe("pairs task", () => {
  it("its one frame is the batch the page computed before (pairings, costs, traces, energy, crossings)", async () => {
    for (const f of FORMER) {
      const batch = await frameOf(f.options);
      expect(batch.costRandom).toBeCloseTo(f.costRandom, 12);
      expect(batch.costOt).toBeCloseTo(f.costOt, 12);
      expect(batch.energy).toBeCloseTo(f.energy, 12);
      expect(batch.displacement).toBeCloseTo(f.displacement, 12);
      expect(batch.crossings).toHaveLength(f.crossings);
      expect(batch.crossings[0]!.x).toBeCloseTo(f.firstCrossing.x, 12);
      expect(batch.crossings[0]!.t1).toBeCloseTo(f.firstCrossing.t1, 12);
      expect(Array.from(batch.perm.slice(0, 8))).toEqual(f.perm8);
      expect(batch.traces.at(-2)).toBeCloseTo(f.traceEnd[0], 12);
      expect(batch.traces.at(-1)).toBeCloseTo(f.traceEnd[1], 12);
    }
  });

  it("its frame equals the batch computed on the page from the same options (the demo's print snapshot)", async () => {
    const options = {...defaults(pairsOptions), b: 48, seed: 5};
    const worker = await frameOf(options);
    const page = pairsBatch(options);
    expect(Array.from(worker.perm)).toEqual(Array.from(page.perm));
    expect(Array.from(worker.traces)).toEqual(Array.from(page.traces));
    expect(worker.crossings).toEqual(page.crossings);
    expect(worker.costOt).toBe(page.costOt);
  });

  it("works in small units (the batch, then one trajectory's crossings per unit) and posts its frame at the end", () => {
    const options = {...defaults(pairsOptions), b: 64};
    const job = pairsJob(options);
    let slices = 0;
    for (;;) {
      // A budget of 0 runs exactly one unit per slice.
      const slice = job.run(0);
      slices++;
      if (slice.done) {
        expect(slice.frame!.batch.crossings).toEqual(pairsBatch(options).crossings);
        break;
      }
      expect(slice.frame).toBeUndefined();
    }
    expect(slices).toBe(1 + 30);
  });

  it("rejects bad options by name", async () => {
    await expect(async () => pairsTask.start(checkValues(pairsOptions, {b: 1}), {} as never)).rejects.toThrow(/b/);
  });
});
