import {beforeAll, describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {cfmFloor} from "../../../engine/fm/floor.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {lipmanPath} from "../../../engine/paths/cfm.ts";
import {rng} from "../../../engine/random.ts";
import {cfmFloorJob, cfmFloorTask, type CfmFloorFrame} from "../../../engine/tasks/cfm-floor.ts";
import {floorMixture} from "../../../engine/tasks/cfm-floor-options.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

function drive(o: Record<string, unknown>, floorSamples = 1500): CfmFloorFrame[] {
  const job = cfmFloorJob(checkValues(cfmFloorTask.options, o), {kernels: k}, floorSamples);
  const frames: CfmFloorFrame[] = collectFrames(job, 20);
  return frames;
}

describe("cfm-floor", () => {
  it("logs L_CFM and L_FM of the same batches a floor C apart, C from the closed form", () => {
    const frames = drive({steps: 400, batch: 128, sigma: 0.05});
    const last = frames.at(-1)!;
    expect(last.progress.steps).toBe(400);
    const n = last.lossSteps.length;
    expect(last.cfm.length).toBe(n);
    expect(last.fm.length).toBe(n);
    // The floor is the job's own Monte Carlo estimate with its seed: recomputed here independently of the job.
    const path = lipmanPath(0.05);
    const q = floorMixture("ffjord-8gaussians");
    const c = cfmFloor(path, marginalField(path, q, q), q, 1500, rng(777));
    expect(last.floor).toBe(c.value);
    expect(last.floorStderr).toBe(c.stderr);
    // FM falls well below CFM, and the gap over the second half of the run is C (within noise).
    expect(last.fm[n - 1]!).toBeLessThan(0.3 * last.fm[0]!);
    let gap = 0;
    for (let i = n >> 1; i < n; i++) gap += last.cfm[i]! - last.fm[i]!;
    gap /= n - (n >> 1);
    expect(Math.abs(gap - c.value)).toBeLessThan(0.12 * c.value);
  });

  it("rejects a bad σ by name", () => {
    expect(() => checkValues(cfmFloorTask.options, {sigma: 0})).toThrow(/sigma/);
  });
});
