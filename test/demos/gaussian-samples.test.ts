import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";
import {gaussianSamples, type GaussianSamplesOptions} from "../../demos/gaussian-samples.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const state = defaults(gaussianSamples.state);
const compute = (o: GaussianSamplesOptions) => gaussianSamples.snapshot!(o, state);
const options = (o: {n?: number; seed?: number; sigma?: number} = {}): GaussianSamplesOptions => ({
  ...defaults(gaussianSamples.options),
  ...o
});

describe("gaussian-samples", () => {
  it("renders the same SVG for the same options (snapshot, 40 samples, seed 7)", () => {
    const o = options({n: 40, seed: 7});
    const svg = gaussianSamples.render(compute(o), o, state);
    expect(svg.tagName.toLowerCase()).toBe("svg");
    expect(svg.querySelectorAll("circle")).toHaveLength(40);
    expectSvgSnapshot("gaussianSamples", svg);
  });

  it("draws the same points for the same seed and different points for another seed", () => {
    const a = compute(options({n: 100, seed: 3}));
    const b = compute(options({n: 100, seed: 3}));
    const c = compute(options({n: 100, seed: 4}));
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    expect(Array.from(a.points)).not.toEqual(Array.from(c.points));
  });

  it("scales the samples by sigma: sample std ≈ sigma (n = 20000, tolerance 3 standard errors)", () => {
    const n = 20000;
    const {points} = compute(options({n, sigma: 2}));
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

  it("its schema rejects n, seed and sigma outside their ranges", () => {
    const parse = (texts: Record<string, string>) => resolveOptions(gaussianSamples.options, texts);
    expect(() => parse({n: "-1"})).toThrow(/invalid n: "-1"/);
    expect(() => parse({n: "2.5"})).toThrow(/invalid n: "2.5"/);
    expect(() => parse({seed: "-3"})).toThrow(/invalid seed: "-3"/);
    expect(() => parse({sigma: "0"})).toThrow(/invalid sigma: "0"/);
    expect(parse({})).toEqual({n: 500, seed: 1, sigma: 1});
  });

  it("hides its label when the state says so", () => {
    const svg = gaussianSamples.render(compute(options({n: 5})), options({n: 5}), {label: false});
    expect(svg.textContent).not.toContain("mean");
    expect(gaussianSamples.render(compute(options({n: 5})), options({n: 5}), state).textContent).toContain(
      "n = 5, mean"
    );
  });

  it("draws empty axes before its first frame", () => {
    const svg = gaussianSamples.render(undefined, options(), state);
    expect(svg.querySelectorAll("circle")).toHaveLength(0);
  });
});
