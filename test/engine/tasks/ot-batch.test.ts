import {beforeAll, describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import type {VelocityField} from "../../../engine/fields/field.ts";
import {kernels} from "../../../engine/kernels/index.ts";
import {gaussianW2Squared} from "../../../engine/metrics/gaussian-w2.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {ENERGY_GRID, otBatchModels, otBatchSource, otBatchTarget} from "../../../engine/tasks/ot-batch-options.ts";
import {measureFlow, otBatch, otBatchJob, RESULT_STRIDE, type OtBatchFrame} from "../../../engine/tasks/ot-batch.ts";

/** The exact I-CFM (σ = 0) flow between the two diagonal Gaussians: per axis s_t² = (1 − t)² a + t² b, ℰ = 9 + Σ∫ṡ². */
function exactIcfmStraightness(): number {
  let energy = 0;
  const K = 20000;
  for (const [a, b] of [
    [1, 0.25],
    [1, 4]
  ] as const) {
    const s = (t: number) => Math.sqrt((1 - t) ** 2 * a + t * t * b);
    for (let k = 0; k < K; k++) {
      const t = (k + 0.5) / K;
      energy += ((s(t + 1e-6) - s(t - 1e-6)) / 2e-6) ** 2 / K;
    }
    energy -= (Math.sqrt(b) - Math.sqrt(a)) ** 2;
  }
  return energy;
}

let last: OtBatchFrame;
let frames: OtBatchFrame[];

beforeAll(async () => {
  await loadAssignmentKernels();
  const o = checkValues(otBatch.options, {steps: 300, width: 32, n: 100, seed: 0});
  frames = collectFrames(otBatchJob(o, {kernels: await kernels()}), 40);
  last = frames.at(-1)!;
}, 300_000);

describe("ot-batch", () => {
  it("trains I-CFM and OT-CFM at every B to the end and reports the exact W₂² of the two Gaussians", () => {
    expect(last.phase).toBe("done");
    expect(frames.some((f) => f.phase === "training" && f.model === 2)).toBe(true);
    expect(last.results.length).toBe(RESULT_STRIDE * otBatchModels.length);
    // W₂² = |Δm|² + Σ (√a − √b)² for diagonal covariances: 9 + 1/4 + 1.
    expect(last.w2).toBeCloseTo(10.25, 12);
    expect(last.w2).toBe(gaussianW2Squared(otBatchSource, otBatchTarget));
  });

  it("ℰ, E|Z₁ − Z₀|² and S agree with the frame's own trajectories (kinetic energy of the polylines)", () => {
    const {n, times, trajectories} = last;
    expect(times.length).toBe(ENERGY_GRID + 1);
    expect(trajectories.length).toBe(otBatchModels.length * times.length * n * 2);
    for (let m = 0; m < otBatchModels.length; m++) {
      const [block, energy, displacement, straightness] = last.results.subarray(m * RESULT_STRIDE);
      expect(block).toBe(otBatchModels[m]!.block);
      const at = (k: number, c: number) => trajectories[(m * times.length + k) * n * 2 + c]!;
      let kinetic = 0;
      let squared = 0;
      for (let k = 1; k < times.length; k++) {
        const dt = times[k]! - times[k - 1]!;
        for (let c = 0; c < 2 * n; c++) kinetic += (at(k, c) - at(k - 1, c)) ** 2 / dt / n;
      }
      for (let c = 0; c < 2 * n; c++) squared += (at(times.length - 1, c) - at(0, c)) ** 2 / n;
      expect(displacement).toBeCloseTo(squared, 4);
      expect(straightness).toBe(energy! - displacement!);
      // The polyline's energy (no velocities used) agrees with the trapezoid rule on the velocities to O(Δt²).
      expect(Math.abs(kinetic - energy!)).toBeLessThan(0.01);
    }
  });

  it("the B effect: pair cost and S fall from I-CFM through B = 8 to B = 256 (a short run)", () => {
    const col = (j: number) => otBatchModels.map((_, m) => last.results[m * RESULT_STRIDE + j]!);
    const [pair, s] = [col(4), col(3)];
    const [icfm, , b8, , b256] = [0, 1, 2, 3, 4];
    expect(pair[icfm]).toBeGreaterThan(pair[b8]! + 1);
    expect(pair[b8]).toBeGreaterThan(pair[b256]! + 1);
    expect(pair[b256]).toBeGreaterThan(last.w2 - 0.2);
    expect(s[icfm]).toBeGreaterThan(5 * s[b8]!);
    expect(s[b8]).toBeGreaterThan(5 * s[b256]!);
  });

  it("at the slide's settings, the trained I-CFM flow's S and ℰ are those of the exact I-CFM flow", async () => {
    const job = otBatchJob(checkValues(otBatch.options, {}), {kernels: await kernels()});
    let results: Float64Array = new Float64Array(0);
    try {
      while (results.length < RESULT_STRIDE) results = job.run(200).frame?.results ?? results;
    } finally {
      job.dispose?.();
    }
    const exact = exactIcfmStraightness();
    expect(exact).toBeCloseTo(1.073, 3);
    expect(Math.abs(results[3]! - exact)).toBeLessThan(0.1);
    // ℰ = E|Z₁ − Z₀|² + S, and E|Z₁ − Z₀|² carries the model's own error (within ±0.2 of W₂² over seeds, measured).
    expect(Math.abs(results[1]! - (10.25 + exact))).toBeLessThan(0.3);
  }, 300_000);

  it("measures a known field exactly: u = x gives x_t = x₀eᵗ, ℰ = E|x₀|²(e² − 1)/2, E|Z₁ − Z₀|² = E|x₀|²(e − 1)²", () => {
    const n = 3;
    const x0 = Float64Array.from([1, 0, 0, 2, -1, 1]);
    const growth: VelocityField = {dim: 2, velocity: (out, x, m) => out.set(x.subarray(0, 2 * m))};
    const times = Float64Array.from({length: ENERGY_GRID + 1}, (_, k) => k / ENERGY_GRID);
    const r = measureFlow(growth, x0, n, times);
    const m2 = (1 + 4 + 2) / n;
    expect(r.displacement).toBeCloseTo(m2 * (Math.E - 1) ** 2, 4);
    expect(r.energy).toBeCloseTo((m2 * (Math.E ** 2 - 1)) / 2, 2);
    expect(r.straightness).toBeGreaterThan(0);
  });
});
