import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {float64Field, logLikelihood, logLikelihoodGrid} from "../../../engine/fm/likelihood.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {fmLikelihood, fmLikelihoodJob, type FmLikelihoodFrame} from "../../../engine/tasks/fm-likelihood.ts";
import {likelihoodBox} from "../../../engine/tasks/fm-likelihood-options.ts";
import {evaluationData, loadWeights, shippedTarget} from "../../../engine/weights/index.ts";

function drive(o: Record<string, unknown>, field: ReturnType<typeof float64Field>, nll: number): FmLikelihoodFrame[] {
  const job = fmLikelihoodJob(checkValues(fmLikelihood.options, o), field, nll);
  const frames: FmLikelihoodFrame[] = [];
  for (;;) {
    const s = job.run(5);
    if (s.frame) frames.push(s.frame);
    if (s.done) return frames;
  }
}

describe("fm-likelihood", () => {
  it("the heatmap is the engine's logLikelihoodGrid, and the NLL the mean of logLikelihood on held-out points", async () => {
    const field = float64Field((await loadWeights("ot-cfm")).model);
    const frames = drive({size: 8, steps: 3}, field, 20);
    const last = frames.at(-1)!;
    expect(frames[0]!.modelLogp.some(Number.isNaN)).toBe(true);
    expect(last.done).toBe(true);
    expect(last.nx).toBe(8);
    const grid = logLikelihoodGrid(field, normalBase(), {
      extent: likelihoodBox,
      size: [last.nx, last.ny],
      solver: "rk4",
      steps: 3
    });
    last.modelLogp.forEach((v, i) => expect(v).toBeCloseTo(grid.logp[i]!, 9));
    const {heldOut} = evaluationData(20);
    const r = logLikelihood(field, normalBase(), heldOut, 20, {solver: "rk4", steps: 3});
    expect(last.nll).toBeCloseTo(-r.logp.reduce((a, b) => a + b, 0) / 20, 9);
    expect(last.entropy).toBe(shippedTarget().entropy);
    // The data's density is the dataset's exact one.
    expect(last.dataLogp.some((v) => Number.isFinite(v))).toBe(true);
  });

  it("Hutchinson runs and is seeded (two runs agree)", async () => {
    const field = float64Field((await loadWeights("ot-cfm")).model);
    const a = drive({size: 8, steps: 2, divergence: "hutchinson"}, field, 10).at(-1)!;
    const b = drive({size: 8, steps: 2, divergence: "hutchinson"}, field, 10).at(-1)!;
    expect(a.nll).toBe(b.nll);
    expect(Number.isFinite(a.nll)).toBe(true);
  });
});
