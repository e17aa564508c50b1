import {describe, expect, it} from "vitest";
import {checkValues, defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import type {NfeQualityFrame} from "../../engine/tasks/nfe-quality.ts";
import {curveSteps} from "../../engine/tasks/nfe-quality-options.ts";
import {nfeQuality} from "../../demos/nfe-quality.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {maxDifference, recompute} from "./still/independent.ts";

const options = defaults(nfeQuality.options);
const state = defaults(nfeQuality.state);

/** A small seeded frame of the task's shape: 2 models, 30 points, 6 paths of 4 steps. */
function frame(): NfeQualityFrame {
  const random = rng(7);
  const points = (n: number, scale: number) => {
    const x = new Float64Array(2 * n);
    random.fillNormal(x);
    return new Float32Array(x.map((v) => v * scale));
  };
  const curves = Float64Array.from([2.0, 1.2, 0.9, 0.6, 0.5, 0.45, 0.44, 0.5, 0.48, 0.47, 0.46, NaN, NaN, NaN]);
  return {
    models: ["vp-diffusion", "ot-cfm"],
    nfe: Float64Array.from(curveSteps),
    curves,
    heldOut: points(30, 2),
    samples: points(30, 2),
    trajectories: points(5 * 6, 2),
    pathCount: 6,
    w2: 0.4612,
    w2Floor: 0.1321,
    energy: 4.1502,
    displacement: 4.1391,
    straightness: 0.0111,
    done: false
  };
}

describe("nfe-quality demo", () => {
  it("draws the curves with the chosen point's W2, the floor and S read from the frame (snapshot)", () => {
    const figure = nfeQuality.render(frame(), options, state);
    const text = figure.textContent ?? "";
    expect(text).toContain("NFE 4: W2 0.461 · floor 0.132");
    expect(text).toContain("S 0.011");
    expect(text).toContain("OT-CFM");
    expect(text).toContain("VP path");
    expectSvgSnapshot("nfeQualityLive", figure);
  });

  it("says its numbers in its text alternative, unmeasured points as …", () => {
    const d = nfeQuality.describe!(frame(), options, state);
    expect(d).toMatch(/OT-CFM sampled with 4 euler steps \(NFE 4\): W2 to held-out data 0\.461, floor 0\.132/);
    expect(d).toContain("OT-CFM 0.50, 0.48, 0.47, 0.46, …");
  });

  it("refuses a model that the comparison does not draw, naming the option", () => {
    const o = checkValues(nfeQuality.options, {compare: "vp-vs-ot", model: "rf2"});
    expect(() => nfeQuality.check!(o)).toThrow(/invalid model: rf2/);
  });

  it("a still (print) shows the data and says the curves are measured live", () => {
    const still = nfeQuality.snapshot!(options, state);
    expect(nfeQuality.render(still, options, state).textContent).toContain("measured live");
  });

  it("its print still is the chosen model at the chosen solver and steps, recomputed independently", async () => {
    const o = {...options, model: "vp-diffusion" as const, compare: "vp-vs-ot" as const, solver: "euler" as const};
    const still = await nfeQuality.still!(o, state);
    if (!("shipped" in still)) throw new Error("no shipped still");
    expect([still.shipped.name, still.solver, still.steps]).toEqual(["vp-diffusion", "euler", 4]);
    expect(maxDifference(still.samples, await recompute("vp-diffusion", 200, "euler", 4))).toBeLessThan(2e-3);
    const text = nfeQuality.render(still, o, state).textContent ?? "";
    expect(text).toContain("shipped VP path, N(0, I) → moons: 200 samples, 4 euler steps");
    expect(text).toContain("W2 against NFE is measured live on the slide");
  });
});
