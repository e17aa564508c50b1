import {describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import {rng} from "../../../engine/random.ts";
import {gaussianMle} from "../../../engine/stats/gaussian-mle.ts";
import {averageNll, gmmEm} from "../../../engine/stats/gmm-em.ts";

const n = 1000;
const moons = dataset("moons").sample(n, rng(7));

describe("maximum likelihood for one Gaussian and for mixtures (EM)", () => {
  it("the single Gaussian's MLE is the sample mean and the 1/N sample covariance", () => {
    const fit = gaussianMle(moons, n);
    let [mx, my] = [0, 0];
    for (let i = 0; i < n; i++) [mx, my] = [mx + moons[2 * i]! / n, my + moons[2 * i + 1]! / n];
    let [sxx, sxy, syy] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const [dx, dy] = [moons[2 * i]! - mx, moons[2 * i + 1]! - my];
      [sxx, sxy, syy] = [sxx + (dx * dx) / n, sxy + (dx * dy) / n, syy + (dy * dy) / n];
    }
    expect([...fit.means].map((v, i) => v - [mx, my][i]!)).toEqual([0, 0].map(() => expect.closeTo(0, 12)));
    expect(fit.covs[0]).toBeCloseTo(sxx, 12);
    expect(fit.covs[1]).toBeCloseTo(sxy, 12);
    expect(fit.covs[3]).toBeCloseTo(syy, 12);
    // It is a maximum: moving the mean or scaling the covariance lowers the likelihood.
    const best = averageNll(fit, moons, n);
    const moved = {...fit, means: Float64Array.of(mx + 0.05, my)};
    const wider = {...fit, covs: fit.covs.map((v) => v * 1.05)};
    const narrower = {...fit, covs: fit.covs.map((v) => v * 0.95)};
    for (const other of [moved, wider, narrower]) expect(averageNll(other, moons, n)).toBeGreaterThan(best);
  });

  it("EM's NLL never increases, and on moons it ends well below the single Gaussian's", () => {
    const run = gmmEm(moons, n, {k: 8, iterations: 60, rng: rng(1)});
    for (let i = 1; i < run.nll.length; i++) expect(run.nll[i]!).toBeLessThanOrEqual(run.nll[i - 1]! + 1e-9);
    const single = averageNll(gaussianMle(moons, n), moons, n);
    expect(run.nll[60]!).toBeLessThan(single - 0.5);
    // Every NLL reported is the average NLL of the mixture it belongs to.
    expect(run.nll[10]).toBeCloseTo(averageNll(run.mixtures[10]!, moons, n), 12);
    expect([...run.mixtures[60]!.weights].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("recovers a well-separated mixture it is given data from", () => {
    const truth = dataset("8gaussians");
    const x = truth.sample(4000, rng(2));
    const run = gmmEm(x, 4000, {k: 8, iterations: 80, rng: rng(5)});
    const held = truth.sample(4000, rng(3));
    // Held-out NLL within a few standard errors of the exact entropy: the fit is the data's own density.
    expect(Math.abs(averageNll(run.mixtures[80]!, held, 4000) - truth.entropy!)).toBeLessThan(0.08);
  });

  it("refuses bad settings with their names", () => {
    expect(() => gmmEm(moons, n, {k: 0, rng: rng(0)})).toThrow(/invalid k: 0/);
    expect(() => gmmEm(moons, n, {k: 2, iterations: -1, rng: rng(0)})).toThrow(/invalid iterations/);
    expect(() => gaussianMle(moons, 1)).toThrow(/invalid sample count/);
  });
});
