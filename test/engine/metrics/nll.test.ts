import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {meanNll} from "../../../engine/metrics/nll.ts";
import {rng} from "../../../engine/random.ts";

describe("meanNll", () => {
  it("of data under its own density estimates the entropy (N(0,I): 1 + ln 2π)", () => {
    const d = dataset("normal");
    const n = 40000;
    // sd of −log p under N(0, I₂) is 1 (half a χ²₂), so the standard error is 1/√n = 0.005.
    assertInDelta(meanNll(d.logDensity!, d.sample(n, rng(1))), 1 + Math.log(2 * Math.PI), 0.02, "NLL");
  });

  it("is exact on a checkerboard sample (log 32) and +Infinity off the support", () => {
    const d = dataset("checkerboard");
    assertInDelta(meanNll(d.logDensity!, d.sample(100, rng(2))), Math.log(32), 1e-12, "NLL");
    expect(meanNll(d.logDensity!, Float64Array.from([1, -1]))).toBe(Infinity);
  });

  it("rejects NaN densities and malformed input", () => {
    const nan = (out: Float64Array) => out.fill(NaN);
    expect(() => meanNll(nan, new Float64Array(4))).toThrow(/non-finite log-density/);
    expect(() => meanNll(nan, new Float64Array(3))).toThrow(/invalid sample/);
  });
});
