import {describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {rng} from "../../../engine/random.ts";
import {gaussianMle} from "../../../engine/stats/gaussian-mle.ts";
import {averageNll, gmmEm} from "../../../engine/stats/gmm-em.ts";
import {maxLikelihood, maxLikelihoodJob} from "../../../engine/tasks/max-likelihood.ts";

function run(o: Record<string, unknown>) {
  return collectFrames(maxLikelihoodJob(checkValues(maxLikelihood.options, o), {paced: false}));
}

describe("max-likelihood task", () => {
  const frames = run({dataset: "moons", k: 8, iterations: 30, n: 800, seed: 4});
  const last = frames.at(-1)!;

  it("runs its iterations and reports each mixture's NLL, never increasing on the training points", () => {
    expect(last.progress.steps).toBe(30);
    expect(last.trainNll.length).toBe(31);
    for (let i = 1; i < 31; i++) expect(last.trainNll[i]!).toBeLessThanOrEqual(last.trainNll[i - 1]! + 1e-9);
    const mixture = {weights: last.weights, means: last.means, covs: last.covs};
    expect(last.trainNll[30]).toBeCloseTo(averageNll(mixture, last.data, 800), 12);
  });

  it("fits the same numbers as the engine's EM and MLE with the same draws", () => {
    const random = rng(4);
    const q = dataset("moons");
    const data = q.sample(800, random);
    const held = q.sample(800, random);
    expect(Array.from(last.data)).toEqual(Array.from(data));
    const single = gaussianMle(data, 800);
    expect(Array.from(last.gaussianMean)).toEqual(Array.from(single.means));
    expect(last.gaussianHeldOut).toBeCloseTo(averageNll(single, held, 800), 12);
    const em = gmmEm(data, 800, {k: 8, iterations: 30, rng: random});
    // Every iteration's own mixture, whatever number of iterations one slice of the job happened to run.
    for (const i of [0, 1, 5, 17, 30]) {
      expect(last.heldOutNll[i]).toBeCloseTo(averageNll(em.mixtures[i]!, held, 800), 10);
      expect(last.trainNll[i]).toBeCloseTo(averageNll(em.mixtures[i]!, data, 800), 10);
    }
  });

  it("gives the same curves when one slice runs every iteration", () => {
    const job = maxLikelihoodJob(
      checkValues(maxLikelihood.options, {dataset: "moons", k: 8, iterations: 30, n: 800, seed: 4}),
      {paced: false}
    );
    let frame;
    for (let slice = job.run(1e9); ; slice = job.run(1e9)) {
      frame = slice.frame ?? frame;
      if (slice.done) break;
    }
    expect(Array.from(frame!.heldOutNll)).toEqual(Array.from(last.heldOutNll));
  });

  it("on moons the mixture ends far below one Gaussian and above the data's entropy (held out)", () => {
    expect(last.entropy).toBe(dataset("moons").entropy);
    expect(last.heldOutNll[30]!).toBeLessThan(last.gaussianHeldOut - 0.5);
    expect(last.heldOutNll[30]!).toBeGreaterThan(last.entropy);
  });

  it("rejects a bad option by name", () => {
    expect(() => checkValues(maxLikelihood.options, {k: 0})).toThrow(/invalid k/);
    expect(() => checkValues(maxLikelihood.options, {dataset: "nope"})).toThrow(/dataset/);
    expect(() => run({k: 12, n: 50, iterations: 1})).not.toThrow();
  });
});
