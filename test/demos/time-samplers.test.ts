import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import {logitNormalTime, shiftTime} from "../../engine/time/samplers.ts";
import {computeFrame, DRAWS, samplerOf, timeSamplers, type TimeSamplersState} from "../../demos/time-samplers.ts";
import {binsOf} from "../../demos/layers/histogram.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const base = defaults(timeSamplers.state);
const settings: TimeSamplersState[] = [
  {...base, sampler: "uniform"},
  {...base, sampler: "logit-normal"},
  {...base, sampler: "logit-normal", mu: -0.8, spread: 0.6},
  {...base, sampler: "pi0-beta"},
  {...base, sampler: "uniform", kappa: 3},
  {...base, sampler: "logit-normal", kappa: 0.5}
];

const name = (s: TimeSamplersState) => `${s.sampler} μ=${s.mu} ς=${s.spread} κ=${s.kappa}`;

describe("time-samplers", () => {
  it("each density integrates to 1 and the sample mean of 20,000 draws is within 4 standard errors of its mean", () => {
    for (const s of settings) {
      const f = computeFrame(0, s);
      expect(f.samples).toHaveLength(DRAWS);
      assertInDelta(f.mass, 1, 2e-3, `∫ p, ${name(s)}`);
      let v = 0;
      for (const x of f.samples) v += (x - f.sampleMean) ** 2;
      const se = Math.sqrt(v / (DRAWS - 1) / DRAWS);
      assertInDelta(f.sampleMean, f.exactMean, 4 * se, `mean, ${name(s)}`);
    }
  });

  it("the histogram follows the density: every one of 20 bins within 0.15 of the density's bin average", () => {
    for (const s of settings) {
      const f = computeFrame(1, s);
      const bins = binsOf(f.samples, {domain: [0, 1], bins: 20});
      for (let b = 0; b < 20; b++) {
        let avg = 0;
        for (let c = 0; c < 100; c++) avg += f.density((b + (c + 0.5) / 100) / 20) / 100;
        assertInDelta(bins.y[b]!, avg, 0.15 + 0.05 * avg, `bin ${b}, ${name(s)}`);
      }
    }
  });

  it("known means: uniform 1/2, logit-normal(0, ς) 1/2, π0's 1 − (0.001 + 0.999·0.6)", () => {
    assertInDelta(computeFrame(0, settings[0]!).exactMean, 0.5, 1e-9);
    assertInDelta(computeFrame(0, settings[1]!).exactMean, 0.5, 1e-9);
    assertInDelta(computeFrame(0, settings[3]!).exactMean, 1 - (0.001 + 0.999 * 0.6), 1e-4);
  });

  it("the SD3 shift in our time is t' = t / (κ − (κ − 1) t), and κ = 3 moves the mean toward noise", () => {
    for (const k of [0.5, 3, 5]) {
      for (const t of [0.1, 0.5, 0.9]) assertInDelta(shiftTime(t, k), t / (k - (k - 1) * t), 1e-14, `κ=${k} t=${t}`);
    }
    expect(computeFrame(0, settings[4]!).exactMean).toBeLessThan(0.5);
  });

  it("SD3's logit-normal written in its time s = 1 − t has location −μ in ours (the sign flip)", () => {
    const m = 0.7;
    const sd3 = new Float64Array(DRAWS);
    const r = rng(4);
    for (let i = 0; i < DRAWS; i++) sd3[i] = 1 - 1 / (1 + Math.exp(-(m + r.normal())));
    const ours = samplerOf({...base, sampler: "logit-normal", mu: -m, spread: 1});
    const mean = sd3.reduce((a, b) => a + b, 0) / DRAWS;
    assertInDelta(mean, computeFrame(0, {...base, mu: -m}).exactMean, 0.01);
    for (const t of [0.2, 0.5, 0.8]) {
      // density of t = 1 − s with s ~ logit-normal(m, 1) is logit-normal(m, 1) at 1 − t
      assertInDelta(ours.density!(t), logitNormalTime({mean: m}).density!(1 - t), 1e-12);
    }
  });

  it("renders the same SVG for the same state, stating the means it computed", () => {
    const f = timeSamplers.snapshot!({seed: 0}, base);
    const svg = timeSamplers.render(f, {seed: 0}, base);
    expect(svg.textContent).toContain(`mean ${f.sampleMean.toFixed(3)} (exact ${f.exactMean.toFixed(3)})`);
    expectSvgSnapshot("time-samplers", svg);
  });
});
