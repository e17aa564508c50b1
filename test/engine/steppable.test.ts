import {describe, expect, it} from "vitest";
import {cnfTrainer} from "../../engine/cnf/train.ts";
import {dataset} from "../../engine/data/registry.ts";
import {flowPreset} from "../../engine/flows/presets.ts";
import {maximumLikelihood} from "../../engine/flows/train.ts";
import {autodiffModel} from "../../engine/fm/model.ts";
import {fmTrainer} from "../../engine/fm/trainer.ts";
import {iCfmPath} from "../../engine/paths/cfm.ts";
import type {StepReport, Steppable} from "../../engine/steppable.ts";

const moons = dataset("moons");

/** The three trainers of the engine, small and seeded, each built fresh. */
const trainers: Record<string, (seed: number) => Steppable> = {
  fm: (seed) =>
    fmTrainer({
      path: iCfmPath(0.01),
      source: "8gaussians",
      target: moons,
      model: autodiffModel({width: 16, depth: 1, seed}),
      batch: 32,
      seed
    }),
  flow: (seed) =>
    maximumLikelihood(flowPreset("realnvp", {layers: 2, width: 8, seed}), (n, r) => moons.sample(n, r), {
      batch: 32,
      seed
    }),
  cnf: (seed) => cnfTrainer({data: moons, hidden: [8], steps: 2, batch: 16, seed})
};

/** What a worker loop or a test does with any of them: a few calls of `step(count)`, knowing only the shape. */
function drive<R extends StepReport>(trainer: Steppable<R>, counts: readonly number[]): R[] {
  return counts.map((count) => {
    const before = trainer.steps;
    const report = count === 1 ? trainer.step() : trainer.step(count);
    expect(report.steps).toBe(before + count);
    expect(trainer.steps).toBe(report.steps);
    expect(report.seconds).toBeGreaterThanOrEqual(0);
    expect(report.stepsPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(report.loss) && Number.isFinite(report.lastLoss)).toBe(true);
    return report;
  });
}

describe("Steppable", () => {
  it.each(Object.keys(trainers))("the %s trainer steps, counts and reports in the one shape", (name) => {
    const trainer = trainers[name]!(0);
    expect(trainer.steps).toBe(0);
    const reports = drive(trainer, [1, 3, 2]);
    expect(reports.map((r) => r.steps)).toEqual([1, 4, 6]);
    // One step's mean is its last loss.
    expect(reports[0]!.loss).toBe(reports[0]!.lastLoss);
  });

  it.each(Object.keys(trainers))("the %s trainer gives the same reports for the same seed", (name) => {
    const losses = (seed: number) => drive(trainers[name]!(seed), [2, 1]).map((r) => [r.loss, r.lastLoss]);
    expect(losses(3)).toEqual(losses(3));
    expect(losses(3)).not.toEqual(losses(4));
  });

  it.each(Object.keys(trainers))("the %s trainer rejects a count that is not a positive integer", (name) => {
    const trainer = trainers[name]!(0);
    for (const count of [0, -1, 1.5, NaN])
      expect(() => trainer.step(count)).toThrow(new RangeError(`invalid count: ${count}`));
    expect(trainer.steps).toBe(0);
  });
});
