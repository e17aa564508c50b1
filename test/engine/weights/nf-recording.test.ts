import {describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import {densityGrid} from "../../../engine/flows/grid.ts";
import {flowFromJson} from "../../../engine/flows/serialize.ts";
import {noGrad, tensor} from "../../../engine/autodiff/tensor.ts";
import {checkpointSteps, recordNfRun, REALNVP_BLOCKS} from "../../../engine/weights/nf-record-train.ts";
import {
  checkRecording,
  meanNll,
  NF_ROUND,
  nfTestPoints,
  recordingExtent
} from "../../../engine/weights/nf-recording.ts";
import shipped from "../../../engine/weights/realnvp-moons.json" with {type: "json"};

const r = checkRecording(shipped);
const f = flowFromJson(r.flow);
const q = dataset(r.dataset);

describe("the shipped recording (engine/weights/realnvp-moons.json)", () => {
  it("is the deck's RealNVP on sklearn moons, 3000 steps, 12 checkpoints from step 0 to the end", () => {
    expect(r.dataset).toBe("sklearn-moons");
    expect(r.recipe.blocks).toEqual([...REALNVP_BLOCKS]);
    expect(r.recipe.width).toBe(32);
    expect(r.checkpoints.map((c) => c.step)).toEqual(checkpointSteps(r.recipe.steps));
    expect(r.checkpoints).toHaveLength(12);
    expect(JSON.stringify(shipped).length).toBeLessThan(210_000);
  });

  it("its final weights reproduce the stated test NLL, which lies above the entropy floor", () => {
    const test = nfTestPoints(q, r.evaluation.n, r.evaluation.seed);
    expect(meanNll(f, test, r.evaluation.n)).toBeCloseTo(r.evaluation.nll, 10);
    expect(r.evaluation.nll).toBeGreaterThan(r.evaluation.entropy);
    expect(r.evaluation.nll - r.evaluation.entropy).toBeLessThan(0.1);
    expect(r.evaluation.entropy).toBeCloseTo(q.entropy!, 10);
  });

  it("its last checkpoint is what the shipped weights give: the density grid and the latent images", () => {
    const last = r.checkpoints.at(-1)!;
    const g = densityGrid(f, recordingExtent(r), r.grid.n);
    const tol = 0.5 * 10 ** -NF_ROUND.density + 1e-12;
    g.values.forEach((v, i) => expect(Math.abs(v - last.density[i]!)).toBeLessThanOrEqual(tol));
    const n = r.points.length / 2;
    const z = noGrad(() => f.normalize(tensor(Float64Array.from(r.points), n, 2)).z.data);
    const tolZ = 0.5 * 10 ** -NF_ROUND.latent + 1e-12;
    z.forEach((v, i) => expect(Math.abs(v - last.latent[i]!)).toBeLessThanOrEqual(tolZ));
  });

  it("its loss curve falls from the initial NLL towards the test NLL", () => {
    expect(r.loss.values[0]!).toBeGreaterThan(r.evaluation.nll + 0.3);
    expect(r.loss.values.at(-1)!).toBeLessThan(r.evaluation.nll + 0.1);
    expect(r.loss.steps.at(-1)).toBe(r.recipe.steps);
  });
});

describe("recordNfRun", () => {
  it("is seeded: the same seed gives the same run, another seed another one", () => {
    const small = {steps: 12, grid: 8, points: 10, evalN: 200, width: 8};
    const a = recordNfRun({...small, seed: 3});
    const b = recordNfRun({...small, seed: 3});
    const c = recordNfRun({...small, seed: 4});
    expect(b.checkpoints[0]).toEqual(a.checkpoints[0]);
    expect(b.checkpoints[1]).toEqual(a.checkpoints[1]);
    expect(b.evaluation.nll).toBe(a.evaluation.nll);
    expect(c.checkpoints[1]!.latent).not.toEqual(a.checkpoints[1]!.latent);
    expect(() => checkRecording(JSON.parse(JSON.stringify(a)))).not.toThrow();
  });
});
