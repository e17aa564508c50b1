import {describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {referenceKernels} from "../../../engine/kernels/index.ts";
import {standardNormal} from "../../../engine/data/registry.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {rng} from "../../../engine/random.ts";
import {diffusionPaths, diffusionPathsOf, type DiffusionPathsFrame} from "../../../engine/tasks/diffusion-paths.ts";
import {pathTarget} from "../../../engine/tasks/path-target.ts";

const env = {kernels: referenceKernels()};

async function drive(o: Record<string, unknown>): Promise<DiffusionPathsFrame[]> {
  const job = await diffusionPaths.start(checkValues(diffusionPaths.options, o), env);
  const frames: DiffusionPathsFrame[] = collectFrames(job, 5);
  return frames;
}

describe("diffusion-paths task", () => {
  it("VP's α at t = 0 is a₁ = e^(−T(1)/2) = e^(−5.025) for β ∈ [0.1, 20], not 0", async () => {
    const [f] = await drive({n: 10, steps: 20});
    expect(f!.vpAlpha0).toBeCloseTo(Math.exp(-0.5 * (0.1 + 0.5 * (20 - 0.1))), 14);
    expect(Math.exp(-5.025)).toBeCloseTo(0.00657, 5);
    expect(f!.sigma0[0]).toBeCloseTo(5, 12); // VE starts at σ_max
  });

  it("streams growing frames; the last has W2s to data, and the exact paths sit near their floor", async () => {
    const frames = await drive({n: 200, steps: 100, seed: 1});
    const taken = frames.map((f) => f.taken);
    expect(taken).toEqual([...taken].sort((a, b) => a - b));
    const last = frames.at(-1)!;
    expect(last.taken).toBe(100);
    expect(last.w2).toBeDefined();
    for (let p = 0; p < 3; p++) expect(last.w2![p]!).toBeLessThan(last.w2Floor! + 0.25);
  });

  it("VE started from N(0, I) instead of its exact p₀ misses the data: its W2 is several times the floor", async () => {
    const last = (await drive({n: 200, steps: 100, seed: 1, veStart: "standard"})).at(-1)!;
    expect(last.w2![0]!).toBeGreaterThan(2 * last.w2Floor!);
    expect(last.w2![2]!).toBeLessThan(last.w2Floor! + 0.25);
  });

  it("its speed is E‖u_t(x_t)‖² over p_t: equal to a Monte-Carlo estimate from fresh x_t ~ p_t (rtol 0.2)", async () => {
    const o = checkValues(diffusionPaths.options, {n: 400, steps: 100, seed: 2});
    const last = (await drive(o)).at(-1)!;
    const m = 4000;
    const paths = diffusionPathsOf(o);
    for (const t of [0.3, 0.5, 0.8]) {
      const k = Math.round((t / last.tEnd) * last.steps);
      const tk = (k * last.tEnd) / last.steps;
      paths.forEach((path, p) => {
        // x_t = α_t x₁ + σ_t ε, drawn directly (no ODE): the flow's particles must have the same law.
        const {b: alpha, s: sigma} = path.coefficients(tk);
        const r = rng(99);
        const x = pathTarget.sample(m, r);
        for (let i = 0; i < 2 * m; i++) x[i] = alpha * x[i]! + sigma * r.normal();
        const u = new Float64Array(2 * m);
        marginalField(path, standardNormal, pathTarget).velocity(u, x, m, tk);
        let sum = 0;
        for (let i = 0; i < 2 * m; i++) sum += u[i]! * u[i]!;
        const mc = sum / m;
        const flow = last.speed[p * (last.steps + 1) + k]!;
        expect(Math.abs(flow - mc) / mc, `${path.name} at t=${t}: flow ${flow}, direct ${mc}`).toBeLessThan(0.2);
      });
    }
  });

  it("VP's speed rushes late: far below OT's at t = 0.3, far above it at t = 0.8", async () => {
    const last = (await drive({n: 200, steps: 100, seed: 3})).at(-1)!;
    const at = (p: number, t: number) => last.speed[p * (last.steps + 1) + Math.round((t / last.tEnd) * last.steps)]!;
    expect(at(1, 0.3)).toBeLessThan(0.5 * at(2, 0.3));
    expect(at(1, 0.8)).toBeGreaterThan(2 * at(2, 0.8));
  });

  it("rejects β_max ≤ β_min with a RangeError naming betaMax", async () => {
    await expect(async () => drive({betaMin: 2, betaMax: 2})).rejects.toThrow(/invalid betaMax/);
  });
});
