import {describe, expect, it} from "vitest";
import {figure} from "../../../demos/layers/figure.ts";
import {lossCurve} from "../../../demos/layers/loss-curve.ts";
import {rng} from "../../../engine/random.ts";
import {expectSvgSnapshot} from "../snapshot.ts";

/** A falling noisy loss: 2 + 3 e^(−step/40) + noise, over 200 steps. */
function losses(seed: number) {
  const r = rng(seed);
  const steps = Float64Array.from({length: 200}, (_, i) => i);
  const values = steps.map((s) => 2 + 3 * Math.exp(-s / 40) + 0.1 * r.normal());
  return {steps, values};
}

describe("loss curve", () => {
  it("draws two labelled series over a dashed floor C on a log scale (snapshot, seeds 6 and 7)", () => {
    const a = losses(6);
    const b = losses(7);
    const svg = figure({
      label: "loss against step",
      size: "strip",
      y: {type: "log", label: "loss"},
      x: {label: "step"},
      marginRight: 90,
      marks: [
        lossCurve(a.steps, a.values, {label: "CFM", log: true, floor: 1.9}),
        lossCurve(
          b.steps,
          b.values.map((v) => v - 0.2),
          {label: "FM", color: "marginal", log: true}
        )
      ]
    });
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["CFM", "FM", "C"]));
    expect(svg.querySelector("g[stroke='var(--fd-muted)']")!.getAttribute("stroke-dasharray")).toBe("10 6");
    expectSvgSnapshot("layerLossCurve", svg);
  });

  it("leaves gaps for NaN, and for non-positive losses on a log scale", () => {
    const svg = figure({
      label: "loss",
      y: {type: "log"},
      marks: [lossCurve([0, 1, 2, 3, 4], [1, NaN, 0.5, -1, 0.2], {log: true, label: "L"})]
    });
    expect(svg.querySelector("g[stroke='var(--fd-model)'] path")!.getAttribute("d")!.match(/M/g)).toHaveLength(3);
  });

  it("rejects steps and losses of different lengths and a bad floor", () => {
    expect(() => lossCurve([0, 1], [1])).toThrow(/invalid loss curve: 2 steps and 1 losses/);
    expect(() => lossCurve([0], [1], {floor: 0, log: true})).toThrow(/invalid floor: 0/);
  });
});
