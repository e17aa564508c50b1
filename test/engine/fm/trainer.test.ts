import {beforeAll, describe, expect, it} from "vitest";
import {otCoupling} from "../../../engine/couplings/coupling.ts";
import {autodiffModel, fastModel} from "../../../engine/fm/model.ts";
import {oneStepError, reflowTrainer} from "../../../engine/fm/reflow.ts";
import {fmTrainer, type FmTrainer} from "../../../engine/fm/trainer.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {iCfmPath, lipmanPath} from "../../../engine/paths/cfm.ts";
import {rng} from "../../../engine/random.ts";
import {standardNormal} from "../../../engine/data/registry.ts";
import {torchcfm8Gaussians} from "../../../engine/data/torchcfm.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import type {VelocityField} from "../../../engine/fields/field.ts";
import type {ProbabilityPath} from "../../../engine/paths/path.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

/** 8 gaussians → moons (TorchCFM tutorial pair), small enough for the suite: 600 steps of batch 128 at lr 3e-3. */
function trained(ot: boolean): FmTrainer {
  const tr = fmTrainer({
    path: iCfmPath(0.01),
    ...(ot ? {coupling: otCoupling()} : {}),
    source: "8gaussians",
    target: "torchcfm-moons",
    model: fastModel(k, {lr: 3e-3, seed: 0}),
    batch: 128,
    seed: 0
  });
  tr.step(600);
  return tr;
}

describe("flow-matching trainer, end to end", () => {
  let icfm: FmTrainer;
  let otcfm: FmTrainer;
  beforeAll(() => {
    icfm = trained(false);
    otcfm = trained(true);
  }, 120_000);

  it(
    "OT-CFM reaches W2 within 0.6 of the finite-sample floor, with paths straighter than I-CFM's",
    {timeout: 30_000},
    () => {
      const options = {n: 500, solver: "rk4", steps: 16} as const;
      const ot = otcfm.evaluate(options);
      const ind = icfm.evaluate(options);
      // Untrained, W2 would be about W2(source, target) = 2.8; a perfect model scores the floor (≈ 0.13 at n = 500).
      expect(ot.w2 - ot.w2Floor).toBeLessThan(0.6);
      expect(ind.w2 - ind.w2Floor).toBeLessThan(1);
      // OT-CFM's energy approaches W2²(source, target) (NPE small); I-CFM's paths cost about twice as much.
      expect(ot.pathEnergy).toBeLessThan(0.6 * ind.pathEnergy);
      expect(ot.npe).toBeLessThan(0.2);
      expect(ind.npe).toBeGreaterThan(0.5);
      expect(ot.straightness).toBeLessThan(0.2 * ind.straightness);
    }
  );

  it("reflow (2-rectified flow) cuts the 1-step Euler error of the trained I-CFM model", {timeout: 30_000}, () => {
    const x0 = icfm.source.sample(400, rng(99));
    const reference = {solver: "rk4", steps: 32} as const;
    const before = oneStepError(icfm.model.field(), x0, 400, reference);
    const second = reflowTrainer(icfm, (w) => fastModel(k, {lr: 3e-3}, w), {pool: 4000, batch: 128, steps: 16});
    second.step(300);
    const after = oneStepError(second.model.field(), x0, 400, reference);
    expect(after).toBeLessThan(before / 3);
  });
});

describe("flow-matching trainer, unit properties", () => {
  const options = (model: ReturnType<typeof autodiffModel>, seed = 3) => ({
    path: iCfmPath(0),
    source: "normal",
    target: "8gaussians",
    model,
    batch: 32,
    seed
  });

  it("is deterministic per seed and differs across seeds", () => {
    const run = (seed: number) => {
      const tr = fmTrainer(options(fastModel(k, {seed: 1}), seed));
      return [1, 2, 3].map(() => tr.step().loss);
    };
    expect(run(3)).toEqual(run(3));
    expect(run(4)).not.toEqual(run(3));
  });

  it("the fast float32 model and the float64 autodiff model train alike from the same initial weights", () => {
    const fast = fmTrainer(options(fastModel(k, {seed: 2, lr: 1e-2})));
    const exact = fmTrainer(options(autodiffModel({seed: 2, lr: 1e-2})));
    const a = fast.step(15);
    const b = exact.step(15);
    expect(Math.abs(a.lastLoss - b.lastLoss)).toBeLessThan(1e-3 * b.lastLoss);
    const x = Float64Array.from([0.5, -1, 2, 0.3]);
    const [u, v] = [new Float64Array(4), new Float64Array(4)];
    fast.model.field().velocity(u, x, 2, 0.4);
    exact.model.field().velocity(v, x, 2, 0.4);
    for (let i = 0; i < 4; i++) expect(u[i]).toBeCloseTo(v[i]!, 3);
  });

  it(
    "a one-sided path learns its closed-form marginal field (Lipman, N(0, I) → 8 gaussians)",
    {timeout: 30_000},
    () => {
      const path = lipmanPath(0.05);
      const tr = fmTrainer({...options(fastModel(k, {lr: 3e-3})), path, batch: 256});
      const exact = marginalField(path, standardNormal, torchcfm8Gaussians);
      const error = () => relativeFieldError(tr.model.field(), exact, path);
      const untrained = error();
      tr.step(600);
      const trainedError = error();
      expect(trainedError).toBeLessThan(0.25 * untrained);
      expect(trainedError).toBeLessThan(0.1);
      expect(() => tr.step(0)).toThrow("invalid count: 0");
    }
  );
});

/** E|u_θ − u*|² / E|u*|² over x_t drawn from the path at t ∈ {0.1, 0.3, 0.5, 0.7, 0.9}. */
function relativeFieldError(model: VelocityField, exact: VelocityField, path: ProbabilityPath): number {
  const n = 2000;
  const r = rng(7);
  const [u, v, xt] = [new Float64Array(2 * n), new Float64Array(2 * n), new Float64Array(2 * n)];
  let [num, den] = [0, 0];
  for (const t of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    const eps = standardNormal.sample(n, r);
    path.sample(xt, eps, torchcfm8Gaussians.sample(n, r), new Float64Array(n).fill(t), eps, n);
    model.velocity(u, xt, n, t);
    exact.velocity(v, xt, n, t);
    for (let i = 0; i < 2 * n; i++) [num, den] = [num + (u[i]! - v[i]!) ** 2, den + v[i]! ** 2];
  }
  return num / den;
}
