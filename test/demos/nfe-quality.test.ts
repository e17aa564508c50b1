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

/**
 * A small seeded frame of the task's shape: 2 models, 30 points, 6 paths of 4 steps; the two curves start at the same
 * W2 (their labels must be moved apart), and the chosen model's Dopri5 sweep is measured, the other's not.
 */
function frame(): NfeQualityFrame {
  const random = rng(7);
  const points = (n: number, scale: number) => {
    const x = new Float64Array(2 * n);
    random.fillNormal(x);
    return new Float32Array(x.map((v) => v * scale));
  };
  const curves = Float64Array.from([0.5, 1.2, 0.9, 0.6, 0.5, 0.45, 0.44, 0.5, 0.48, 0.47, 0.46, NaN, NaN, NaN]);
  return {
    models: ["vp-diffusion", "ot-cfm"],
    nfe: Float64Array.from(curveSteps),
    curves,
    tolerances: Float64Array.from([0.1, 0.01, 0.001, 0.0001]),
    adaptiveNfe: Float64Array.from([NaN, NaN, NaN, NaN, 14, 20, 26, 38]),
    adaptiveW2: Float64Array.from([NaN, NaN, NaN, NaN, 0.52, 0.47, 0.4555, 0.45]),
    chosenNfe: 4,
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
    expect(text).toContain("NFE 4: W2 0.461 · floor 0.132 · Dopri5 1e-4: NFE 38, W2 0.450");
    expect(text).toContain("S 0.011");
    expect(text).toContain("OT-CFM");
    expect(text).toContain("VP path");
    expect(text).toContain("Dopri5");
    expectSvgSnapshot("nfeQualityLive", figure);
  });

  it("moves the labels of curves that start at the same point apart, at least 20 px, with a leader", () => {
    const figure = nfeQuality.render(frame(), options, state);
    const labels = Array.from(figure.querySelectorAll("text"))
      .filter((t) => ["VP path", "OT-CFM"].includes(t.textContent ?? ""))
      .map((t) => Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute("transform") ?? "")![1]));
    expect(labels).toHaveLength(2);
    labels.sort((a, b) => a - b);
    for (let i = 1; i < labels.length; i++) expect(labels[i]! - labels[i - 1]!).toBeGreaterThanOrEqual(20);
    expect(figure.querySelector("g[aria-label='link'] path")).not.toBeNull();
  });

  it("with dopri5, the curves are the tolerance sweeps and the readout says the NFE was counted", () => {
    const o = checkValues(nfeQuality.options, {solver: "dopri5", tol: "1e-3"});
    const f = {...frame(), nfe: new Float64Array(0), curves: new Float64Array(0), chosenNfe: 26, w2: 0.4555};
    const figure = nfeQuality.render(f, o, state);
    expect(figure.textContent).toContain("Dopri5 tol 1e-3: NFE 26 (counted) · W2 0.456 · floor 0.132");
    const d = nfeQuality.describe!(f, o, state);
    expect(d).toContain("OT-CFM sampled with dopri5 at tol 1e-3 (NFE 26, counted): W2 to held-out data 0.456");
    expect(d).toContain("OT-CFM NFE 14 → 0.52, NFE 20 → 0.47, NFE 26 → 0.46, NFE 38 → 0.45");
    expect(d).not.toContain("W2 at NFE");
  });

  it("says its numbers in its text alternative, unmeasured points as …", () => {
    const d = nfeQuality.describe!(frame(), options, state);
    expect(d).toMatch(/OT-CFM sampled after 4 euler steps \(NFE 4\): W2 to held-out data 0\.461, floor 0\.132/);
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
