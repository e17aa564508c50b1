import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {float64Field, logLikelihood, logLikelihoodGrid} from "../../../engine/fm/likelihood.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {logDensity} from "../../../engine/cnf/log-density.ts";
import {rng} from "../../../engine/random.ts";
import {
  backwardPaths,
  fmLikelihood,
  fmLikelihoodJob,
  likelihoodGrid,
  type FmLikelihoodFrame
} from "../../../engine/tasks/fm-likelihood.ts";
import {likelihoodBox} from "../../../engine/tasks/fm-likelihood-options.ts";
import {evaluationData, loadWeights, shippedTarget} from "../../../engine/weights/index.ts";

function drive(o: Record<string, unknown>, field: ReturnType<typeof float64Field>, nll: number): FmLikelihoodFrame[] {
  const job = fmLikelihoodJob(checkValues(fmLikelihood.options, o), field, nll);
  const frames: FmLikelihoodFrame[] = [];
  for (;;) {
    const s = job.run(5);
    if (s.frame) frames.push(s.frame);
    if (s.done) return frames;
  }
}

describe("fm-likelihood", () => {
  it("the heatmap is the engine's logLikelihoodGrid, and the NLL the mean of logLikelihood on held-out points", async () => {
    const field = float64Field((await loadWeights("ot-cfm")).model);
    const frames = drive({size: 8, steps: 3}, field, 20);
    const last = frames.at(-1)!;
    expect(frames[0]!.modelLogp.some(Number.isNaN)).toBe(true);
    expect(last.done).toBe(true);
    expect(last.nx).toBe(8);
    const grid = logLikelihoodGrid(field, normalBase(), {
      extent: likelihoodBox,
      size: [last.nx, last.ny],
      solver: "rk4",
      steps: 3
    });
    last.modelLogp.forEach((v, i) => expect(v).toBeCloseTo(grid.logp[i]!, 9));
    const {heldOut} = evaluationData(20);
    const r = logLikelihood(field, normalBase(), heldOut, 20, {solver: "rk4", steps: 3});
    expect(last.nll).toBeCloseTo(-r.logp.reduce((a, b) => a + b, 0) / 20, 9);
    expect(last.entropy).toBe(shippedTarget().entropy);
    // The data's density is the dataset's exact one.
    expect(last.dataLogp.some((v) => Number.isFinite(v))).toBe(true);
  });

  it("Hutchinson runs and is seeded (two runs agree)", async () => {
    const field = float64Field((await loadWeights("ot-cfm")).model);
    const a = drive({size: 8, steps: 2, divergence: "hutchinson"}, field, 10).at(-1)!;
    const b = drive({size: 8, steps: 2, divergence: "hutchinson"}, field, 10).at(-1)!;
    expect(a.nll).toBe(b.nll);
    expect(Number.isFinite(a.nll)).toBe(true);
  });
});

describe("fm-likelihood with paths (point-likelihood, deck 3's D3.16)", () => {
  it("each pixel's log p₀(x₀) + ℓ₀ is the engine's logDensity for that point and solver, its path runs x → x₀", async () => {
    const field = float64Field((await loadWeights("ot-cfm")).model);
    for (const solver of ["rk4", "euler", "midpoint"] as const) {
      const last = drive({size: 8, steps: 3, solver, paths: true}, field, 8).at(-1)!;
      const pts = last.points!;
      expect(pts.stops).toBe(4);
      const {points} = likelihoodGrid({size: 8});
      const n = last.nx * last.ny;
      const ref = logDensity(field, normalBase(), points, n, {solver, steps: 3, method: "exact"});
      expect(last.nfe).toBe(ref.nfe);
      for (let p = 0; p < n; p++) {
        expect(pts.logp0[p]! + pts.delta[p]!).toBeCloseTo(last.modelLogp[p]!, 12);
        expect(last.modelLogp[p]).toBeCloseTo(ref.logp[p]!, 9);
        expect(pts.delta[p]).toBeCloseTo(ref.delta[p]!, 9);
        // The path starts at the pixel centre (t = 1) and ends at x₀ (t = 0).
        expect(pts.paths[2 * p * 4]).toBeCloseTo(points[2 * p]!, 5);
        expect(pts.paths[2 * p * 4 + 1]).toBeCloseTo(points[2 * p + 1]!, 5);
        expect(pts.paths[2 * (p * 4 + 3)]).toBeCloseTo(pts.x0[2 * p]!, 5);
        expect(pts.x0[2 * p]).toBeCloseTo(ref.x0[2 * p]!, 9);
      }
    }
  });

  it("the density integrates to ≈ 1 on a wide box (midpoint rule, cells of 0.5)", async () => {
    const field = float64Field((await loadWeights("ot-cfm")).model);
    const [nx, ny, h] = [32, 20, 0.5];
    const x = new Float64Array(2 * nx * ny);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) x.set([-7.8 + (i + 0.5) * h, -5 + (j + 0.5) * h], 2 * (j * nx + i));
    const r = backwardPaths(field, normalBase(), x, nx * ny, {solver: "rk4", steps: 8, divergence: "exact"}, rng(0));
    const mass = r.logp.reduce((a, v) => a + Math.exp(v) * h * h, 0);
    expect(mass).toBeGreaterThan(0.97);
    expect(mass).toBeLessThan(1.03);
  });

  it("Hutchinson's log p₁ agrees with the exact one in expectation: the mean of many probes is within 4 SE", async () => {
    const field = float64Field((await loadWeights("ot-cfm")).model);
    const n = 400;
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) x.set([1.5, -1.0], 2 * i);
    const o = {solver: "rk4", steps: 8} as const;
    const exact = backwardPaths(field, normalBase(), x.subarray(0, 2), 1, {...o, divergence: "exact"}, rng(0));
    const h = backwardPaths(field, normalBase(), x, n, {...o, divergence: "hutchinson"}, rng(7));
    const mean = h.logp.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(h.logp.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(sd).toBeGreaterThan(0);
    expect(Math.abs(mean - exact.logp[0]!)).toBeLessThan((4 * sd) / Math.sqrt(n));
    // x₀ does not depend on the probes: only ℓ does.
    expect(h.x0[0]).toBeCloseTo(exact.x0[0]!, 12);
  });
});
