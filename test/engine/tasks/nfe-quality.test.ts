import {beforeAll, describe, expect, it} from "vitest";
import {steppedFlow} from "../../../engine/fields/stepped-flow.ts";
import {float64Field} from "../../../engine/fm/likelihood.ts";
import {fastModel} from "../../../engine/fm/model.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {curveSteps} from "../../../engine/tasks/nfe-quality-options.ts";
import {comparedModels, nfeQuality, nfeQualityJob, type NfeQualityFrame} from "../../../engine/tasks/nfe-quality.ts";
import {evaluateShipped, evaluationData, loadWeights} from "../../../engine/weights/index.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
  await loadAssignmentKernels();
});

async function drive(o: Record<string, unknown>): Promise<NfeQualityFrame[]> {
  const options = checkValues(nfeQuality.options, o);
  const job = await nfeQuality.start(options, {kernels: k});
  const frames: NfeQualityFrame[] = [];
  try {
    for (;;) {
      const slice = job.run(50);
      if (slice.frame) frames.push(slice.frame);
      if (slice.done) break;
    }
  } finally {
    job.dispose?.();
  }
  return frames;
}

describe("nfe-quality", () => {
  it("VP vs OT path: curves fill in, the chosen point is on its curve and equals an independent W2", async () => {
    const frames = await drive({compare: "vp-vs-ot", model: "lipman", solver: "euler", steps: 4, n: 200});
    const last = frames.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.models).toEqual(["vp-diffusion", "lipman"]);
    expect(Array.from(last.nfe)).toEqual([...curveSteps]);
    expect(last.curves.every(Number.isFinite)).toBe(true);
    // The chosen model's W2 at 4 Euler steps, recomputed here from the weights with the same points.
    const w = await loadWeights("lipman");
    const model = fastModel(k, {}, w.model);
    const {source, heldOut} = evaluationData(200);
    const flow = steppedFlow(model.field(), source, 200, {solver: "euler", steps: 4});
    flow.step(4);
    model.dispose();
    expect(last.w2).toBeCloseTo(w2(flow.state, heldOut, 200), 9);
    expect(last.curves[1 * curveSteps.length + curveSteps.indexOf(4)]).toBeCloseTo(last.w2, 9);
    expect(last.samples.length).toBe(400);
    expect(last.trajectories.length).toBe(5 * last.pathCount * 2);
    // More steps never hurt much, and at 100 steps both are near their accurate W2.
    const row = (i: number) => Array.from(last.curves.subarray(i * 7, i * 7 + 7));
    for (const i of [0, 1]) expect(row(i)[6]!).toBeLessThan(row(i)[0]!);
    // What the VP-vs-OT slide's notes say: at one Euler step the OT-path model collapses onto the data mean and the VP
    // model, which barely moves early, scores the lower W2; at 100 steps both are within 0.1 of each other.
    expect(row(0)[0]!).toBeLessThan(row(1)[0]!);
    expect(Math.abs(row(0)[6]! - row(1)[6]!)).toBeLessThan(0.1);
    // S = E − E‖x₁ − x₀‖² ≥ 0 (up to quadrature).
    expect(last.straightness).toBeGreaterThan(-1e-3);
    expect(last.straightness).toBeCloseTo(last.energy - last.displacement, 12);
    // The VP path's uneven speed: its S is the larger one (the notes of the VP-vs-OT slide).
    const vp = (await drive({compare: "vp-vs-ot", model: "vp-diffusion", solver: "euler", steps: 4, n: 200})).at(-1)!;
    expect(vp.straightness).toBeGreaterThan(last.straightness);
  });

  it("at 25 RK4 steps on 1000 points the W2 is the one the shipped file states (float32 vs float64 field)", async () => {
    const w = await loadWeights("ot-cfm");
    const f32 = fastModel(k, {}, w.model);
    const job = nfeQualityJob(
      checkValues(nfeQuality.options, {compare: "all", model: "ot-cfm", solver: "rk4", steps: 25, n: 1000}),
      new Map([["ot-cfm", f32]])
    );
    const first = job.run(0).frame!;
    job.dispose?.();
    expect(Math.abs(first.w2 - w.evaluation.w2)).toBeLessThan(0.01);
    expect(evaluateShipped(float64Field(w.model), 1000).w2).toBeCloseTo(w.evaluation.w2, 9);
  });

  it("what the sampling slide's notes say: OT-CFM and 2-RF are near their best at one Euler step, I-CFM is not", async () => {
    const last = (await drive({compare: "all", model: "ot-cfm", solver: "euler", steps: 1, n: 200})).at(-1)!;
    const at = (model: string, j: number) => last.curves[last.models.indexOf(model) * curveSteps.length + j]!;
    for (const m of ["ot-cfm", "rf2"]) expect(at(m, 0) - at(m, 6)).toBeLessThan(0.15);
    expect(at("i-cfm", 0) - at("i-cfm", 6)).toBeGreaterThan(1);
  });

  it("a model outside the comparison is a RangeError naming the option", () => {
    const o = checkValues(nfeQuality.options, {compare: "vp-vs-ot", model: "ot-cfm"});
    expect(() => comparedModels(o)).toThrow(/invalid model: ot-cfm/);
  });
});
