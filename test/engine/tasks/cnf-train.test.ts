import {describe, expect, test} from "vitest";
import {mean, neg} from "../../../engine/autodiff/index.ts";
import {tensor} from "../../../engine/autodiff/tensor.ts";
import {normalBase} from "../../../engine/cnf/base.ts";
import {logDensity} from "../../../engine/cnf/log-density.ts";
import {unrolledLogLikelihood} from "../../../engine/cnf/unroll.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {defaults} from "../../../engine/options/schema.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {rng} from "../../../engine/random.ts";
import {cnfTrainOptions} from "../../../engine/tasks/cnf-train-options.ts";
import {cnfTrainJob, NFE_POINTS, SAMPLE_POINTS, type CnfTrainFrame} from "../../../engine/tasks/cnf-train.ts";

const small = {...defaults(cnfTrainOptions), steps: 4, batch: 32, iterations: 60, nfeEvery: 5};

/** Runs a job to its end in short slices; checks every frame's NFE point against dopri5 on the job's own weights. */
function runToEnd(o: typeof small) {
  const job = cnfTrainJob(o);
  const frames: CnfTrainFrame[] = [];
  let nfeChecks = 0;
  for (;;) {
    const slice = job.run(1);
    if (slice.frame) {
      frames.push(slice.frame);
      const f = slice.frame;
      if (f.nfeSteps.at(-1) === job.trainer.steps) {
        const nfe = logDensity(job.trainer.field(), normalBase(), job.nfePoints, NFE_POINTS, {
          solver: "dopri5",
          rtol: 10 ** o.logTol,
          atol: 10 ** o.logTol
        }).nfe;
        expect(f.nfeValues.at(-1)).toBe(nfe);
        nfeChecks++;
      }
    }
    if (slice.done) break;
  }
  return {job, frames, nfeChecks};
}

describe("cnf-train task", () => {
  const {job, frames, nfeChecks} = runToEnd(small);
  const last = frames.at(-1)!;

  test("the loss falls over a short run on a fixed seed, and stays above nothing absurd", () => {
    const head = Array.from(last.lossValues.slice(0, 5));
    const tail = Array.from(last.lossValues.slice(-5));
    const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(avg(tail)).toBeLessThan(avg(head) - 0.2);
    expect(last.progress.steps).toBe(small.iterations);
    expect(last.entropy).toBeCloseTo(dataset("ffjord-8gaussians").entropy!, 12);
  });

  test("the reported loss is −mean log p₁ of the engine's unrolled solve on the same batch and weights", () => {
    // Replays the trainer's stream: the batch of step 1 is the first draw of rng(seed + 1).
    const o = {...small, iterations: 1};
    const fresh = cnfTrainJob(o);
    const x = dataset(o.dataset).sample(o.batch, rng(o.seed + 1));
    const before = unrolledLogLikelihood(fresh.trainer.net, tensor(x, o.batch, 2), {solver: "rk4", steps: o.steps});
    const expected = neg(mean(before.logp)).item();
    // …and the graph-free exact-divergence solve of the same model agrees with the unrolled one.
    const free = logDensity(fresh.trainer.field(), normalBase(), x, o.batch, {solver: "rk4", steps: o.steps});
    expect(-free.logp.reduce((s, v) => s + v, 0) / o.batch).toBeCloseTo(expected, 9);
    // The first slices measure the untrained model (NFE, samples); the first training slice takes one step.
    let frame = fresh.run(1).frame!;
    while (frame.lossValues.length === 0) frame = fresh.run(1).frame!;
    expect(frame.lossValues[0]).toBeCloseTo(expected, 9);
    expect(frame.progress.steps).toBe(1);
  });

  test("every NFE point equals dopri5's NFE on the weights it was logged with", () => {
    expect(nfeChecks).toBeGreaterThan(3);
    expect(last.nfeSteps[0]).toBe(0);
    expect(last.nfeSteps.at(-1)).toBe(small.iterations);
    for (const v of last.nfeValues) expect(Number.isInteger(v) && v > 0).toBe(true);
    const nfe = logDensity(job.trainer.field(), normalBase(), job.nfePoints, NFE_POINTS, {
      solver: "dopri5",
      rtol: 10 ** small.logTol,
      atol: 10 ** small.logTol
    }).nfe;
    expect(last.nfeValues.at(-1)).toBe(nfe);
  });

  test("the time per step is measured; the samples are the noise pushed by the trained model", () => {
    expect(last.msPerStep.length).toBe(last.timeSteps.length);
    for (const ms of last.msPerStep) expect(ms).toBeGreaterThan(0);
    expect(last.unrollNfe).toBe(4 * small.steps);
    expect(last.samplesStep).toBe(small.iterations);
    expect(last.samples.length).toBe(2 * SAMPLE_POINTS);
    expect(last.data.length).toBe(2 * SAMPLE_POINTS);
    // The same push done independently: RK4 over [0, 1] with the trainer's steps, from the same noise.
    const field = job.trainer.field();
    const noise = normalBase().sample!(SAMPLE_POINTS, rng(small.seed + 104729));
    const {y} = integrate((out, x, t) => field.velocity(out, x, SAMPLE_POINTS, t), noise, {
      solver: "rk4",
      steps: small.steps
    });
    for (let i = 0; i < 20; i++) expect(last.samples[i]).toBeCloseTo(y[i]!, 4);
  });

  test("bad options are refused by name", () => {
    expect(() => cnfTrainJob({...small, dataset: "nope" as never})).toThrow(/nope/);
  });
});
