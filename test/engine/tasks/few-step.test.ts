import {describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {standardNormal} from "../../../engine/data/registry.ts";
import {exactStart} from "../../../engine/fm/closed-form-flow.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {referenceKernels} from "../../../engine/kernels/index.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {rng} from "../../../engine/random.ts";
import {EULER_STEPS, fewStep, fewStepPaths, type FewStepFrame} from "../../../engine/tasks/few-step.ts";
import {pathTargets} from "../../../engine/tasks/path-target.ts";

const env = {kernels: referenceKernels()};

async function drive(o: Record<string, unknown>): Promise<FewStepFrame[]> {
  const job = await fewStep.start(checkValues(fewStep.options, o), env);
  const frames: FewStepFrame[] = collectFrames(job, 5);
  return frames;
}

/** Euler with K steps on the closed-form marginal field, written out here from marginalField alone. */
function euler(o: ReturnType<typeof options>, p: number, K: number): Float64Array {
  const path = fewStepPaths(o)[p]!;
  const target = pathTargets[o.target];
  const x = exactStart(path, target, o.n, rng(o.seed));
  const field = marginalField(path, standardNormal, target);
  const u = new Float64Array(2 * o.n);
  for (let k = 0; k < K; k++) {
    field.velocity(u, x, o.n, k / K);
    for (let i = 0; i < 2 * o.n; i++) x[i]! += u[i]! / K;
  }
  return x;
}

const options = (o: Record<string, unknown> = {}) => checkValues(fewStep.options, {n: 60, seed: 4, ...o});

describe("few-step task", () => {
  it("its Euler ends are Euler on the closed-form field, and its W2 is metrics.w2 of them to the exact ends", async () => {
    const o = options();
    const last = (await drive(o)).at(-1)!;
    const exact = [0, 1].map((p) => euler(o, p, 2000));
    EULER_STEPS.forEach((K, j) => {
      for (const p of [0, 1]) {
        const mine = euler(o, p, K);
        const ends = last.ends.subarray(
          (p * EULER_STEPS.length + j) * o.n * 2,
          (p * EULER_STEPS.length + j + 1) * o.n * 2
        );
        for (let i = 0; i < 2 * o.n; i++) expect(ends[i]).toBeCloseTo(mine[i]!, 4);
        // The task's exact ends come from midpoint with 200 steps; Euler with 2000 steps agrees to about 1e-2.
        expect(last.w2[p * EULER_STEPS.length + j]).toBeCloseTo(w2(mine, exact[p]!, o.n), 1);
      }
    });
  });

  it("more Euler steps bring both paths closer to their exact samples (W2 at 16 steps < at 1 step)", async () => {
    const last = (await drive(options())).at(-1)!;
    for (const p of [0, 1]) expect(last.w2[p * 5 + 4]!).toBeLessThan(last.w2[p * 5]!);
  });

  it("VP on N(m, I) has straight marginal paths (a translation): 16 Euler steps are nearly exact", async () => {
    const last = (await drive(options({target: "shifted-normal"}))).at(-1)!;
    expect(last.w2[1 * 5 + 4]!).toBeLessThan(0.02);
  });

  it("the conditional OT lines end at x₁ + σ_min x₀ of their own x₀", async () => {
    const o = options({sigmaMin: 0.2});
    const last = (await drive(o)).at(-1)!;
    const x0 = exactStart(fewStepPaths(o)[0]!, pathTargets[o.target], o.n, rng(o.seed));
    for (let i = 0; i < 5; i++) expect(last.conditional[4 * i]).toBeCloseTo(x0[2 * i]!, 5);
  });

  it("bad options are RangeErrors naming them", async () => {
    await expect(async () => drive({target: "moons"})).rejects.toThrow(/invalid target/);
    await expect(async () => drive({sigmaMin: 2})).rejects.toThrow(/invalid sigmaMin/);
  });
});
