import {describe, expect, it, vi} from "vitest";
import type {StepReport, Steppable} from "../../../engine/steppable.ts";
import {steppingJob} from "../../../engine/tasks/stepping.ts";

/** A steppable whose steps busy-wait `ms` each and report `lossAt(step)`. */
function fake(ms: number, lossAt: (step: number) => number | undefined = () => 1): Steppable & {calls: number[]} {
  let steps = 0;
  const calls: number[] = [];
  return {
    calls,
    get steps() {
      return steps;
    },
    step(count = 1): StepReport {
      calls.push(count);
      const start = performance.now();
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const until = performance.now() + ms;
        while (performance.now() < until);
        sum += lossAt(++steps) ?? 0;
      }
      const seconds = (performance.now() - start) / 1000;
      const loss = lossAt(steps);
      const report: StepReport = {steps, seconds, stepsPerSecond: count / seconds};
      if (loss !== undefined) report.loss = sum / count;
      return report;
    }
  };
}

describe("steppingJob", () => {
  it("run(budget) takes about as many steps as fit in the budget, and its slices stay near it", () => {
    const s = fake(0.2);
    const job = steppingJob(s, {total: 100_000, frame: ({progress}) => ({progress})});
    job.run(10); // measures the time per step
    const slices = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const before = s.steps;
      job.run(10);
      slices.push({ms: performance.now() - start, steps: s.steps - before});
    }
    // 50 steps fit in each slice; the time per step is measured on a shared machine, hence the slack.
    const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    expect(median(slices.map((x) => x.steps))).toBeGreaterThanOrEqual(10);
    expect(median(slices.map((x) => x.ms))).toBeLessThan(30);
    for (const {steps} of slices) expect(steps).toBeGreaterThanOrEqual(1);
  });

  it("never takes 0 steps, even when one step costs more than the budget", () => {
    const s = fake(5);
    const job = steppingJob(s, {total: 10, frame: () => undefined});
    for (let i = 1; i <= 3; i++) {
      job.run(0.5);
      expect(s.steps).toBe(i);
    }
  });

  it("stops at total, says done, and reports progress in its frames", () => {
    const s = fake(0, (k) => 1 / k);
    const job = steppingJob(s, {total: 1000, frame: ({progress, done}) => ({progress, done})});
    let slice;
    do slice = job.run(50);
    while (!slice.done);
    expect(s.steps).toBe(1000);
    const progress = slice.frame!.progress;
    expect(progress.steps).toBe(1000);
    expect(progress.total).toBe(1000);
    expect(progress.stepsPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(progress.loss)).toBe(true);
    expect(job.run(50)).toEqual({done: true});
    expect(s.steps).toBe(1000);
  });

  it("keeps a bounded loss curve over the whole run, each point the mean of its steps", () => {
    const s = fake(0, (k) => k);
    const job = steppingJob(s, {total: 5000, historyLength: 16, frame: () => undefined});
    while (!job.run(50).done);
    const {steps, loss} = job.history.snapshot();
    expect(steps.length).toBeLessThanOrEqual(16);
    expect(steps.length).toBeGreaterThanOrEqual(8);
    expect(steps.at(-1)).toBeGreaterThan(5000 - job.history.stride - 1);
    // The mean of steps (last − stride, last] of the loss k is last − (stride − 1)/2.
    for (let i = 0; i < steps.length; i++) expect(loss[i]).toBeCloseTo(steps[i]! - (job.history.stride - 1) / 2, 6);
  });

  it("runs a steppable without a loss (an integration) in chunks, not one step at a time", () => {
    const s = fake(0.05, () => undefined);
    const job = steppingJob(s, {total: 100_000, frame: ({progress}) => ({progress})});
    job.run(5);
    job.run(5);
    expect(Math.max(...s.calls)).toBeGreaterThan(5);
    expect(job.progress.loss).toBeUndefined();
  });

  it("ends a run whose loss blows up or turns non-finite with an error that says training diverged", () => {
    const blowUp = steppingJob(
      fake(0, (k) => 10 ** k),
      {total: 100, frame: () => undefined}
    );
    expect(() => {
      for (let i = 0; i < 100; i++) blowUp.run(5);
    }).toThrow(/training diverged/);
    const nan = steppingJob(
      fake(0, (k) => (k > 3 ? NaN : 1)),
      {total: 100, frame: () => undefined}
    );
    expect(() => {
      for (let i = 0; i < 100; i++) nan.run(5);
    }).toThrow(/training diverged/);
  });

  it("steps that the clock measures as 0 ms never make a count of NaN (a coarse browser clock, a zero budget left)", () => {
    const now = vi.spyOn(performance, "now").mockReturnValue(1000);
    try {
      const s = fake(0);
      const job = steppingJob(s, {total: 10, frame: () => undefined});
      expect(() => job.run(0)).not.toThrow();
      expect(s.steps).toBe(10);
      expect(s.calls.every((c) => Number.isInteger(c) && c >= 1)).toBe(true);
    } finally {
      now.mockRestore();
    }
  });
});
