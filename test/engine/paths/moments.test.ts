import {describe, it} from "vitest";
import {sbCoupling} from "../../../engine/couplings/coupling.ts";
import {lipmanPath, sbPath, vpCfmPath} from "../../../engine/paths/cfm.ts";
import type {ProbabilityPath} from "../../../engine/paths/path.ts";
import {rng} from "../../../engine/random.ts";
import {assertInDelta} from "../../assert.ts";

/** Per-coordinate mean and variance of x_t over n pairs at one time t. */
function moments(path: ProbabilityPath, x0: Float64Array, x1: Float64Array, t: number, seed: number) {
  const n = x1.length / 2;
  const eps = rng(seed).fillNormal(new Float64Array(2 * n)) as Float64Array;
  const xt = new Float64Array(2 * n);
  path.sample(xt, x0, x1, new Float64Array(n).fill(t), eps, n);
  const mean = [0, 1].map((c) => xt.filter((_, k) => k % 2 === c).reduce((a, v) => a + v, 0) / n);
  const variance = [0, 1].map((c) => xt.reduce((a, v, k) => (k % 2 === c ? a + (v - mean[c]!) ** 2 : a), 0) / n);
  return {mean, variance};
}

function gaussian(n: number, mean: [number, number], std: number, seed: number): Float64Array {
  return (rng(seed).fillNormal(new Float64Array(2 * n)) as Float64Array).map((v, k) => mean[k % 2]! + std * v);
}

describe("marginal moments of sampled paths (engine-reference (d)2 and 7)", () => {
  it("Lipman with data N(m, s²I) ends at std sqrt(s² + σ_min²) = 0.5099 (s = 0.5, σ_min = 0.1)", () => {
    const n = 40000;
    const {mean, variance} = moments(lipmanPath(0.1), new Float64Array(0), gaussian(n, [1, -2], 0.5, 1), 1, 2);
    for (const c of [0, 1]) assertInDelta(Math.sqrt(variance[c]!), 0.5099, 0.006, `std ${c}`);
    assertInDelta(mean[0]!, 1, 0.01);
    // At t = 0.4 the variance is t²s² + (1 − (1 − σ_min)t)² = 0.04 + 0.4096.
    const mid = moments(lipmanPath(0.1), new Float64Array(0), gaussian(n, [1, -2], 0.5, 3), 0.4, 4);
    assertInDelta(mid.variance[1]!, 0.4496, 0.012);
  });

  it("the VP interpolant keeps the variance constant when source and target variances agree", () => {
    const n = 40000;
    const x0 = gaussian(n, [0, 0], 1.5, 5);
    const x1 = gaussian(n, [0, 0], 1.5, 6);
    for (const t of [0.2, 0.5, 0.9]) {
      const {variance} = moments(vpCfmPath(0), x0, x1, t, 7);
      assertInDelta(variance[0]!, 2.25, 0.06, `t=${t}`);
    }
  });

  it("SB-CFM between N(−a, I) and N(a, I) with Sinkhorn reg 2σ²: variance √(4 + σ⁴)t(1 − t) + (1 − t)² + t² at σ = 1", () => {
    // Golden 1.0590 at t = 0.5 for the population plan; minibatch plans are less correlated (engine-reference (d)7
    // measured a cross-correlation of 0.593 at n = 500 instead of 0.618, i.e. a variance about 0.012 lower).
    const n = 800;
    const a: [number, number] = [1.5, -0.5];
    const pair = sbCoupling(1).pair(gaussian(n, [-a[0], -a[1]], 1, 8), gaussian(n, a, 1, 9), n, rng(10));
    // Var x_t = Var μ_t + s_t²: the conditional std is exact, so only the coupling's sampling error remains.
    const path = sbPath(1);
    const mu = new Float64Array(2 * n);
    path.mean(mu, pair.x0, pair.x1, new Float64Array(n).fill(0.5), n);
    const golden = Math.sqrt(5) * 0.25 + 0.5;
    assertInDelta(golden, 1.059, 1e-3);
    assertInDelta(path.std(0.5) ** 2, 0.25, 1e-15);
    for (const c of [0, 1]) {
      const m = mu.reduce((acc, v, k) => (k % 2 === c ? acc + v / n : acc), 0);
      const variance = mu.reduce((acc, v, k) => (k % 2 === c ? acc + (v - m) ** 2 / n : acc), 0);
      assertInDelta(variance + path.std(0.5) ** 2, golden, 0.05, `variance ${c}`);
      assertInDelta(m, 0, 0.1, `mean ${c}`);
    }
  });
});
