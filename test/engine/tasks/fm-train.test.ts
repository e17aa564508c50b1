import {beforeAll, describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {fmTrain, fmTrainJob, type FmTrainFrame} from "../../../engine/tasks/fm-train.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
  await loadAssignmentKernels();
});

const small = {steps: 300, batch: 64, width: 16};

/** Runs a job to the end (or the first error), collecting its frames. */
function drive(o: Record<string, unknown>, evalN = 64): FmTrainFrame[] {
  const job = fmTrainJob(checkValues(fmTrain.options, o), {kernels: k}, evalN);
  const frames: FmTrainFrame[] = collectFrames(job, 20);
  return frames;
}

const allFinite = (a: ArrayLike<number>) => Array.prototype.every.call(a, Number.isFinite);

describe("fm-train", () => {
  it("streams frames with progress and finite numbers, then the W2 next to its floor", () => {
    const frames = drive({...small, method: "i-cfm"});
    expect(frames.length).toBeGreaterThan(2);
    for (const f of frames) {
      expect(f.progress.total).toBe(300);
      expect(f.progress.steps).toBeGreaterThan(0);
      expect(Number.isFinite(f.progress.stepsPerSecond)).toBe(true);
      expect(allFinite(f.lossValues)).toBe(true);
      expect(f.heldOut.length).toBe(128);
      if (f.samples) expect(allFinite(f.samples)).toBe(true);
      if (f.trajectories) expect(allFinite(f.trajectories)).toBe(true);
    }
    expect(frames[0]!.samples).toBeInstanceOf(Float32Array);
    const last = frames.at(-1)!;
    expect(last.phase).toBe("done");
    expect(last.progress.steps).toBe(300);
    expect(last.samples!.length).toBe(128);
    expect(last.trajectories!.length).toBe(21 * 48 * 2);
    expect(last.w2).toBeGreaterThan(0);
    expect(last.w2Floor).toBeGreaterThan(0);
  });

  it("a small OT-CFM run lowers the loss", () => {
    const last = drive({...small, steps: 400}).at(-1)!;
    const loss = last.lossValues;
    expect(loss.length).toBeGreaterThan(10);
    const head = (loss[0]! + loss[1]!) / 2;
    const tail = (loss[loss.length - 1]! + loss[loss.length - 2]!) / 2;
    expect(tail).toBeLessThan(0.5 * head);
  });

  it("a learning rate of 1e3 ends in an error that says training diverged", () => {
    expect(() => drive({...small, lr: 1e3})).toThrow(/training diverged/);
  });

  it("checks its options by name", () => {
    expect(() => checkValues(fmTrain.options, {method: "rf"})).toThrow(/invalid method/);
    expect(() => checkValues(fmTrain.options, {lr: -1})).toThrow(/invalid lr/);
  });
});
