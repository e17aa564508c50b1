import {beforeAll, describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {mogPreset} from "../../../engine/data/mog-presets.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {lipmanPath} from "../../../engine/paths/cfm.ts";
import {fmRegression, fmRegressionJob, type FmRegressionFrame} from "../../../engine/tasks/fm-regression.ts";
import {ARROWS, gridPoints, HEAT, TIMES} from "../../../engine/tasks/fm-regression-options.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

function drive(o: Record<string, unknown>): FmRegressionFrame[] {
  const job = fmRegressionJob(checkValues(fmRegression.options, o), {kernels: k});
  const frames: FmRegressionFrame[] = collectFrames(job, 20);
  return frames;
}

describe("fm-regression", () => {
  const frames = (() => {
    let cached: FmRegressionFrame[] | undefined;
    return () => (cached ??= drive({mixture: "uneven-three", steps: 400, seed: 2}));
  })();

  it("trains to the end, then measures FM regression and MLE CNF steps per second on the same net", () => {
    const all = frames();
    const last = all.at(-1)!;
    expect(last.phase).toBe("done");
    expect(last.progress.steps).toBe(400);
    expect(last.fmSpeed).toBeGreaterThan(0);
    expect(last.cnfSpeed).toBeGreaterThan(0);
    // A regression step needs one forward and backward pass; a CNF step unrolls 10 RK4 steps with the divergence.
    expect(last.fmSpeed!).toBeGreaterThan(5 * last.cnfSpeed!);
    expect(last.lossValues.at(-1)!).toBeLessThan(last.lossValues[0]! / 5);
  });

  it("draws the closed-form field: its arrows and p_t are the engine's marginal field on the grid", () => {
    const last = frames().at(-1)!;
    const field = marginalField(
      lipmanPath(0),
      {weights: new Float64Array([1]), means: new Float64Array(2), covs: new Float64Array([1, 0, 0, 1])},
      mogPreset("uneven-three")
    );
    const arrows = gridPoints(ARROWS);
    const heat = gridPoints(HEAT);
    const u = new Float64Array(2 * ARROWS * ARROWS);
    const logp = new Float64Array(HEAT * HEAT);
    for (const kt of [0, 9, TIMES.length - 1]) {
      field.velocity(u, arrows, ARROWS * ARROWS, TIMES[kt]!);
      const truth = last.truth.subarray(2 * kt * ARROWS * ARROWS, 2 * (kt + 1) * ARROWS * ARROWS);
      for (let i = 0; i < u.length; i++) expect(truth[i]).toBeCloseTo(u[i]!, 4);
      field.logDensity(logp, heat, HEAT * HEAT, TIMES[kt]!);
      for (let i = 0; i < logp.length; i += 37) {
        expect(last.density[kt * HEAT * HEAT + i]! / Math.exp(logp[i]!)).toBeCloseTo(1, 5);
      }
    }
  });

  it("prints the FM loss at each t as the p_t-weighted mean of its error grid", () => {
    const last = frames().at(-1)!;
    TIMES.forEach((_, kt) => {
      let [num, den] = [0, 0];
      for (let i = 0; i < HEAT * HEAT; i++) {
        num += last.density[kt * HEAT * HEAT + i]! * last.error[kt * HEAT * HEAT + i]!;
        den += last.density[kt * HEAT * HEAT + i]!;
      }
      expect(last.weighted[kt]).toBeCloseTo(num / den, 4);
    });
  });

  it("refuses an unknown mixture and a learning rate out of range, naming the option", () => {
    expect(() => checkValues(fmRegression.options, {mixture: "nine"})).toThrow(/mixture/);
    expect(() => checkValues(fmRegression.options, {lr: 5})).toThrow(/lr/);
  });
});
