import {beforeAll, describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {cfmStep, cfmStepJob, pacedSecondsLeft, pacedSteps, type CfmStepFrame} from "../../../engine/tasks/cfm-step.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

describe("cfm-step", () => {
  it("streams each minibatch and the learned field at 11 times, and lowers the loss (at full speed)", () => {
    const job = cfmStepJob(checkValues(cfmStep.options, {batch: 8, speed: "max", steps: 600}), {kernels: k});
    const frames: CfmStepFrame[] = collectFrames(job, 20);
    job.dispose?.();
    const last = frames.at(-1)!;
    expect(last.progress.steps).toBe(600);
    expect(last.x1.length).toBe(16);
    expect(last.t.length).toBe(8);
    expect(last.grid.length).toBe(11 * 13 * 13 * 2);
    expect(Array.from(last.grid).every(Number.isFinite)).toBe(true);
    // Lipman's conditional target, pair by pair: u = (x₁ − 0.99 x) / (1 − 0.99 t).
    for (let i = 0; i < 8; i++) {
      const s = 1 - 0.99 * last.t[i]!;
      expect(last.target[2 * i]!).toBeCloseTo((last.x1[2 * i]! - 0.99 * last.xt[2 * i]!) / s, 2);
    }
    const loss = last.lossValues;
    expect(loss.at(-1)!).toBeLessThan(loss[0]!);
  });

  it("paces its steps: slow at first, faster later", () => {
    expect(pacedSteps("ramp", 0)).toBe(1);
    expect(pacedSteps("ramp", 5)).toBeLessThan(20);
    expect(pacedSteps("ramp", 30)).toBeGreaterThan(500);
    expect(pacedSteps("5", 2)).toBe(11);
    expect(pacedSteps("max", 0)).toBe(Infinity);
  });

  it("knows how long its pace takes to the last step (the ramp speeds up, so rate alone would overstate it)", () => {
    for (const speed of ["ramp", "1", "25"] as const) {
      const end = pacedSecondsLeft(speed, 0, 3000);
      expect(pacedSteps(speed, end + 1e-9)).toBeGreaterThanOrEqual(3000);
      expect(pacedSteps(speed, end - 0.05)).toBeLessThan(3000);
      expect(pacedSecondsLeft(speed, end / 2, 3000)).toBeCloseTo(end / 2, 9);
    }
    // 3000 steps on the ramp take under a minute, where 3000 / 2 steps/s would say 25 minutes.
    expect(pacedSecondsLeft("ramp", 0, 3000)).toBeLessThan(60);
  });

  it("takes one step per slice while paced, never more than due", () => {
    const job = cfmStepJob(checkValues(cfmStep.options, {speed: "1"}), {kernels: k});
    const first = job.run(20);
    expect(first.frame!.progress.steps).toBe(1);
    // The throughput it reports is the pace, so the page's "time left" is honest.
    expect(first.frame!.progress.stepsPerSecond).toBeLessThanOrEqual(1);
    // Back-to-back slices within the same second have nothing due.
    expect(job.run(20).frame).toBeUndefined();
    job.dispose?.();
  });
});
