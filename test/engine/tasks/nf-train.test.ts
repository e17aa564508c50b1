import {describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import {densityGrid} from "../../../engine/flows/grid.ts";
import {defaults} from "../../../engine/options/schema.ts";
import {nfTrainOptions} from "../../../engine/tasks/nf-train-options.ts";
import {NF_POINTS, nfTrainJob, parseBlocks, toLatent, type NfTrainFrame} from "../../../engine/tasks/nf-train.ts";
import {rng} from "../../../engine/random.ts";

const small = {
  ...defaults(nfTrainOptions),
  blocks: "actnorm, coupling-1, coupling-2",
  width: 16,
  batch: 64,
  iterations: 300,
  grid: 12
};

function runToEnd(job: ReturnType<typeof nfTrainJob>): NfTrainFrame {
  let last: NfTrainFrame | undefined;
  for (let i = 0; i < 10_000; i++) {
    const s = job.run(20);
    if (s.frame) last = s.frame;
    if (s.done) return last!;
  }
  throw new Error("job did not finish");
}

describe("nf-train", () => {
  it("parses block lists", () => {
    expect(parseBlocks(" coupling-1, ,actnorm ")).toEqual(["coupling-1", "actnorm"]);
  });

  it("trains to its total, lowers the NLL, and its pictures are the engine's density and latent of the final flow", () => {
    const job = nfTrainJob(small);
    const frame = runToEnd(job);
    expect(frame.progress.steps).toBe(300);
    expect(frame.picturesStep).toBe(300);
    const losses = Array.from(frame.lossValues);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.15);
    const q = dataset("sklearn-moons");
    expect(frame.entropy).toBe(q.entropy);
    const g = densityGrid(job.flow, q.extent, 12);
    for (let i = 0; i < g.values.length; i++) expect(frame.density[i]).toBeCloseTo(g.values[i]!, 4);
    const data = Float64Array.from(frame.data);
    const z = toLatent(job.flow, data, NF_POINTS);
    for (let i = 0; i < 20; i++) expect(frame.latent[i]).toBeCloseTo(z[i]!, 4);
    // Held-out points come from their own stream: not the first training batch.
    expect(Array.from(data.slice(0, 4))).not.toEqual(Array.from(q.sample(4, rng(small.seed)).slice(0, 4)));
  });

  it("refuses an unknown block by name", () => {
    expect(() => nfTrainJob({...small, blocks: "coupling-1,glow"})).toThrow(/unknown block: glow/);
  });
});
