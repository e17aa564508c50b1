import {describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {standardNormal} from "../../../engine/data/registry.ts";
import {referenceKernels} from "../../../engine/kernels/index.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {rng} from "../../../engine/random.ts";
import {flowHero, heroTarget, type FlowHeroFrame} from "../../../engine/tasks/flow-hero.ts";

const env = {kernels: referenceKernels()};

async function drive(o: Record<string, unknown>): Promise<FlowHeroFrame[]> {
  const job = await flowHero.start(checkValues(flowHero.options, o), env);
  const frames: FlowHeroFrame[] = collectFrames(job, 5);
  return frames;
}

/** Mean distance from each particle at t = 1 to its nearest target point. */
function meanNearest(f: FlowHeroFrame): number {
  const {n, steps: K, trajectories: tr, target} = f;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [x, y] = [tr[2 * (K * n + i)]!, tr[2 * (K * n + i) + 1]!];
    let best = Infinity;
    for (let j = 0; j < target.length; j += 2) best = Math.min(best, Math.hypot(x - target[j]!, y - target[j + 1]!));
    sum += best / n;
  }
  return sum;
}

describe("flow-hero", () => {
  it("streams growing paths that start at the N(0, I) draw and end on the target", async () => {
    const frames = await drive({dataset: "moons", n: 300, steps: 30, seed: 3});
    expect(frames.length).toBeGreaterThan(1);
    const done = frames.map((f) => f.computedUpTo);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    for (const f of frames) expect(f.trajectories.length).toBe((f.computedUpTo + 1) * 300 * 2);
    const last = frames.at(-1)!;
    expect(last.computedUpTo).toBe(30);
    const x0 = standardNormal.sample(300, rng(3));
    for (let i = 0; i < 600; i++) expect(last.trajectories[i]).toBeCloseTo(x0[i]!, 5);
    // The cloud's σ is 1.5% of its size (0.05 for moons): the particles end within a few σ of a point.
    expect(meanNearest(last)).toBeLessThan(3 * last.sigma);
    expect(last.progress.steps).toBe(30);
  });

  it("flows into a word", async () => {
    const last = (await drive({target: "word", word: "HI", n: 200, steps: 20})).at(-1)!;
    expect(meanNearest(last)).toBeLessThan(3 * last.sigma);
  });

  it("flows into drawn points, and a bad drawing is a RangeError naming the option", async () => {
    const last = (await drive({target: "points", points: "0,0 1,1; 2,0.5", n: 100, steps: 20})).at(-1)!;
    expect(last.target.length).toBe(6);
    expect(meanNearest(last)).toBeLessThan(3 * last.sigma);
    const bad = (points: string) => () => heroTarget(checkValues(flowHero.options, {target: "points", points}));
    for (const points of ["", "1,2 3", "1,2,3", "a,b", "1e9,0", "NaN,1", "1,,2"]) {
      expect(bad(points)).toThrow(RangeError);
      expect(bad(points)).toThrow(/invalid points/);
    }
  });

  it("keeps a mixture dataset exact (no smoothing)", () => {
    const t = heroTarget(checkValues(flowHero.options, {dataset: "8gaussians"}));
    expect(t.sigma).toBe(0);
    expect(t.mixture.weights.length).toBe(8);
  });
});
