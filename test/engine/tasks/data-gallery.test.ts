import {beforeAll, describe, expect, it} from "vitest";
import {maybeDataset, standardNormal} from "../../../engine/data/registry.ts";
import {sampleFlow} from "../../../engine/fm/flow.ts";
import {float64Field} from "../../../engine/fm/likelihood.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {rng} from "../../../engine/random.ts";
import {dataGallery, dataGalleryJob, MODEL_STEPS, type DataGalleryFrame} from "../../../engine/tasks/data-gallery.ts";
import {loadWeights} from "../../../engine/weights/index.ts";
import {collectFrames} from "./collect-frames.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

async function run(o: Record<string, unknown>, budgetMs = 20): Promise<DataGalleryFrame[]> {
  const options = checkValues(dataGallery.options, o);
  return collectFrames(await dataGallery.start(options, {kernels: k}), budgetMs);
}

/** Mean distance to the nearest training point, computed here by brute force. */
function meanNearest(points: Float64Array, training: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < points.length / 2; i++) {
    let best = Infinity;
    for (let j = 0; j < training.length / 2; j++) {
      best = Math.min(best, Math.hypot(points[2 * i]! - training[2 * j]!, points[2 * i + 1]! - training[2 * j + 1]!));
    }
    sum += best;
  }
  return sum / (points.length / 2);
}

describe("data-gallery task", () => {
  it("TorchCFM moons: copies land on training points, the shipped model lands about as far as new data", async () => {
    const frames = await run({dataset: "torchcfm-moons", n: 150, seed: 0});
    const f = frames.at(-1)!;
    expect(f.computed).toBe(f.steps);
    expect(f.hasModel).toBe(true);
    // The training points are the dataset's seeded draw.
    expect([...f.training]).toEqual([...maybeDataset("torchcfm-moons").sample(150, rng(0))]);
    // Every printed distance equals an independent brute-force mean.
    expect(f.freshDistance).toBeCloseTo(meanNearest(f.fresh, f.training), 12);
    expect(f.modelDistance).toBeCloseTo(meanNearest(f.model, f.training), 12);
    expect(f.copiesDistance).toBeCloseTo(meanNearest(f.copies, f.training), 12);
    // Memorizing vs generalizing: copies sit on training points, the model as far as new data (within a factor 2).
    expect(f.copiesDistance).toBeLessThan(0.01);
    expect(f.modelDistance).toBeGreaterThan(0.5 * f.freshDistance);
    expect(f.modelDistance).toBeLessThan(2 * f.freshDistance);
    expect(f.modelDistance).toBeGreaterThan(20 * f.copiesDistance);
  });

  it("the model's samples are the shipped I-CFM model's RK4 samples (float64 network, independently)", async () => {
    const f = (await run({dataset: "torchcfm-moons", n: 40, seed: 3})).at(-1)!;
    const weights = await loadWeights("i-cfm");
    const x0 = standardNormal.sample(40, rng(3 + 2));
    const {x1} = sampleFlow(float64Field(weights.model), x0, 40, {solver: "rk4", steps: MODEL_STEPS});
    for (let i = 0; i < x1.length; i++) expect(Math.abs(f.model[i]! - x1[i]!)).toBeLessThan(2e-3);
  });

  it("other datasets have no model; scikit-learn moons take the noise; a drawing has no fresh data", async () => {
    const c = (await run({dataset: "checkerboard", n: 60})).at(-1)!;
    expect(c.hasModel).toBe(false);
    expect(c.model.length).toBe(0);
    expect(c.modelDistance).toBeNaN();
    expect(c.fresh.length).toBe(120);
    const quiet = dataGalleryJob(checkValues(dataGallery.options, {dataset: "moons", n: 200, noise: 0}));
    const q = collectFrames(quiet).at(-1)!;
    // noise 0: every point on the two unit half-circles (centres (0, 0) and (1, 0.5)).
    for (let i = 0; i < 200; i++) {
      const [x, y] = [q.training[2 * i]!, q.training[2 * i + 1]!];
      const off = Math.min(Math.abs(Math.hypot(x, y) - 1), Math.abs(Math.hypot(x - 1, y - 0.5) - 1));
      expect(off).toBeLessThan(1e-9);
    }
    const d = (await run({dataset: "drawn", points: "0,0 1,1 2,0 3,1"})).at(-1)!;
    expect([...d.training]).toEqual([0, 0, 1, 1, 2, 0, 3, 1]);
    expect(d.n).toBe(4);
    expect(d.fresh.length).toBe(0);
    expect(d.copiesDistance).toBeLessThan(0.01);
  });

  it("every frame owns its arrays, so the worker can transfer them frame after frame", async () => {
    // Slices of 0 ms do the least work each, so there are several frames however fast the machine is.
    const frames = await run({dataset: "torchcfm-moons", n: 60}, 0);
    expect(frames.length).toBeGreaterThan(1);
    const seen = new Set<ArrayBufferLike>();
    for (const f of frames) {
      for (const v of Object.values(f)) {
        if (!ArrayBuffer.isView(v)) continue;
        expect(seen.has(v.buffer)).toBe(false);
        seen.add(v.buffer);
      }
    }
  });

  it("refuses bad options with a RangeError naming the option", async () => {
    expect(() => checkValues(dataGallery.options, {n: 0})).toThrow(RangeError);
    expect(() => checkValues(dataGallery.options, {n: 0})).toThrow(/\bn\b/);
    expect(() => checkValues(dataGallery.options, {dataset: "nope"})).toThrow(/dataset/);
    await expect(run({dataset: "drawn", points: ""})).rejects.toThrow(/invalid points/);
  });
});
