import {describe, expect, it} from "vitest";
import {gaussianSamples, type GaussianSamplesOptions} from "../../demos/gaussian-samples.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const signal = new AbortController().signal;
const options = (o: {n?: number; seed?: number; sigma?: number} = {}): GaussianSamplesOptions => ({
  ...gaussianSamples.defaults,
  ...o
});

describe("gaussian-samples", () => {
  it("renders the same SVG for the same options (snapshot, 40 samples, seed 7)", async () => {
    const o = options({n: 40, seed: 7});
    const svg = gaussianSamples.render(await gaussianSamples.compute(o, signal), o);
    expect(svg.tagName.toLowerCase()).toBe("svg");
    expect(svg.querySelectorAll("circle")).toHaveLength(40);
    expectSvgSnapshot("gaussianSamples", svg);
  });

  it("draws the same points for the same seed and different points for another seed", async () => {
    const a = await gaussianSamples.compute(options({n: 100, seed: 3}), signal);
    const b = await gaussianSamples.compute(options({n: 100, seed: 3}), signal);
    const c = await gaussianSamples.compute(options({n: 100, seed: 4}), signal);
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    expect(Array.from(a.points)).not.toEqual(Array.from(c.points));
  });

  it("scales the samples by sigma: sample std ≈ sigma (n = 20000, tolerance 3 standard errors)", async () => {
    const n = 20000;
    const {points} = await gaussianSamples.compute(options({n, sigma: 2}), signal);
    let sum = 0;
    let squares = 0;
    for (const p of points) {
      sum += p;
      squares += p * p;
    }
    const mean = sum / points.length;
    const std = Math.sqrt(squares / points.length - mean * mean);
    // Standard error of a sample std over m = 2n values: sigma / sqrt(2m).
    assertInDelta(std, 2, (3 * 2) / Math.sqrt(4 * n));
    assertInDelta(mean, 0, (3 * 2) / Math.sqrt(2 * n));
  });

  it("check() rejects n, seed and sigma outside their ranges", () => {
    expect(() => gaussianSamples.check!(options({n: -1}))).toThrow(/invalid n: -1/);
    expect(() => gaussianSamples.check!(options({n: 2.5}))).toThrow(/invalid n: 2.5/);
    expect(() => gaussianSamples.check!(options({seed: -3}))).toThrow(/invalid seed: -3/);
    expect(() => gaussianSamples.check!(options({sigma: 0}))).toThrow(/invalid sigma: 0/);
    expect(() => gaussianSamples.check!(options())).not.toThrow();
  });
});
