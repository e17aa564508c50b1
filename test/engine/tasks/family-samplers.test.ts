import {beforeAll, describe, expect, it} from "vitest";
import {maybeDataset} from "../../../engine/data/registry.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {rng} from "../../../engine/random.ts";
import {FAMILIES} from "../../../engine/tasks/family-samplers-options.ts";
import {
  familySamplers,
  moonsEnergy,
  moonsEnergyScore,
  type FamilySamplersFrame
} from "../../../engine/tasks/family-samplers.ts";
import {finiteDifferenceScore} from "../../../engine/samplers/langevin.ts";
import {collectFrames} from "./collect-frames.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
  await loadAssignmentKernels();
});

/** Every sampler's end points against held-out moons: the W2 each must stay under (noise N(0, I) scores ≈ 2). */
const bounds: Record<(typeof FAMILIES)[number], number> = {
  gan: 0.5,
  vae: 0.55,
  autoregressive: 0.7,
  flow: 0.5,
  energy: 1.2,
  diffusion: 0.6,
  cnf: 0.5,
  fm: 0.5
};

describe("family-samplers", () => {
  let frames: FamilySamplersFrame[];
  beforeAll(async () => {
    const job = await familySamplers.start(checkValues(familySamplers.options, {n: 200, seed: 0}), {kernels: k});
    frames = collectFrames(job, 20);
  }, 60_000);

  it("computes the families in table order, a frame whenever one is finished, the last done", () => {
    const ready = frames.map((f) => f.ready);
    ready.slice(1).forEach((r, i) => expect(r).toBeGreaterThan(ready[i]!));
    expect(ready.at(-1)).toBe(8);
    expect(frames.at(-1)!.done).toBe(true);
    const last = frames.at(-1)!;
    for (let f = 0; f < FAMILIES.length; f++) expect(last.offsets[f + 1]!).toBeGreaterThan(last.offsets[f]!);
    expect(last.times[0]).toBe(0);
  });

  it("every sampler ends near the moons: its printed W2 is metrics.w2 of its last key frame, under its bound", () => {
    const last = frames.at(-1)!;
    const n = last.n;
    const data = Float64Array.from(last.data);
    const noise = rng(0).fillNormal(new Float64Array(2 * n)) as Float64Array;
    const noiseW2 = w2(noise, data, n);
    expect(noiseW2).toBeGreaterThan(1.5);
    FAMILIES.forEach((family, f) => {
      const end = last.offsets[f + 1]! - 1;
      const points = Float64Array.from(last.keys.subarray(end * 2 * n, (end + 1) * 2 * n));
      const distance = w2(points, data, n);
      expect(Math.abs(distance - last.w2[f]!), family).toBeLessThan(1e-4);
      expect(distance, family).toBeLessThan(bounds[family]);
    });
  });

  it("the W2 floor is the W2 between two data samples of the same size", () => {
    const last = frames.at(-1)!;
    const moons = maybeDataset("torchcfm-moons");
    expect(last.floor).toBeCloseTo(w2(moons.sample(200, rng(2)), moons.sample(200, rng(3)), 200), 10);
  });

  it("GAN, CNF and FM end where the same ODE ends; the VAE adds decoder noise to that point", () => {
    const last = frames.at(-1)!;
    const endOf = (f: number) => {
      const e = last.offsets[f + 1]! - 1;
      return last.keys.subarray(e * 2 * last.n, (e + 1) * 2 * last.n);
    };
    const [gan, vae, , , , , cnf, fm] = FAMILIES.map((_, f) => endOf(f));
    expect(Array.from(gan!)).toEqual(Array.from(cnf!));
    expect(Array.from(fm!)).toEqual(Array.from(cnf!));
    expect(Array.from(vae!)).not.toEqual(Array.from(gan!));
  });

  it("the energy's exact score equals its log-density's central differences", () => {
    const energy = moonsEnergy();
    const x = Float64Array.from([0, 0, 2, 1, -3, 0.5, 4, -2]);
    const exact = moonsEnergyScore(energy)(new Float64Array(8), x, 4);
    const numeric = finiteDifferenceScore((out, y, n) => energy.logDensity(out, y, n))(new Float64Array(8), x, 4);
    exact.forEach((v, i) => expect(Math.abs(v - numeric[i]!)).toBeLessThan(1e-5));
  });

  it("rejects a bad n with a RangeError naming it", () => {
    expect(() => checkValues(familySamplers.options, {n: 5, seed: 0})).toThrow(/invalid n/);
  });
});

describe("family-samplers slicing", () => {
  // Relative to the whole job measured in the same run (no absolute time: the machines are shared and noisy).
  it("a slice stays near its budget: no unit of work is long (slowest slice under a fifth of the whole job)", async () => {
    const job = await familySamplers.start(checkValues(familySamplers.options, {n: 300, seed: 1}), {kernels: k});
    let slowest = 0;
    let total = 0;
    for (;;) {
      const started = performance.now();
      const slice = job.run(12);
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      total += took;
      if (slice.done) break;
    }
    expect(slowest).toBeLessThan(total / 5);
  }, 60_000);
});
