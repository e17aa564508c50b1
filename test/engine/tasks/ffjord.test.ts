import {describe, expect, it} from "vitest";
import {tensor} from "../../../engine/autodiff/tensor.ts";
import {unrolledLogLikelihood} from "../../../engine/cnf/unroll.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {rng} from "../../../engine/random.ts";
import {FFJORD_MODEL} from "../../../engine/tasks/ffjord-options.ts";
import {ffjord, ffjordJob, ffjordTrainers, type FfjordFrame} from "../../../engine/tasks/ffjord.ts";

const mean = (a: ArrayLike<number>, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s / (to - from);
};

describe("ffjord", () => {
  it("runs both CNFs on the same batches; both losses fall; densities are normalised", () => {
    const options = checkValues(ffjord.options, {iterations: 40, batch: 32, grid: 16, seed: 1});
    const job = ffjordJob(options);
    let last: FfjordFrame | undefined;
    for (;;) {
      const slice = job.run(200);
      last = slice.frame ?? last;
      if (slice.done) break;
    }
    const f = last!;
    expect(f.steps.length).toBe(40);
    expect(f.progress.steps).toBe(40);
    // Same init, same first batch: the first losses agree in expectation, and the Hutchinson loss is close.
    expect(Math.abs(f.hutchinsonLoss[0]! - f.exactLoss[0]!)).toBeLessThan(0.5 * Math.abs(f.exactLoss[0]!));
    for (const loss of [f.exactLoss, f.hutchinsonLoss]) expect(mean(loss, 30, 40)).toBeLessThan(mean(loss, 0, 10));
    expect(f.gridStep).toBe(40);
    for (const p of [f.exactDensity, f.hutchinsonDensity]) {
      const cell = (8 / 16) ** 2;
      const mass = p.reduce((s, v) => s + v, 0) * cell;
      expect(mass).toBeGreaterThan(0.8);
      expect(mass).toBeLessThan(1.1);
    }
    expect(f.nfe).toBe(4 * FFJORD_MODEL.steps);
  }, 120_000);

  it("the Hutchinson loss averaged over many probes equals the exact loss on the same weights and batch", () => {
    const {exact} = ffjordTrainers(checkValues(ffjord.options, {batch: 32, seed: 2}));
    exact.step(5);
    const x = tensor(dataset("ffjord-pinwheel").sample(32, rng(9)), 32, 2);
    const nll = (options: Parameters<typeof unrolledLogLikelihood>[2]) => {
      const logp = unrolledLogLikelihood(exact.net, x, {solver: "rk4", steps: FFJORD_MODEL.steps, ...options}).logp;
      return -mean(logp.data as ArrayLike<number>, 0, 32);
    };
    const reference = nll({divergence: "exact"});
    for (const probe of ["rademacher", "gaussian"] as const) {
      const random = rng(17);
      const draws = Array.from({length: 200}, () => nll({divergence: "hutchinson", probe, rng: random}));
      const m = mean(draws, 0, draws.length);
      const sd = Math.sqrt(draws.reduce((s, v) => s + (v - m) ** 2, 0) / (draws.length - 1));
      expect(Math.abs(m - reference)).toBeLessThan(3 * (sd / Math.sqrt(draws.length)) + 1e-9);
      expect(sd).toBeGreaterThan(0);
    }
  }, 120_000);
});
