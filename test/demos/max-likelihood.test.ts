import {describe, expect, it} from "vitest";
import {dataset} from "../../engine/data/registry.ts";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import {averageNll} from "../../engine/stats/gmm-em.ts";
import maxLikelihood, {finalFrame} from "../../demos/max-likelihood.ts";

const options = {...defaults(maxLikelihood.options), n: 600, iterations: 30};

describe("max-likelihood demo", () => {
  const frame = finalFrame(options);

  it("one Gaussian's fit is the sample mean and the 1/N covariance of the drawn data", () => {
    const n = options.n;
    const [mx, my] = [0, 1].map((c) => frame.data.filter((_, i) => i % 2 === c).reduce((a, b) => a + b, 0) / n);
    expect(frame.gaussianMean[0]).toBeCloseTo(mx!, 12);
    expect(frame.gaussianMean[1]).toBeCloseTo(my!, 12);
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += ((frame.data[2 * i]! - mx!) * (frame.data[2 * i + 1]! - my!)) / n;
    expect(frame.gaussianCov[1]).toBeCloseTo(sxy, 12);
  });

  it("EM's training NLL never increases and ends below one Gaussian's on moons, held out too", () => {
    const last = frame.trainNll.length - 1;
    expect(last).toBe(30);
    for (let i = 1; i <= last; i++) expect(frame.trainNll[i]!).toBeLessThanOrEqual(frame.trainNll[i - 1]! + 1e-9);
    expect(frame.trainNll[last]!).toBeLessThan(frame.gaussianNll - 0.5);
    expect(frame.heldOutNll[last]!).toBeLessThan(frame.gaussianHeldOut - 0.5);
  });

  it("the printed held-out NLLs are the average NLL on fresh data of the same seed, above the floor H(q)", () => {
    const q = dataset("moons");
    const random = rng(options.seed);
    q.sample(options.n, random);
    const held = q.sample(options.n, random);
    const mixture = {weights: frame.weights, means: frame.means, covs: frame.covs};
    expect(frame.heldOutNll.at(-1)).toBeCloseTo(averageNll(mixture, held, options.n), 12);
    expect(frame.entropy).toBe(q.entropy);
    expect(frame.gaussianHeldOut).toBeGreaterThan(frame.entropy);
    expect(maxLikelihood.describe!(frame, options, {show: "mixture"})).toContain(frame.gaussianHeldOut.toFixed(3));
  });
});
