import {beforeAll, describe, expect, it} from "vitest";
import {float64Field} from "../../../engine/fm/likelihood.ts";
import {fastModel} from "../../../engine/fm/model.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {fmPreview, fmPreviewJob, type FmPreviewFrame} from "../../../engine/tasks/fm-preview.ts";
import {gridPoints, previewPairs, PREVIEW_GRID} from "../../../engine/tasks/fm-preview-scene.ts";
import {fmPreviewOptions} from "../../../engine/tasks/fm-preview-options.ts";
import {evaluationData, loadWeights} from "../../../engine/weights/index.ts";
import {collectFrames} from "./collect-frames.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
  await loadAssignmentKernels();
});

async function run(o: Record<string, unknown>): Promise<FmPreviewFrame> {
  const job = await fmPreview.start(checkValues(fmPreview.options, o), {kernels: k});
  const last = collectFrames(job, 50).at(-1)!;
  expect(last.done).toBe(true);
  return last;
}

/** Euler written out by hand: x ← x + (1/N) u(x, k/N), N times, with the network's float64 field. */
function eulerByHand(u: (x: Float64Array, t: number) => Float64Array, x0: Float64Array, N: number): Float64Array {
  let x = x0.slice();
  for (let step = 0; step < N; step++) {
    const v = u(x, step / N);
    x = x.map((xi, i) => xi + v[i]! / N);
  }
  return x;
}

describe("fm-preview", () => {
  it("the N-step Euler samples equal an independent Euler loop over the same weights", async () => {
    const N = 5;
    const n = 60;
    const weights = await loadWeights("i-cfm");
    const field = float64Field(weights.model);
    const job = fmPreviewJob(checkValues(fmPreviewOptions, {steps: N, n}), field);
    const last = collectFrames(job, 50).at(-1)!;
    const {source} = evaluationData(n);
    const u = (x: Float64Array, t: number) => {
      const out = new Float64Array(x.length);
      field.velocity(out, x, n, t);
      return out;
    };
    const expected = eulerByHand(u, source, N);
    const samples = last.trajectories.subarray(N * n * 2);
    expect(samples.length).toBe(2 * n);
    for (let i = 0; i < 2 * n; i++) expect(samples[i]).toBeCloseTo(expected[i]!, 4);
    // Every row k is the state after k steps: row 1 is one step of the same loop.
    const one = eulerByHand(u, source, 1).map((x, i) => source[i]! + (x - source[i]!) / N);
    for (let i = 0; i < 2 * n; i++) expect(last.trajectories[2 * n + i]).toBeCloseTo(one[i]!, 4);
    // The arrows at step k are the field at t = k/N on the grid.
    const grid = gridPoints();
    const cells = PREVIEW_GRID[0] * PREVIEW_GRID[1];
    const at3 = new Float64Array(grid.length);
    field.velocity(at3, grid, cells, 3 / N);
    const row3 = last.fields.subarray(3 * cells * 2, 4 * cells * 2);
    for (let i = 0; i < grid.length; i += 37) expect(row3[i]).toBeCloseTo(at3[i]!, 4);
  });

  it("the shipped fast model: the printed W2 equals metrics.w2 of its samples, and W2 falls as N rises", async () => {
    const n = 200;
    const frames = await Promise.all([1, 4, 32].map((steps) => run({steps, n})));
    const [one, four, many] = frames.map((f) => f.w2);
    expect(four!).toBeLessThan(one!);
    expect(many!).toBeLessThan(four!);
    // Recomputed here: the last row of the paths against the held-out moons.
    const f = frames[1]!;
    const {heldOut} = evaluationData(n);
    const samples = Float64Array.from(f.trajectories.subarray(4 * n * 2));
    expect(f.w2).toBeCloseTo(w2(samples, heldOut, n), 3);
    // The floor is what two fresh moons samples score: below every model's W2 here, and positive.
    expect(f.w2Floor).toBeGreaterThan(0);
    expect(f.w2Floor).toBeLessThan(many!);
    expect(f.trajectories.length).toBe(5 * n * 2);
    expect(f.fields.length).toBe(5 * PREVIEW_GRID[0] * PREVIEW_GRID[1] * 2);
  });

  it("the fast float32 model and the float64 weights sample the same points", async () => {
    const w = await loadWeights("i-cfm");
    const model = fastModel(k, {}, w.model);
    const o = checkValues(fmPreviewOptions, {steps: 8, n: 50});
    const a = collectFrames(fmPreviewJob(o, model.field()), 50).at(-1)!;
    const b = collectFrames(fmPreviewJob(o, float64Field(w.model)), 50).at(-1)!;
    model.dispose();
    for (let i = 0; i < a.trajectories.length; i += 11) expect(a.trajectories[i]).toBeCloseTo(b.trajectories[i]!, 3);
  });

  it("pairs are seeded and independent draws; bad options name the option", () => {
    const a = previewPairs(3);
    expect(Array.from(previewPairs(3))).toEqual(Array.from(a));
    expect(Array.from(previewPairs(4))).not.toEqual(Array.from(a));
    expect(() => checkValues(fmPreviewOptions, {steps: 0})).toThrow(/steps/);
    expect(() => checkValues(fmPreviewOptions, {steps: 101})).toThrow(/steps/);
  });
});
