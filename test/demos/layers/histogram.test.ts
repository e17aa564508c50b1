import {describe, expect, it} from "vitest";
import {figure} from "../../../demos/layers/figure.ts";
import {binsOf, histogram} from "../../../demos/layers/histogram.ts";
import {rng} from "../../../engine/random.ts";
import {assertInDelta} from "../../assert.ts";
import {expectSvgSnapshot} from "../snapshot.ts";

const pdf = (x: number) => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);

describe("histogram against a curve", () => {
  it("draws a density histogram of 200 normal samples under the N(0, 1) curve (snapshot, seed 5)", () => {
    const samples = new Float64Array(200);
    rng(5).fillNormal(samples);
    const svg = figure({
      label: "histogram of samples against N(0, 1)",
      size: "strip",
      x: {domain: [-4, 4]},
      marks: [histogram(samples, {domain: [-4, 4], bins: 16, curve: pdf})]
    });
    expect(svg.querySelectorAll("g[fill='var(--fd-model)'] rect")).toHaveLength(16);
    expect(svg.querySelector("g[stroke='var(--fd-target)'] path")).not.toBeNull();
    expectSvgSnapshot("layerHistogram", svg);
  });

  it("normalizes to a density: the bars' area is 1 when every sample falls in the domain", () => {
    const samples = Float64Array.of(0.1, 0.2, 0.6, 0.99, 1);
    const {x1, x2, y} = binsOf(samples, {domain: [0, 1], bins: 4});
    let area = 0;
    for (let i = 0; i < 4; i++) area += (x2[i]! - x1[i]!) * y[i]!;
    assertInDelta(area, 1, 1e-12);
    expect(Array.from(y)).toEqual([1.6, 0, 0.8, 1.6]); // the maximum lands in the last bin
  });

  it("takes the curve as values, and rejects mismatched ones and bad bins", () => {
    const curve = {x: [0, 1], y: [1, 1]};
    expect(() => histogram([0.5], {domain: [0, 1], curve})).not.toThrow();
    expect(() => histogram([0.5], {domain: [0, 1], curve: {x: [0], y: [1, 2]}})).toThrow(/invalid curve/);
    expect(() => histogram([0.5], {bins: 0})).toThrow(/invalid bins: 0/);
  });
});
