import {beforeAll, describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {oneStepError} from "../../../engine/fm/reflow.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import type {VelocityField} from "../../../engine/fields/field.ts";
import {
  measure,
  reflow,
  reflowJob,
  shownPoints,
  stageModelOptions,
  type ReflowFrame
} from "../../../engine/tasks/reflow.ts";
import {independentCoupling} from "../../../engine/couplings/coupling.ts";
import {pushForward} from "../../../engine/couplings/reflow.ts";
import {maybeDataset} from "../../../engine/data/registry.ts";
import {fastModel} from "../../../engine/fm/model.ts";
import {fmTrainer} from "../../../engine/fm/trainer.ts";
import {iCfmPath} from "../../../engine/paths/cfm.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

/** Runs a job to its end, collecting its frames. */
/**
 * Runs the job to its end in slices of `budgetMs`. A machine fast enough to train a whole small stage inside one
 * slice posts no "training" frame for it, so the tests that look at training frames use a 0 ms budget (one step per
 * slice) rather than depend on the machine's speed.
 */
function drive(o: Record<string, unknown>, evalN = 64, budgetMs = 20): ReflowFrame[] {
  const job = reflowJob(checkValues(reflow.options, o), {kernels: k}, evalN);
  const frames: ReflowFrame[] = collectFrames(job, budgetMs);
  return frames;
}

describe("reflow", () => {
  it("trains 1-RF then one reflow stage, and the reflowed flow is straighter (S and the one-step error fall)", () => {
    const frames = drive({steps: 600, batch: 128, width: 32, pool: 1000, reflows: 1, seed: 0}, 200, 0);
    const last = frames.at(-1)!;
    expect(last.phase).toBe("done");
    expect(last.stages).toBe(2);
    expect(frames.some((f) => f.stage === 2 && f.phase === "training")).toBe(true);
    const s = last.summaries;
    expect(s.length).toBe(10);
    const [r1, e1, d1, s1, o1] = Array.from(s.subarray(0, 5));
    const [r2, e2, d2, s2, o2] = Array.from(s.subarray(5, 10));
    expect([r1, r2]).toEqual([1, 2]);
    expect(s1).toBeCloseTo(e1! - d1!, 12);
    expect(s2).toBeCloseTo(e2! - d2!, 12);
    expect(s2).toBeLessThan(s1!);
    expect(o2).toBeLessThan(o1!);
    expect(last.oneStep!.length).toBe(400);
    expect(last.pathCount).toBe(40);
  });

  it("measures ℰ, E|Z₁ − Z₀|² and S of a known field: a constant field is straight (S = 0), a rotation is not", () => {
    const n = 50;
    const x0 = new Float64Array(2 * n).map((_, i) => Math.sin(i));
    const constant: VelocityField = {dim: 2, velocity: (out, _x, m) => out.fill(0.5, 0, 2 * m)};
    const c = measure(constant, x0, n).summary;
    expect(c.energy).toBeCloseTo(0.5, 10);
    expect(c.displacement).toBeCloseTo(0.5, 10);
    expect(Math.abs(c.straightness)).toBeLessThan(1e-10);
    // One-step samples are stored as float32.
    expect(c.oneStepError).toBeLessThan(1e-6);
    const rotation: VelocityField = {
      dim: 2,
      velocity(out, x, m) {
        for (let i = 0; i < m; i++) [out[2 * i], out[2 * i + 1]] = [-x[2 * i + 1]!, x[2 * i]!];
      }
    };
    const r = measure(rotation, x0, n).summary;
    expect(r.straightness).toBeGreaterThan(0.05);
    // The one-step error agrees with the engine's fm.oneStepError (reference RK4 with the same 20 steps).
    expect(r.oneStepError).toBeCloseTo(oneStepError(rotation, x0, n, {solver: "rk4", steps: 20}), 5);
  });

  it("shows the pairs each stage trains on: independent for 1-RF, then (Z₀, ODE(Z₀)) of 1-RF for 2-RF", () => {
    const values = {steps: 200, batch: 64, width: 16, pool: 256, reflows: 1, seed: 4};
    const frames = drive(values, 200, 0);
    const o = checkValues(reflow.options, values);
    // Every fifth of the 200 measured points (stratified by mode, in order), so that every mode shows.
    const shown = shownPoints(200);
    expect(shown).toEqual(Array.from({length: 40}, (_, i) => 5 * i));
    const pick = (points: Float32Array) => shown.flatMap((j) => [points[2 * j]!, points[2 * j + 1]!]);
    const first = frames.find((f) => f.stage === 1 && f.phase === "training")!;
    const second = frames.find((f) => f.stage === 2 && f.phase === "training")!;
    const n = first.pairCount!;
    expect(n).toBe(40);
    expect(second.pairCount).toBe(n);
    expect(frames.at(-1)!.pairs).toBeUndefined();
    // 1-RF: a source point with a held-out target point drawn independently of it.
    expect(Array.from(first.pairs!.subarray(0, 2 * n))).toEqual(pick(first.source));
    expect(Array.from(first.pairs!.subarray(2 * n))).toEqual(pick(first.heldOut));
    // 2-RF: 1-RF trained again here with the same recipe and seeds, and its ODE solved from the same Z₀.
    const oneRf = fmTrainer({
      path: iCfmPath(0),
      coupling: independentCoupling(),
      source: maybeDataset(o.source),
      target: maybeDataset(o.target),
      model: fastModel(k, stageModelOptions(o, 0)),
      batch: o.batch,
      seed: o.seed
    });
    oneRf.step(o.steps);
    const z0 = Float64Array.from(pick(second.source));
    const z1 = pushForward(oneRf.model.field(), z0, n, {solver: "rk4", steps: 20}).x1;
    oneRf.model.dispose();
    expect(Array.from(second.pairs!.subarray(0, 2 * n))).toEqual(Array.from(Float32Array.from(z0)));
    const gap = Math.max(...Array.from(z1, (v, c) => Math.abs(v - second.pairs![2 * n + c]!)));
    expect(gap).toBeLessThan(1e-4);
    // What the figure shows: the reflow pairs cross far less than the independent ones.
    expect(crossings(second.pairs!, n)).toBeLessThan(crossings(first.pairs!, n) / 3);
  });

  it("rejects more than two reflows", () => {
    expect(() => checkValues(reflow.options, {reflows: 3})).toThrow(/reflows/);
  });
});

/** Pairs of segments among paths [2, n, 2] that cross. */
function crossings(pairs: Float32Array, n: number): number {
  const p = (i: number, row: number) => [pairs[2 * (row * n + i)]!, pairs[2 * (row * n + i) + 1]!] as const;
  const side = (a: readonly number[], b: readonly number[], c: readonly number[]) =>
    Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [a, b, c, d] = [p(i, 0), p(i, 1), p(j, 0), p(j, 1)];
      if (side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0) count++;
    }
  }
  return count;
}
