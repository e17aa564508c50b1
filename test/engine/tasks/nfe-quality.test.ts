import {beforeAll, describe, expect, it} from "vitest";
import {steppedFlow} from "../../../engine/fields/stepped-flow.ts";
import {float64Field} from "../../../engine/fm/likelihood.ts";
import {fastModel} from "../../../engine/fm/model.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {curveSteps, nfeTolerances} from "../../../engine/tasks/nfe-quality-options.ts";
import {
  adaptiveSample,
  comparedModels,
  nfeQuality,
  nfeQualityJob,
  type NfeQualityFrame
} from "../../../engine/tasks/nfe-quality.ts";
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
    expect(last.chosenNfe).toBe(4);
    expect(last.samples.length).toBe(400);
    // With a fixed-step solver the chosen model also gets its Dopri5 sweep, the other model none.
    const T = nfeTolerances.length;
    expect(Array.from(last.adaptiveW2.subarray(T, 2 * T)).every(Number.isFinite)).toBe(true);
    expect(Array.from(last.adaptiveNfe.subarray(0, T)).every(Number.isNaN)).toBe(true);
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

  it("dopri5: each model's sweep is at the NFE counted on an independent solve, with that solve's W2", async () => {
    const frames = await drive({compare: "vp-vs-ot", model: "lipman", solver: "dopri5", tol: "1e-2", n: 200});
    const last = frames.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.nfe.length).toBe(0);
    expect(last.curves.length).toBe(0);
    expect(Array.from(last.tolerances)).toEqual([0.1, 0.01, 0.001, 0.0001]);
    const {source, heldOut} = evaluationData(200);
    const T = nfeTolerances.length;
    for (const [i, name] of last.models.entries()) {
      const w = await loadWeights(name as "lipman" | "vp-diffusion");
      const model = fastModel(k, {}, w.model);
      const field = model.field();
      for (const [j, tol] of Array.from(last.tolerances).entries()) {
        // An independent dopri5 run through integrate(), its evaluations counted here on the field.
        let count = 0;
        const r = integrate(
          (out, y, t) => {
            count++;
            field.velocity(out, y, 200, t);
          },
          source.slice(0, 400),
          {solver: "dopri5", rtol: tol, atol: tol, t0: 0, t1: 1}
        );
        expect(r.nfe).toBe(count);
        expect(last.adaptiveNfe[i * T + j]).toBe(count);
        expect(last.adaptiveW2[i * T + j]).toBeCloseTo(w2(r.y, heldOut, 200), 9);
        if (name === "lipman" && tol === 0.01) {
          expect(last.chosenNfe).toBe(count);
          expect(last.w2).toBeCloseTo(w2(r.y, heldOut, 200), 9);
        }
      }
      model.dispose();
    }
    // The paths have one row per accepted step and the start; a tighter tolerance never costs fewer evaluations.
    expect(last.trajectories.length % (2 * last.pathCount)).toBe(0);
    expect(last.trajectories.length / (2 * last.pathCount)).toBeGreaterThan(1);
    for (const i of [0, 1]) {
      const row = Array.from(last.adaptiveNfe.subarray(i * T, (i + 1) * T));
      for (let j = 1; j < T; j++) expect(row[j]!).toBeGreaterThanOrEqual(row[j - 1]!);
    }
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

  it("what the notes say of Dopri5 at the slides' 500 points: 14 evaluations at 1e-1, the VP path the dearest at 1e-4", async () => {
    const {source, heldOut, n} = evaluationData(500);
    const counted: Record<string, number[]> = {};
    const loosest: Record<string, number> = {};
    for (const name of ["vp-diffusion", "lipman", "i-cfm", "ot-cfm", "rf2"] as const) {
      const model = fastModel(k, {}, (await loadWeights(name)).model);
      counted[name] = [0.1, 1e-4].map((tol) => adaptiveSample(model.field(), source, n, tol).nfe);
      if (name === "i-cfm" || name === "ot-cfm") {
        loosest[name] = w2(adaptiveSample(model.field(), source, n, 0.1).x1, heldOut, n);
      }
      model.dispose();
    }
    for (const c of Object.values(counted)) expect(c[0]).toBe(14);
    const tight = (m: string) => counted[m]![1]!;
    expect(tight("vp-diffusion")).toBeGreaterThan(tight("lipman"));
    for (const m of ["lipman", "i-cfm", "ot-cfm", "rf2"]) expect(tight("vp-diffusion")).toBeGreaterThan(tight(m));
    for (const m of ["ot-cfm", "rf2"]) {
      for (const curved of ["lipman", "i-cfm"]) expect(tight(m)).toBeLessThan(tight(curved));
    }
    // At the loosest tolerance the straight OT-CFM is already good and the curved I-CFM is not.
    expect(loosest["i-cfm"]! - loosest["ot-cfm"]!).toBeGreaterThan(0.5);
  });

  it("a model outside the comparison is a RangeError naming the option", () => {
    const o = checkValues(nfeQuality.options, {compare: "vp-vs-ot", model: "ot-cfm"});
    expect(() => comparedModels(o)).toThrow(/invalid model: ot-cfm/);
  });
});
